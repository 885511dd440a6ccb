import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { ppas } from '@/db/schema';
import { canEditPpa, changesWithinMoa, defaultMoaFor } from '../../domain/access';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { findVisiblePpa, loadWorkItem, type PpaRow, type RowLockOption, type WorkItemRow } from './ppa-scope';

/**
 * Changing a PPA (its fields, tree, money and spending). The procedure has admitted the roles that edit
 * (`editorProcedure`); what is left is the PPA's MOA, worded once here. A planner never gets this far with
 * another MOA's PPA (they cannot see it: 404), so it guards against a caller that skipped the procedure.
 */
export function assertCanEditPpa(viewer: Viewer, ppa: Pick<PpaRow, 'moaId'>): void {
  if (!changesWithinMoa(viewer, ppa.moaId)) {
    throw AppError.forbidden('Only planners of this PPA’s MOA or an admin can change it.');
  }
}

/** A new PPA goes to an MOA its creator plans for: a planner of that MOA, or an admin. */
export function assertCanCreatePpaFor(viewer: Viewer, moa: { id: string; code: string }): void {
  if (!changesWithinMoa(viewer, moa.id)) {
    throw AppError.forbidden(`Only ${moa.code} planners or an admin can create ${moa.code} PPAs.`);
  }
}

/** Whether the page should offer editing (the `canEdit` flags, a collaboration token's mode): role and MOA. */
export function mayEditPpa(viewer: Viewer, ppa: Pick<PpaRow, 'moaId'>): boolean {
  return canEditPpa(viewer, ppa.moaId);
}

/** The MOA a new PPA goes to when the form leaves it out: a planner's own. */
export const newPpaMoaFor = defaultMoaFor;

/** A PPA the viewer may edit; `lock: 'no key update'` for a change of its plan (see lockPpaForBudgetChange). */
export async function loadPpaForEdit(q: Queryable, viewer: Viewer, ppaId: string, options: RowLockOption = {}): Promise<PpaRow> {
  const ppa = await findVisiblePpa(q, viewer, ppaId, options);
  assertCanEditPpa(viewer, ppa);
  return ppa;
}

/**
 * A work item and its PPA, for a change by this viewer: not found unless the viewer may see the PPA,
 * forbidden unless they may edit it. `lock` takes the item's row lock for the rest of the transaction.
 */
export async function loadWorkItemForEdit(
  q: Queryable,
  viewer: Viewer,
  workItemId: string,
  options: RowLockOption = {},
): Promise<{ item: WorkItemRow; ppa: PpaRow }> {
  const row = await loadWorkItem(q, viewer, workItemId, options);
  assertCanEditPpa(viewer, row.ppa);
  return row;
}

/**
 * Takes the PPA row's lock and reads it fresh, first thing in any change of the PPA's plan (its work items,
 * their money, progress or status): an admin's budget lock waits for the change, or the change sees the lock.
 * The lock is exclusive because every such change ends by re-syncing the plan, which writes the PPA's row and
 * its items' rollups: changes of one plan queue here, whole, before any of them locks a work item. After it
 * locks go parent → children, so nothing waits in a circle. The caller has checked access (loadWorkItemForEdit).
 */
export async function lockPpaForBudgetChange(q: Queryable, ppaId: string): Promise<PpaRow> {
  const [ppa] = await q.select().from(ppas).where(eq(ppas.id, ppaId)).for('no key update');
  if (!ppa) throw AppError.notFound('That PPA');
  return ppa;
}
