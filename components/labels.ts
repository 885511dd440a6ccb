export { humanize, STAGE_LABELS, STATUS_LABELS } from '@/server/domain/labels';

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  planner: 'Planner',
  mfbm_reviewer: 'MFBM reviewer',
  executive: 'Executive',
  viewer: 'Viewer',
  moa_head: 'Head of MOA',
};
