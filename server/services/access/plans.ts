import type { Queryable } from '@/db';
import { canEditPpa } from '../../domain/access';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { findVisiblePpa, type PpaRow } from './ppa-scope';

/**
 * Every access decision of the plans module, in one place (docs/domain-rules.md, "Plans and targets"): who may
 * read a PPA's plans (whoever may see the PPA), who may change them (planners of its MOA and admins, while the
 * budget is unlocked) and who records accomplishments (the same people, also after the lock).
 */

/** The refusal of the plans' procedures (editorProcedure: planners and admins); the PPA's MOA is checked below. */
export const PLAN_WRITER_REFUSAL = 'Only planners of the PPA’s MOA or an admin can change its plans and record accomplishments.';

export const PLANS_LOCKED_MESSAGE = 'The plans of this PPA are locked with its budget. A change now is a plan revision, carried by a modification request.';

/** A PPA the viewer may see (another MOA's reads as not found). */
export function findPlanPpa(q: Queryable, viewer: Viewer, ppaId: string): Promise<PpaRow> {
  return findVisiblePpa(q, viewer, ppaId);
}

/**
 * A PPA whose plans this viewer changes, its row held ('no key update', as budget changes hold it) so a lock
 * with the budget or a change of its allocation waits for the plan change, and the other way round.
 */
export async function findPlanPpaForChange(q: Queryable, viewer: Viewer, ppaId: string): Promise<PpaRow> {
  const ppa = await findVisiblePpa(q, viewer, ppaId, { lock: 'no key update' });
  if (!canEditPpa(viewer, ppa.moaId)) throw AppError.forbidden(PLAN_WRITER_REFUSAL);
  return ppa;
}

/** Plans change only while the budget is unlocked; after the lock a change is a revision. */
export function assertPlansUnlocked(ppa: PpaRow): void {
  if (ppa.budgetLockedAt) throw AppError.conflict(PLANS_LOCKED_MESSAGE);
}

export function mayChangePlans(viewer: Viewer, ppa: PpaRow): boolean {
  return canEditPpa(viewer, ppa.moaId) && ppa.budgetLockedAt === null;
}

export function mayRecordAccomplishments(viewer: Viewer, ppa: PpaRow): boolean {
  return canEditPpa(viewer, ppa.moaId);
}
