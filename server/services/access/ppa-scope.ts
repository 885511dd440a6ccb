import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { moas, ppas, workItems } from '@/db/schema';
import { seesAllMoas } from '../../domain/access';
import { isSignedIn, type Viewer } from '../../domain/types';
import { AppError } from '../../errors';

export type PpaRow = typeof ppas.$inferSelect;
export type WorkItemRow = typeof workItems.$inferSelect;

/**
 * The row lock a read takes for the rest of its transaction, the same words everywhere: 'update' before
 * changing the row, 'no key update' before changing a PPA's plan (it queues every other change of the plan
 * but lets ledger entries, which only reference the row, go on), 'share' to keep it from changing while a
 * dependent change is made.
 */
export type RowLock = 'update' | 'no key update' | 'share';
export interface RowLockOption {
  lock?: RowLock;
}

/**
 * The one MOA-scoping rule every PPA query goes through: planners and viewers see their own MOA's PPAs
 * only; admins, MFBM reviewers and executives see all; the public sees nothing (nothing is published yet).
 * Returns a WHERE condition (undefined = no limit).
 */
export function visiblePpasCondition(viewer: Viewer): SQL | undefined {
  if (seesAllMoas(viewer)) return undefined;
  if (!isSignedIn(viewer) || viewer.moaId === null) return sql`false`;
  return eq(ppas.moaId, viewer.moaId);
}

/**
 * Reads one PPA the viewer may see, optionally locking its row for the rest of the transaction (share:
 * budget changes, so an admin's lock or unlock waits for them and they see its result).
 * A PPA of another MOA is reported as not found, so its existence does not leak.
 */
export async function findVisiblePpa(q: Queryable, viewer: Viewer, ppaId: string, options: RowLockOption = {}): Promise<PpaRow> {
  const query = q
    .select()
    .from(ppas)
    .where(and(eq(ppas.id, ppaId), visiblePpasCondition(viewer)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  if (!row) throw AppError.notFound('That PPA');
  return row;
}

/** A work item and its PPA, if the viewer may see the PPA; `lock` takes the item's row lock. */
export async function loadWorkItem(q: Queryable, viewer: Viewer, workItemId: string, options: RowLockOption = {}): Promise<{ item: WorkItemRow; ppa: PpaRow }> {
  const query = q
    .select({ item: workItems, ppa: ppas })
    .from(workItems)
    .innerJoin(ppas, eq(ppas.id, workItems.ppaId))
    .where(and(eq(workItems.id, workItemId), visiblePpasCondition(viewer)));
  const [row] = options.lock ? await query.for(options.lock, { of: workItems }) : await query;
  if (!row) throw AppError.notFound('That work item');
  return row;
}

/** The MOAs a viewer can pick in filters and forms: all of them for cross-MOA roles, else their own (the public: none). */
export async function visibleMoas(q: Queryable, viewer: Viewer): Promise<{ id: string; code: string; name: string }[]> {
  const query = q.select({ id: moas.id, code: moas.code, name: moas.name }).from(moas);
  if (seesAllMoas(viewer)) return query.orderBy(asc(moas.code));
  if (!isSignedIn(viewer) || !viewer.moaId) return [];
  return query.where(eq(moas.id, viewer.moaId));
}
