import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { ppas } from '@/db/schema';
import { canEditPpa, seesAllMoas } from '../../domain/access';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';

/**
 * The one MOA-scoping rule every PPA query goes through: planners and viewers see their own MOA's PPAs
 * only; admins, MFBM reviewers and executives see all. Returns a WHERE condition (undefined = no limit).
 */
export function visiblePpasCondition(viewer: Viewer): SQL | undefined {
  if (seesAllMoas(viewer)) return undefined;
  if (viewer.moaId === null) return sql`false`;
  return eq(ppas.moaId, viewer.moaId);
}

export type PpaRow = typeof ppas.$inferSelect;

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
 * Reads one PPA the viewer may see, optionally locking its row for the rest of the transaction (share:
 * budget changes, so an admin's lock or unlock waits for them and they see its result).
 * A PPA of another MOA is reported as not found, so its existence does not leak.
 */
export async function findVisiblePpa(
  q: Queryable,
  viewer: Viewer,
  ppaId: string,
  options: RowLockOption = {},
): Promise<PpaRow> {
  const query = q
    .select()
    .from(ppas)
    .where(and(eq(ppas.id, ppaId), visiblePpasCondition(viewer)));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  if (!row) throw AppError.notFound('That PPA');
  return row;
}

/** A new PPA goes to an MOA its creator plans for: a planner of that MOA, or an admin. */
export function assertCanCreatePpaFor(viewer: Viewer, moa: { id: string; code: string }): void {
  if (!canEditPpa(viewer, moa.id)) {
    throw AppError.forbidden(`Only ${moa.code} planners or an admin can create ${moa.code} PPAs.`);
  }
}

/** A PPA's own fields are edited by planners of its MOA and admins (its tree and money: assertCanEditPpa). */
export function assertCanEditPpaFields(viewer: Viewer, ppa: PpaRow): void {
  if (!canEditPpa(viewer, ppa.moaId)) {
    throw AppError.forbidden('Only planners of this PPA’s MOA or an admin can edit it.');
  }
}
