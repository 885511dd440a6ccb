import { REJECTION_NEEDS_COMMENT } from '@/server/domain/workflow';

/** Why a rejection cannot be sent yet (no comment), in the server's own words; null when it can. */
export function rejectionCommentProblem(comment: string): string | null {
  return comment.trim() ? null : REJECTION_NEEDS_COMMENT;
}
