import type { PpaDetail } from '@/server/contracts/ppa';
import type { ApprovalStage } from '@/server/domain/types';
import { budgetReviewWarning, planDistributedOf, REJECTION_NEEDS_COMMENT } from '@/server/domain/workflow';

/** Why a rejection cannot be sent yet (no comment), in the server's own words; null when it can. */
export function rejectionCommentProblem(comment: string): string | null {
  return comment.trim() ? null : REJECTION_NEEDS_COMMENT;
}

/**
 * What the person deciding is told, and asked to confirm, before a move that is allowed but worth a second look:
 * entering budget review with a plan that leaves part of the allocation unallocated (the server's own rule).
 */
export function transitionWarnings(ppa: Pick<PpaDetail, 'budgetAllocation' | 'workItems' | 'nextStages'>): Partial<Record<ApprovalStage, string>> {
  if (!ppa.nextStages.includes('budget_review')) return {};
  const warning = budgetReviewWarning({ budgetAllocation: ppa.budgetAllocation, planDistributed: planDistributedOf(ppa.workItems) });
  return warning ? { budget_review: warning } : {};
}
