import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { moas, ppas } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { ListPpasRequest, ListPpasResponse } from '../../contracts/ppa';
import { visiblePpasCondition } from './scope';

type Cursor = [fiscalYear: number, title: string, id: string];

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string' && typeof value[2] === 'string') {
      return value as Cursor;
    }
  } catch {
    // fall through to the error below
  }
  throw AppError.badField('cursor', 'The page cursor is not valid; start again from the first page.');
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** PPAs the viewer may see, newest fiscal year first then by title, a page at a time (keyset pagination). */
export async function listPpas(options: { db: Queryable; viewer: Viewer; filters: ListPpasRequest }): Promise<ListPpasResponse> {
  const { db, viewer, filters } = options;
  const limit = filters.limit ?? 25;
  const cursor = filters.cursor ? decodeCursor(filters.cursor) : null;
  const pattern = filters.q ? `%${escapeLike(filters.q)}%` : null;

  const rows = await db
    .select({
      id: ppas.id,
      title: ppas.title,
      moa: { id: moas.id, code: moas.code, name: moas.name },
      category: ppas.category,
      sector: ppas.sector,
      fiscalYear: ppas.fiscalYear,
      budgetCeiling: ppas.budgetCeiling,
      budgetAllocation: ppas.budgetAllocation,
      status: ppas.status,
      approvalStage: ppas.approvalStage,
      progress: ppas.progress,
    })
    .from(ppas)
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .where(
      and(
        visiblePpasCondition(viewer),
        filters.fiscalYear ? eq(ppas.fiscalYear, filters.fiscalYear) : undefined,
        filters.moaId ? eq(ppas.moaId, filters.moaId) : undefined,
        filters.moa ? eq(moas.code, filters.moa) : undefined,
        filters.approvalStage ? eq(ppas.approvalStage, filters.approvalStage) : undefined,
        filters.status ? eq(ppas.status, filters.status) : undefined,
        pattern ? or(ilike(ppas.title, pattern), ilike(ppas.description, pattern)) : undefined,
        cursor
          ? sql`(${ppas.fiscalYear} < ${cursor[0]} or (${ppas.fiscalYear} = ${cursor[0]} and (${ppas.title}, ${ppas.id}) > (${cursor[1]}, ${cursor[2]}::uuid)))`
          : undefined,
      ),
    )
    .orderBy(desc(ppas.fiscalYear), asc(ppas.title), asc(ppas.id))
    .limit(limit + 1);

  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor([last.fiscalYear, last.title, last.id]) : null;
  return { items, nextCursor };
}
