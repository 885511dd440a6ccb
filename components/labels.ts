import type { ApprovalStage, PpaStatus } from '@/server/domain/types';

/** Words planners use for the stored codes. */
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

export function humanize(code: string): string {
  const text = code.replaceAll('_', ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  planner: 'Planner',
  mfbm_reviewer: 'MFBM reviewer',
  executive: 'Executive',
  viewer: 'Viewer',
};
