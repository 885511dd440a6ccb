import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { ppas } from '@/db/schema';
import type { AllocationTreeResponse } from '../../contracts/budget';
import { budgetLockRecord } from '../../domain/audit-records';
import type { SignedInViewer, Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { lockPlanWithBudget } from '../plans/versions';
import { getAllocationTree } from './allocation-tree';
import { assertSignedIn, findVisiblePpa } from '../access';
import { runUseCase, type After } from '../effects/use-case';

/**
 * Locks or unlocks all allocations of a PPA's tree, with the reason in the audit log. The approval workflow
 * locks on leaving budget review (actor: the reviewer); only an admin unlocks. Caller owns the transaction.
 */
export async function setBudgetLock(tx: Queryable, after: After, ppaId: string, locked: boolean, actor: SignedInViewer | null, reason: string): Promise<void> {
  const [ppa] = await tx.select().from(ppas).where(eq(ppas.id, ppaId)).for('update');
  if (!ppa) throw AppError.notFound('That PPA');
  if (locked === (ppa.budgetLockedAt !== null)) {
    throw AppError.conflict(locked ? 'The budget is already locked.' : 'The budget is not locked.');
  }
  const values = locked ? { budgetLockedAt: new Date(), budgetLockedById: actor?.userId ?? null } : { budgetLockedAt: null, budgetLockedById: null };
  await tx.update(ppas).set(values).where(eq(ppas.id, ppaId));
  await writeAudit(tx, actor, { ppaId, ...budgetLockRecord(ppaId, ppa.budgetLockedAt, values.budgetLockedAt, reason) });
  // The Budget Execution Documents lock with the budget; an unlock leaves the locked version as it is.
  if (locked) await lockPlanWithBudget(tx, ppaId, actor);
  // The admins are told of an unlock (server/domain/notifications.ts) by this event's job.
  if (!locked) await after.event({ name: 'budget/unlocked', data: { ppaId, unlockedById: actor?.userId ?? null, reason } });
  // The allocation form's co-editors switch to reading (or back to editing) at once.
  after.collab({ type: 'lock', ppaId, locked });
}

/**
 * An admin's lock or unlock, from the PPA page or the API (the procedure admits admins only). Returns the
 * tree as this transaction left it.
 */
export async function changeBudgetLock(options: {
  db: Database;
  viewer: Viewer;
  ppaId: string;
  locked: boolean;
  reason: string;
}): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId, locked, reason } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx, after) => {
    await findVisiblePpa(tx, viewer, ppaId);
    await setBudgetLock(tx, after, ppaId, locked, viewer, reason);
    return getAllocationTree({ db: tx, viewer, ppaId });
  });
}
