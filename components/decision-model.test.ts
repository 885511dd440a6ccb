import { describe, expect, it } from 'vitest';
import { transitionRefusal } from '@/server/domain/workflow';
import type { Viewer } from '@/server/domain/types';
import type { PpaDetail } from '@/server/contracts/ppa';
import { rejectionCommentProblem, transitionWarnings } from './decision-model';

describe('a rejection’s comment, checked before asking to confirm', () => {
  it('asks for a comment when there is none or only spaces, in the words the server refuses with', () => {
    const reviewer = { userId: 'u1', role: 'mfbm_reviewer', moaId: null } as unknown as Viewer;
    const server = transitionRefusal(reviewer, { approvalStage: 'budget_review' } as never, 'rejected', '  ');
    expect(rejectionCommentProblem('')).toBe(server?.message);
    expect(rejectionCommentProblem(' \n ')).toBe('Say why the PPA is rejected: a comment is required.');
    expect(rejectionCommentProblem('Costs not itemised')).toBeNull();
  });
});

describe('a warning before entering budget review', () => {
  const items = (...activities: string[]) => [
    { id: 'p', parentId: null, allocatedBudget: '1000000.00' },
    ...activities.map((amount, i) => ({ id: `a${i}`, parentId: 'p', allocatedBudget: amount })),
  ];
  const detail = (
    workItems: { id: string; parentId: string | null; allocatedBudget: string }[],
    nextStages: PpaDetail['nextStages'] = ['budget_review', 'rejected'],
  ) => ({ budgetAllocation: '1000000.00', workItems, nextStages }) as unknown as PpaDetail;

  it('tells the reviewer how much of the allocation the plan leaves unallocated', () => {
    expect(transitionWarnings(detail(items('450000.00', '150000.00')))).toEqual({
      budget_review: 'The plan distributes ₱600,000.00 of the PPA’s ₱1,000,000.00 to its activities: ₱400,000.00 is unallocated.',
    });
  });

  it('says nothing when the plan hands out the whole allocation, or when budget review is not a next step', () => {
    expect(transitionWarnings(detail(items('1000000.00')))).toEqual({});
    expect(transitionWarnings(detail(items('450000.00'), ['technical_review']))).toEqual({});
  });
});
