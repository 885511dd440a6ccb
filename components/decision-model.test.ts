import { describe, expect, it } from 'vitest';
import { transitionRefusal } from '@/server/domain/workflow';
import type { Viewer } from '@/server/domain/types';
import { rejectionCommentProblem } from './decision-model';

describe('a rejection’s comment, checked before asking to confirm', () => {
  it('asks for a comment when there is none or only spaces, in the words the server refuses with', () => {
    const reviewer = { userId: 'u1', role: 'mfbm_reviewer', moaId: null } as unknown as Viewer;
    const server = transitionRefusal(reviewer, { approvalStage: 'budget_review' } as never, 'rejected', '  ');
    expect(rejectionCommentProblem('')).toBe(server?.message);
    expect(rejectionCommentProblem(' \n ')).toBe('Say why the PPA is rejected: a comment is required.');
    expect(rejectionCommentProblem('Costs not itemised')).toBeNull();
  });
});
