import { describe, expect, it } from 'vitest';
import { budgetLockOf, lockSentence } from './budget-lock-model';

describe('the budget lock in words', () => {
  it('is null while the budget is open', () => {
    expect(budgetLockOf({ budgetLockedAt: null, budgetLockedBy: null, budgetLockReason: null })).toBeNull();
  });

  it('says when (Manila day and time), who and why', () => {
    const lock = budgetLockOf({ budgetLockedAt: '2026-11-26T23:30:00Z', budgetLockedBy: 'Rashid Reviewer', budgetLockReason: 'Approved in budget review.' })!;
    expect(lockSentence(lock)).toBe('Locked on Nov 27, 2026 at 07:30 by Rashid Reviewer: Approved in budget review.');
  });

  it('leaves out who or why when they are not known', () => {
    expect(lockSentence({ at: '2026-03-01T02:00:00Z', by: null, reason: null })).toBe('Locked on Mar 1, 2026 at 10:00.');
    expect(lockSentence({ at: '2026-03-01T02:00:00Z', by: 'Amina Admin', reason: null })).toBe('Locked on Mar 1, 2026 at 10:00 by Amina Admin.');
  });
});
