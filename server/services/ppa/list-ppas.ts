import type { Queryable } from '@/db';
import { toPesoString } from '../../domain/money';
import { deriveFigures } from '../../domain/portfolio';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { ListPpasRequest, ListPpasResponse, PpaListItem, PpaListSort, PpaListTotals } from '../../contracts/ppa';
import { readFigureTotals, readPpaFigures, type FigureCursor, type FigureSort, type PpaFigureRow, type PpaFilters } from '../portfolio/ppa-figures';

/**
 * The list's order: by a column (asc or desc) or, by default, newest fiscal year first. Ties always go by
 * title then id, so every order is total and keyset pages neither skip nor repeat a PPA.
 */
function sortOf(filters: ListPpasRequest): FigureSort {
  if (!filters.sort) return { key: 'fiscalYear', order: 'desc' };
  return { key: filters.sort, order: filters.order ?? 'asc' };
}

/**
 * Cursors: the default order keeps its original form [fiscalYear, title, id]; a sorted list's is
 * [sort, order, key, title, id], and only fits the same sort and order.
 */
type DefaultCursor = [fiscalYear: number, title: string, id: string];
type SortedCursor = [sort: PpaListSort, order: 'asc' | 'desc', value: string, title: string, id: string];

function encodeCursor(cursor: DefaultCursor | SortedCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const strings = (values: unknown[]) => values.every((v) => typeof v === 'string' && !v.includes('\u0000'));

/** Sort keys as their SQL reads them back: a cursor holding anything else is refused before it reaches SQL. */
const KEY_PATTERN: Record<PpaListSort, RegExp> = {
  title: /^[\s\S]{0,300}$/,
  allocation: /^-?\d{1,18}(\.\d{1,30})?$/,
  utilisation: /^-?\d{1,18}(\.\d{1,30})?$/,
  progress: /^\d{1,3}$/,
  stage: /^[a-z_]{1,40}$/,
  daysInStage: /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:\d{2})?|Z)?$/,
};

function decodeCursor(raw: string, sort: FigureSort, sorted: boolean): FigureCursor {
  const refuse = (why: string) => AppError.badField('cursor', `The page cursor ${why}; start again from the first page.`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw refuse('is not valid');
  }
  if (!Array.isArray(value)) throw refuse('is not valid');
  if (!sorted) {
    const [fiscalYear, title, id] = value as unknown[];
    if (value.length === 3 && Number.isInteger(fiscalYear) && strings([title, id]) && UUID.test(id as string)) {
      return { value: String(fiscalYear), title: title as string, id: id as string };
    }
    throw refuse(value.length === 5 ? 'belongs to a sorted list' : 'is not valid');
  }
  const [key, order, keyValue, title, id] = value as unknown[];
  if (value.length !== 5 || !strings([key, order, keyValue, title, id]) || !UUID.test(id as string)) throw refuse('is not valid');
  if (key !== sort.key || order !== sort.order) throw refuse('belongs to another sort order');
  if (!KEY_PATTERN[sort.key as PpaListSort].test(keyValue as string)) throw refuse('is not valid');
  return { value: keyValue as string, title: title as string, id: id as string };
}

export function filtersOf(filters: ListPpasRequest): PpaFilters {
  return {
    fiscalYear: filters.fiscalYear,
    moaId: filters.moaId,
    moaCode: filters.moa,
    sector: filters.sector,
    approvalStage: filters.approvalStage,
    status: filters.status,
    q: filters.q,
  };
}

export function toListItem(row: PpaFigureRow): PpaListItem {
  return {
    id: row.id,
    title: row.title,
    moa: { id: row.moaId, code: row.moaCode, name: row.moaName },
    category: row.category,
    sector: row.sector,
    fiscalYear: row.fiscalYear,
    budgetCeiling: row.budgetCeiling,
    budgetAllocation: row.budgetAllocation,
    status: row.status,
    approvalStage: row.approvalStage,
    progress: row.progress,
    obligations: toPesoString(row.money.obligations),
    disbursements: toPesoString(row.money.disbursements),
    utilisation: row.figures.utilisation,
    stageEnteredAt: row.stageEnteredAt,
    daysInStage: row.daysInStage,
  };
}

/**
 * PPAs the viewer may see, a page at a time (keyset pagination), in the chosen order, with their ledger
 * figures; with `withTotals`, also the count and sums over every page. One statement per page, one for totals.
 */
export async function listPpas(options: { db: Queryable; viewer: Viewer; filters: ListPpasRequest; now?: Date }): Promise<ListPpasResponse> {
  const { db, viewer, filters } = options;
  const now = options.now ?? new Date();
  const limit = filters.limit ?? 25;
  const sort = sortOf(filters);
  const cursor = filters.cursor ? decodeCursor(filters.cursor, sort, Boolean(filters.sort)) : null;
  const scope = filtersOf(filters);

  const rows = await readPpaFigures({ db, viewer, filters: scope, now, sort, cursor, limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  let nextCursor: string | null = null;
  if (rows.length > limit && last) {
    nextCursor = filters.sort
      ? encodeCursor([filters.sort, sort.order, last.sortValue, last.title, last.id])
      : encodeCursor([last.fiscalYear, last.title, last.id]);
  }
  const response: ListPpasResponse = { items: page.map(toListItem), nextCursor };
  if (filters.withTotals) response.totals = await listTotals({ db, viewer, filters, now });
  return response;
}

/** The count and money totals of every PPA the filters select: the list's totals row. */
export async function listTotals(options: { db: Queryable; viewer: Viewer; filters: ListPpasRequest; now?: Date }): Promise<PpaListTotals> {
  const { count, money } = await readFigureTotals({ db: options.db, viewer: options.viewer, filters: filtersOf(options.filters), now: options.now });
  return {
    count,
    budgetCeiling: toPesoString(money.ceiling),
    budgetAllocation: toPesoString(money.allocation),
    obligations: toPesoString(money.obligations),
    disbursements: toPesoString(money.disbursements),
    utilisation: deriveFigures(money).utilisation,
  };
}

/** Every PPA the filters select, in the list's order, for an export (no pages). One statement. */
export async function listPpasForExport(options: { db: Queryable; viewer: Viewer; filters: ListPpasRequest; now?: Date }): Promise<PpaFigureRow[]> {
  const { db, viewer, filters } = options;
  return readPpaFigures({ db, viewer, filters: filtersOf(filters), now: options.now ?? new Date(), sort: sortOf(filters) });
}
