import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { ppas } from '@/db/schema';
import type { AllocationTreeResponse } from '../../contracts/budget';
import { budgetLockRecord } from '../../domain/audit-records';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { notifyCollab } from '../collab/collab-notify';
import { enqueueEvent } from '../events/outbox';
import { publishAfterCommit } from '../events/publish';
import { findVisiblePpa } from '../ppa/scope';
import { lockPlanWithBudget } from '../plans/versions';
import { getAllocationTree } from './allocation-tree';

/**
 * Locks or unlocks all allocations of a PPA's tree, with the reason in the audit log. The approval workflow
 * locks on leaving budget review (actor: the reviewer); only an admin unlocks. Caller owns the transaction.
 */
export async function setBudgetLock(tx: Queryable, ppaId: string, locked: boolean, actor: Viewer | null, reason: string): Promise<void> {
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
  if (!locked) await enqueueEvent(tx, { name: 'budget/unlocked', data: { ppaId, unlockedById: actor?.userId ?? null, reason } });
}

/**
 * An admin's lock or unlock, from the PPA page or the API (the procedure admits admins only). Returns the
 * tree as this transaction left it.
 */
export async function changeBudgetLock(options: { db: Database; viewer: Viewer; ppaId: string; locked: boolean; reason: string }): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId, locked, reason } = options;
  const tree = await db.transaction(async (tx) => {
    await findVisiblePpa(tx, viewer, ppaId);
    await setBudgetLock(tx, ppaId, locked, viewer, reason);
    return getAllocationTree({ db: tx, viewer, ppaId });
  });
  notifyCollab({ type: 'lock', ppaId, locked });
  await publishAfterCommit(db);
  return tree;
}
