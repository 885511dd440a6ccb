import { describe, expect, it } from 'vitest';
import type { ApprovalStage, SignedInViewer } from './types';
import { APPROVAL_STAGES } from './types';
import {
  availableTransitions,
  budgetReviewGaps,
  budgetReviewWarning,
  locksBudget,
  planDistributedOf,
  transitionRefusal,
  TRANSITIONS,
  type WorkflowPpa,
} from './workflow';

const MSSD = 'moa-mssd';
const as = (role: SignedInViewer['role'], moaId: string | null = null): SignedInViewer => ({ userId: 'u', role, moaId, name: 'Test' });
const ready: Omit<WorkflowPpa, 'approvalStage'> = {
  moaId: MSSD,
  budgetCeiling: '100.00',
  budgetAllocation: '100.00',
  fundingSource: 'GAAB',
  appropriationClass: 'MOOE',
  planDistributed: 10000n,
  planGaps: [],
};
const at = (approvalStage: ApprovalStage, extra: Partial<WorkflowPpa> = {}): WorkflowPpa => ({ ...ready, approvalStage, ...extra });

describe('approval workflow moves', () => {
  it('has exactly the moves docs/domain-rules.md lists', () => {
    expect(TRANSITIONS.map((t) => `${t.from}>${t.to}`).sort()).toEqual(
      [
        'draft>technical_review',
        'technical_review>budget_review',
        'budget_review>stakeholder_consultation',
        'budget_review>executive_approval',
        'stakeholder_consultation>executive_approval',
        'executive_approval>approved',
        'approved>enacted',
        'technical_review>rejected',
        'budget_review>rejected',
        'stakeholder_consultation>rejected',
        'executive_approval>rejected',
        'rejected>draft',
      ].sort(),
    );
  });

  it('refuses every other move with a 409 that says where the PPA can go', () => {
    for (const from of APPROVAL_STAGES) {
      for (const to of APPROVAL_STAGES) {
        if (TRANSITIONS.some((t) => t.from === from && t.to === to)) continue;
        expect(transitionRefusal(as('admin'), at(from), to, 'why')?.code).toBe('CONFLICT');
      }
    }
    expect(transitionRefusal(as('admin'), at('draft'), 'enacted', null)?.message).toBe('A PPA in draft cannot move to enacted; it can go to technical review.');
    expect(transitionRefusal(as('admin'), at('enacted'), 'draft', null)?.message).toBe(
      'A PPA in enacted cannot move to draft; it has reached the end of the workflow.',
    );
  });

  it.each([
    ['draft', 'technical_review', ['planner'], ['mfbm_reviewer', 'executive', 'viewer']],
    ['technical_review', 'budget_review', ['mfbm_reviewer'], ['planner', 'executive', 'viewer']],
    ['budget_review', 'stakeholder_consultation', ['mfbm_reviewer'], ['planner', 'executive', 'viewer']],
    ['stakeholder_consultation', 'executive_approval', ['mfbm_reviewer'], ['planner', 'executive', 'viewer']],
    ['executive_approval', 'approved', ['executive'], ['planner', 'mfbm_reviewer', 'viewer']],
    ['approved', 'enacted', ['executive'], ['planner', 'mfbm_reviewer', 'viewer']],
    ['rejected', 'draft', ['planner'], ['mfbm_reviewer', 'executive', 'viewer']],
  ] as const)('%s → %s is decided by %j (and admin), refused to %j', (from, to, allowed, refused) => {
    for (const role of [...allowed, 'admin' as const]) expect(transitionRefusal(as(role, MSSD), at(from), to, null)).toBeNull();
    for (const role of refused) expect(transitionRefusal(as(role, MSSD), at(from), to, null)?.code).toBe('FORBIDDEN');
  });

  it('lets a planner submit only their own MOA’s PPA', () => {
    expect(transitionRefusal(as('planner', 'moa-mafar'), at('draft'), 'technical_review', null)?.message).toBe(
      'Only planners of the PPA’s MOA (or an admin) can move a PPA from draft to technical review.',
    );
  });

  it('needs a comment to reject', () => {
    expect(transitionRefusal(as('mfbm_reviewer'), at('budget_review'), 'rejected', '  ')).toEqual({
      code: 'BAD_REQUEST',
      field: 'comment',
      message: 'Say why the PPA is rejected: a comment is required.',
    });
    expect(transitionRefusal(as('mfbm_reviewer'), at('budget_review'), 'rejected', 'Costs not justified')).toBeNull();
    expect(transitionRefusal(as('executive'), at('executive_approval'), 'rejected', 'Not a priority')).toBeNull();
  });

  it('lets a PPA into budget review only with allocation, funding source, class, within the ceiling', () => {
    expect(budgetReviewGaps(at('technical_review'))).toEqual([]);
    expect(budgetReviewGaps(at('technical_review', { budgetAllocation: null, fundingSource: null, appropriationClass: null }))).toEqual([
      'a budget allocation',
      'a funding source',
      'an appropriation class',
    ]);
    expect(transitionRefusal(as('mfbm_reviewer'), at('technical_review', { budgetAllocation: '100.01' }), 'budget_review', null)?.message).toBe(
      'Before budget review the PPA needs a budget allocation within its ceiling.',
    );
  });

  it('refuses budget review to a plan that hands its activities nothing, and warns when it hands out less than the whole', () => {
    const plan = 'an execution plan that distributes its allocation to activities (they hold ₱0.00)';
    expect(budgetReviewGaps(at('technical_review', { planDistributed: 0n }))).toEqual([plan]);
    expect(budgetReviewGaps(at('technical_review', { planDistributed: null }))).toEqual([plan]);
    expect(transitionRefusal(as('mfbm_reviewer'), at('technical_review', { planDistributed: 0n }), 'budget_review', null)).toEqual({
      code: 'CONFLICT',
      message: `Before budget review the PPA needs ${plan}.`,
    });
    expect(availableTransitions(as('mfbm_reviewer'), at('technical_review', { planDistributed: 0n })).map((t) => t.to)).toEqual(['rejected']);

    expect(budgetReviewWarning(at('technical_review', { budgetAllocation: '1000000.00', planDistributed: 60_000_000n }))).toBe(
      'The plan distributes ₱600,000.00 of the PPA’s ₱1,000,000.00 to its activities: ₱400,000.00 is unallocated.',
    );
    expect(budgetReviewWarning(at('technical_review', { planDistributed: 10000n }))).toBeNull(); // all of ₱100.00
    expect(budgetReviewWarning(at('technical_review', { planDistributed: 0n }))).toBeNull(); // refused instead
    expect(budgetReviewWarning(at('technical_review', { budgetAllocation: null, planDistributed: 5n }))).toBeNull();
  });

  it('refuses budget review until the Budget Execution Documents hold, naming what is missing', () => {
    const gaps = ['Add at least one output indicator to the Physical Plan.'];
    expect(budgetReviewGaps(at('technical_review', { planGaps: gaps }))).toEqual(['plans that hold (Add at least one output indicator to the Physical Plan.)']);
    expect(transitionRefusal(as('mfbm_reviewer'), at('technical_review', { planGaps: gaps }), 'budget_review', null)?.code).toBe('CONFLICT');
    expect(availableTransitions(as('mfbm_reviewer'), at('technical_review', { planGaps: gaps })).map((t) => t.to)).toEqual(['rejected']);
  });

  it('reads what the activities hold from the plan’s items: the project’s children, not deeper', () => {
    const items = [
      { id: 'p', parentId: null, allocatedBudget: '1000.00' },
      { id: 'a', parentId: 'p', allocatedBudget: '300.00' },
      { id: 'b', parentId: 'p', allocatedBudget: '200.50' },
      { id: 'a1', parentId: 'a', allocatedBudget: '300.00' },
    ];
    expect(planDistributedOf(items)).toBe(50050n);
    expect(planDistributedOf(items.slice(0, 1))).toBe(0n);
    expect(planDistributedOf([])).toBeNull();
  });

  it('locks the budget on leaving budget review forward, and lists the moves open to a viewer', () => {
    expect(locksBudget('budget_review', 'stakeholder_consultation')).toBe(true);
    expect(locksBudget('budget_review', 'executive_approval')).toBe(true);
    expect(locksBudget('budget_review', 'rejected')).toBe(false);
    expect(locksBudget('technical_review', 'budget_review')).toBe(false);
    expect(availableTransitions(as('mfbm_reviewer'), at('budget_review')).map((t) => t.to)).toEqual([
      'stakeholder_consultation',
      'executive_approval',
      'rejected',
    ]);
    expect(availableTransitions(as('viewer', MSSD), at('draft'))).toEqual([]);
  });
});

describe('a role that decides nothing', () => {
  it('is refused with 403 for every move, even one that does not exist', () => {
    const viewer = { userId: 'v', role: 'viewer' as const, moaId: 'moa-1', name: 'Viewer' };
    for (const to of ['technical_review', 'enacted', 'draft'] as const) {
      expect(
        transitionRefusal(
          viewer,
          { approvalStage: 'draft', moaId: 'moa-1', budgetAllocation: null, budgetCeiling: null, fundingSource: null, appropriationClass: null } as never,
          to,
          'x',
        )?.code,
      ).toBe('FORBIDDEN');
    }
  });
});
