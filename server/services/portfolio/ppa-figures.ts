import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { moas, ppas } from '@/db/schema';
import { centavosOf, type Centavos } from '../../domain/money';
import { deriveFigures, type DerivedFigures, type MoneyTotals } from '../../domain/portfolio';
import type { ApprovalStage, AppropriationClass, PpaCategory, PpaSector, PpaStatus, Viewer } from '../../domain/types';
import { visiblePpasCondition } from '../access';

/**
 * The one per-PPA figures query behind the portfolio dashboard, the PPA list (its money columns, sorting,
 * totals and export) and the MFBM and COA reports. For every PPA the viewer may see (MOA scoping through
 * visiblePpasCondition) and that the filters select: ceiling, allocation, obligations and disbursements (ledger
 * sums by kind, so a reversal nets its entry out), days in the approval stage (Manila calendar days) and open
 * alerts. One statement, whatever the number of PPAs: a CTE and GROUP BY, never a query per PPA.
 *
 * The definitions are the allocation tree's (server/domain/rollup.ts): actual = disbursements; a PPA's
 * allocation is its budget allocation (the source of truth), a missing one counting as zero.
 */

export interface PpaFilters {
  fiscalYear?: number;
  moaId?: string;
  /** The MOA's code (MSSD); an unknown or foreign code selects nothing. */
  moaCode?: string;
  sector?: PpaSector;
  approvalStage?: ApprovalStage;
  status?: PpaStatus;
  /** Words in the title or description. */
  q?: string;
}

export interface PpaFigureRow {
  id: string;
  title: string;
  moaId: string;
  moaCode: string;
  moaName: string;
  category: PpaCategory;
  sector: PpaSector;
  fiscalYear: number;
  appropriationClass: AppropriationClass | null;
  status: PpaStatus;
  approvalStage: ApprovalStage;
  progress: number;
  budgetCeiling: string | null;
  budgetAllocation: string | null;
  money: MoneyTotals;
  figures: DerivedFigures;
  /**
   * What approved modification requests moved between the PPA's items: out of some, into others (each line
   * counted once). A PPA's total never changes (BAA No. 84, s. 49), so the two are equal.
   */
  transfers: { in: Centavos; out: Centavos };
  stageEnteredAt: string;
  daysInStage: number;
  openAlerts: number;
  /** The row's sort key as text, for the next page's cursor. */
  sortValue: string;
}

/**
 * How rows are ordered: a key and a direction; ties go by title then id, so the order is total and a cursor
 * (the last row's key, title and id) picks up exactly where a page ended.
 */
export type FigureSortKey = 'fiscalYear' | 'moa' | 'title' | 'allocation' | 'utilisation' | 'progress' | 'stage' | 'daysInStage';
export interface FigureSort {
  key: FigureSortKey;
  order: 'asc' | 'desc';
}
export interface FigureCursor {
  value: string;
  title: string;
  id: string;
}

interface KeyDefinition {
  /** The key on the ppas/moas row, or null when it needs the ledger (computed in the figures CTE). */
  onPpa: SQL | null;
  /** The SQL type the cursor's text is read back as. */
  type: 'int' | 'text' | 'numeric' | 'approval_stage' | 'timestamptz';
  /** Ordered the other way round: more days in the stage is an earlier entry into it. */
  inverted?: boolean;
}

/** Keys never null (a sentinel below every real value stands in), so one comparison serves the cursor. */
const KEYS: Record<FigureSortKey, KeyDefinition> = {
  fiscalYear: { onPpa: sql`ppas.fiscal_year`, type: 'int' },
  moa: { onPpa: sql`moas.code`, type: 'text' },
  title: { onPpa: sql`ppas.title`, type: 'text' },
  allocation: { onPpa: sql`coalesce(ppas.budget_allocation, -1)`, type: 'numeric' },
  utilisation: { onPpa: null, type: 'numeric' },
  progress: { onPpa: sql`ppas.progress`, type: 'int' },
  // The enum's order is the workflow's (draft → … → enacted, then rejected).
  stage: { onPpa: sql`ppas.approval_stage`, type: 'approval_stage' },
  daysInStage: { onPpa: sql`ppas.stage_entered_at`, type: 'timestamptz', inverted: true },
};

/** Disbursements ÷ allocation, exact (numeric), −1 without an allocation: the utilisation sort key. */
const UTILISATION_KEY = sql`coalesce(ledger_figures.disbursements / nullif(ledger_figures.allocation, 0), -1)`;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE condition on ppas ⋈ moas: what the viewer may see, narrowed by the filters. */
export function ppaFilterCondition(viewer: Viewer, filters: PpaFilters): SQL {
  const pattern = filters.q ? `%${escapeLike(filters.q)}%` : null;
  return (
    and(
      visiblePpasCondition(viewer),
      filters.fiscalYear !== undefined ? eq(ppas.fiscalYear, filters.fiscalYear) : undefined,
      filters.moaId ? eq(ppas.moaId, filters.moaId) : undefined,
      filters.moaCode ? eq(moas.code, filters.moaCode) : undefined,
      filters.sector ? eq(ppas.sector, filters.sector) : undefined,
      filters.approvalStage ? eq(ppas.approvalStage, filters.approvalStage) : undefined,
      filters.status ? eq(ppas.status, filters.status) : undefined,
      pattern ? or(ilike(ppas.title, pattern), ilike(ppas.description, pattern)) : undefined,
    ) ?? sql`true`
  );
}

function direction(sort: FigureSort): SQL {
  const ascending = (sort.order === 'asc') !== Boolean(KEYS[sort.key].inverted);
  return sql.raw(ascending ? 'asc' : 'desc');
}

/** Rows strictly after the cursor in this order: the key further along, or the same key and a later (title, id). */
function afterCursor(key: SQL, title: SQL, id: SQL, sort: FigureSort, cursor: FigureCursor): SQL {
  const definition = KEYS[sort.key];
  const ascending = (sort.order === 'asc') !== Boolean(definition.inverted);
  const value = sql`${cursor.value}::${sql.raw(definition.type)}`;
  const further = ascending ? sql`${key} > ${value}` : sql`${key} < ${value}`;
  return sql`(${further} or (${key} = ${value} and (${title}, ${id}) > (${cursor.title}, ${cursor.id}::uuid)))`;
}

/** Today in Manila as the SQL date days in stage are counted to. */
function manilaToday(now: Date): SQL {
  return sql`(${now.toISOString()}::timestamptz at time zone 'Asia/Manila')::date`;
}

/**
 * The CTEs `scoped` (the PPAs), `ledger_figures` (with their ledger sums and open alerts) as SQL to prefix a
 * statement with. The sums are each PPA's row of ppa_ledger_totals, which the database keeps equal to its
 * ledger (db/schema/ledger.ts), so no request sums the year's entries. With a sort key that needs no
 * ledger, `scoped` already holds only the page.
 */
export function figuresCtes(options: { viewer: Viewer; filters: PpaFilters; now: Date; sort?: FigureSort; cursor?: FigureCursor | null; limit?: number }): SQL {
  const { viewer, filters, now, sort, cursor, limit } = options;
  const onPpa = sort ? KEYS[sort.key].onPpa : null;
  const pageFirst = sort && onPpa !== null && limit !== undefined;
  const scopedKey = onPpa ?? sql`null::text`;
  return sql`
    with scoped as (
      select ppas.id, ppas.title, ppas.moa_id, moas.code as moa_code, moas.name as moa_name, ppas.category, ppas.sector,
             ppas.fiscal_year, ppas.appropriation_class, ppas.status, ppas.approval_stage, ppas.progress,
             ppas.budget_ceiling, ppas.budget_allocation, ppas.stage_entered_at, ${scopedKey} as sort_key
      from ${ppas} join ${moas} on moas.id = ppas.moa_id
      where ${ppaFilterCondition(viewer, filters)}
        ${pageFirst && cursor ? sql`and ${afterCursor(onPpa, sql`ppas.title`, sql`ppas.id`, sort, cursor)}` : sql``}
      ${pageFirst ? sql`order by ${onPpa} ${direction(sort)}, ppas.title, ppas.id limit ${limit}` : sql``}
    ),
    ledger as (
      select t.ppa_id, t.obligations, t.disbursements
      from ppa_ledger_totals t
      where t.ppa_id in (select id from scoped)
    ),
    transfers as (
      select r.ppa_id, sum(l.amount) as moved
      from modification_requests r join modification_lines l on l.request_id = r.id
      where r.status = 'approved' and r.ppa_id in (select id from scoped)
      group by r.ppa_id
    ),
    open_alerts as (
      select a.ppa_id, count(*)::int as open_alerts
      from alerts a
      where a.resolved_at is null and a.ppa_id in (select id from scoped)
      group by a.ppa_id
    ),
    ledger_figures as (
      select s.*,
             coalesce(s.budget_ceiling, 0) as ceiling,
             coalesce(s.budget_allocation, 0) as allocation,
             coalesce(l.obligations, 0) as obligations,
             coalesce(l.disbursements, 0) as disbursements,
             (${manilaToday(now)} - (s.stage_entered_at at time zone 'Asia/Manila')::date) as days_in_stage,
             coalesce(oa.open_alerts, 0) as open_alerts,
             coalesce(tr.moved, 0) as transfers
      from scoped s
      left join ledger l on l.ppa_id = s.id
      left join transfers tr on tr.ppa_id = s.id
      left join open_alerts oa on oa.ppa_id = s.id
    )`;
}

interface FigureSqlRow {
  id: string;
  title: string;
  moa_id: string;
  moa_code: string;
  moa_name: string;
  category: PpaCategory;
  sector: PpaSector;
  fiscal_year: number;
  appropriation_class: AppropriationClass | null;
  status: PpaStatus;
  approval_stage: ApprovalStage;
  progress: number;
  budget_ceiling: string | null;
  budget_allocation: string | null;
  obligations: string;
  disbursements: string;
  stage_entered_at: string;
  days_in_stage: number;
  open_alerts: number;
  transfers: string;
  sort_value: string | null;
}

/** A timestamp as ISO text with its microseconds, the same on PostgreSQL and PGlite whatever the session's time zone. */
export const isoTimestamp = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function toFigureRow(r: FigureSqlRow): PpaFigureRow {
  const money: MoneyTotals = {
    ceiling: centavosOf(r.budget_ceiling),
    allocation: centavosOf(r.budget_allocation),
    obligations: centavosOf(r.obligations),
    disbursements: centavosOf(r.disbursements),
  };
  return {
    id: r.id,
    title: r.title,
    moaId: r.moa_id,
    moaCode: r.moa_code,
    moaName: r.moa_name,
    category: r.category,
    sector: r.sector,
    fiscalYear: Number(r.fiscal_year),
    appropriationClass: r.appropriation_class,
    status: r.status,
    approvalStage: r.approval_stage,
    progress: Number(r.progress),
    budgetCeiling: r.budget_ceiling,
    budgetAllocation: r.budget_allocation,
    money,
    figures: deriveFigures(money),
    transfers: { in: centavosOf(r.transfers), out: centavosOf(r.transfers) },
    stageEnteredAt: r.stage_entered_at,
    daysInStage: Math.max(0, Number(r.days_in_stage)),
    openAlerts: Number(r.open_alerts),
    sortValue: r.sort_value ?? '',
  };
}

/**
 * PPAs with their figures in the given order, optionally a page (rows after `cursor`, at most `limit`).
 * One statement. Without a sort: by MOA code, then title (the reports' order).
 */
export async function readPpaFigures(options: {
  db: Queryable;
  viewer: Viewer;
  filters: PpaFilters;
  now?: Date;
  sort?: FigureSort;
  cursor?: FigureCursor | null;
  limit?: number;
}): Promise<PpaFigureRow[]> {
  const { db, viewer, filters, cursor, limit } = options;
  const now = options.now ?? new Date();
  const sort = options.sort ?? { key: 'moa', order: 'asc' };
  const key = KEYS[sort.key].onPpa ? sql`ledger_figures.sort_key` : UTILISATION_KEY;
  const result = await db.execute(sql`
    ${figuresCtes({ viewer, filters, now, sort, cursor, limit })}
    select ledger_figures.id, ledger_figures.title, ledger_figures.moa_id, ledger_figures.moa_code, ledger_figures.moa_name,
           ledger_figures.category, ledger_figures.sector, ledger_figures.fiscal_year, ledger_figures.appropriation_class,
           ledger_figures.status, ledger_figures.approval_stage, ledger_figures.progress,
           ledger_figures.budget_ceiling::text as budget_ceiling, ledger_figures.budget_allocation::text as budget_allocation,
           ledger_figures.obligations::text as obligations, ledger_figures.disbursements::text as disbursements,
           ${isoTimestamp(sql`ledger_figures.stage_entered_at`)} as stage_entered_at,
           ledger_figures.days_in_stage, ledger_figures.open_alerts, ledger_figures.transfers::text as transfers,
           (${key})::text as sort_value
    from ledger_figures
    ${cursor ? sql`where ${afterCursor(key, sql`ledger_figures.title`, sql`ledger_figures.id`, sort, cursor)}` : sql``}
    order by ${key} ${direction(sort)}, ledger_figures.title, ledger_figures.id
    ${limit !== undefined ? sql`limit ${limit}` : sql``}`);
  return rowsOf<FigureSqlRow>(result).map(toFigureRow);
}

export interface FigureTotals {
  count: number;
  money: MoneyTotals;
}

/** The count and money sums of every PPA the filters select (the list's totals row): one statement. */
export async function readFigureTotals(options: { db: Queryable; viewer: Viewer; filters: PpaFilters; now?: Date }): Promise<FigureTotals> {
  const { db, viewer, filters } = options;
  const result = await db.execute(sql`
    ${figuresCtes({ viewer, filters, now: options.now ?? new Date() })}
    select count(*)::int as count, sum(ceiling)::text as ceiling, sum(allocation)::text as allocation,
           sum(obligations)::text as obligations, sum(disbursements)::text as disbursements
    from ledger_figures`);
  const [row] = rowsOf<{ count: number; ceiling: string | null; allocation: string | null; obligations: string | null; disbursements: string | null }>(result);
  return {
    count: Number(row?.count ?? 0),
    money: {
      ceiling: centavosOf(row?.ceiling),
      allocation: centavosOf(row?.allocation),
      obligations: centavosOf(row?.obligations),
      disbursements: centavosOf(row?.disbursements),
    },
  };
}
