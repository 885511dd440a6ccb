import type { AllocationTreeResponse } from '@/server/contracts/budget';
import { formatManilaDayAndTime } from '../format';

export interface BudgetLock {
  at: string;
  by: string | null;
  reason: string | null;
}

/** The PPA's budget lock as the tree response gives it, or null while it is open. */
export function budgetLockOf(ppa: Pick<AllocationTreeResponse['ppa'], 'budgetLockedAt' | 'budgetLockedBy' | 'budgetLockReason'>): BudgetLock | null {
  return ppa.budgetLockedAt ? { at: ppa.budgetLockedAt, by: ppa.budgetLockedBy, reason: ppa.budgetLockReason } : null;
}

/** "Locked on Nov 27, 2026 at 07:30 by Rashid Reviewer: Approved in budget review." */
export function lockSentence(lock: BudgetLock): string {
  const who = lock.by ? ` by ${lock.by}` : '';
  const why = lock.reason ? `: ${lock.reason.replace(/[.\s]+$/, '')}.` : '.';
  return `Locked on ${formatManilaDayAndTime(lock.at)}${who}${why}`;
}

/** What a locked budget means for the person looking at it. */
export const LOCKED_MEANS = 'Allocations are read-only until an administrator unlocks the budget; spending can still be recorded.';
