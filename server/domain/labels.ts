import type { ApprovalStage, PpaStatus } from './types';

/**
 * The words planners read for the stored codes, on the pages and in every export alike: a file never shows
 * `in_progress` where the page says "In progress".
 */
export const STAGE_LABELS: Record<ApprovalStage, string> = {
  draft: 'Draft',
  technical_review: 'Technical review',
  budget_review: 'Budget review',
  stakeholder_consultation: 'Stakeholder consultation',
  executive_approval: 'Executive approval',
  approved: 'Approved',
  enacted: 'Enacted',
  rejected: 'Rejected',
};

export const STATUS_LABELS: Record<PpaStatus, string> = {
  planning: 'Planning',
  ongoing: 'Ongoing',
  completed: 'Completed',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
};

/** Any other stored code (a sector, a category, a work item's type or status) as the pages write it: "Sub project". */
export function humanize(code: string): string {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
