/** The domain's vocabulary. The database enums (db/schema/enums.ts) are built from these same lists. */
export const USER_ROLES = ['admin', 'planner', 'mfbm_reviewer', 'executive', 'viewer'] as const;
export const PPA_CATEGORIES = ['program', 'project', 'activity'] as const;
export const PPA_SECTORS = ['economic', 'social', 'infrastructure', 'environment', 'governance', 'peace_security'] as const;
export const APPROPRIATION_CLASSES = ['PS', 'MOOE', 'CO'] as const;
export const FUNDING_SOURCES = ['GAAB', 'supplemental_budget', 'SDF', 'TDIF', 'ODA', 'other'] as const;
export const PPA_STATUSES = ['planning', 'ongoing', 'completed', 'on_hold', 'cancelled'] as const;
export const APPROVAL_STAGES = [
  'draft',
  'technical_review',
  'budget_review',
  'stakeholder_consultation',
  'executive_approval',
  'approved',
  'enacted',
  'rejected',
] as const;
export const APPROVAL_DECISIONS = ['submit', 'approve', 'return', 'reject', 'reopen'] as const;
export const DISTRIBUTION_POLICIES = ['manual', 'equal', 'weighted'] as const;
export const PROGRESS_MODES = ['budget_weighted', 'count_based'] as const;
/** In depth order: a child's type is always later in this list than its parent's. */
export const WORK_TYPES = ['project', 'sub_project', 'activity', 'sub_activity', 'task', 'subtask'] as const;
export const WORK_STATUSES = ['not_started', 'in_progress', 'at_risk', 'blocked', 'completed', 'cancelled'] as const;
export const WORK_PRIORITIES = ['low', 'medium', 'high', 'urgent', 'critical'] as const;
export const ALERT_TYPES = ['overspending', 'underspending', 'workflow_blocked', 'milestone_missed', 'approval_bottleneck', 'behind_plan'] as const;
export const ALERT_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
/** Allotment → obligation (committed: a purchase order, a contract) → disbursement (paid). */
export const LEDGER_ENTRY_KINDS = ['obligation', 'disbursement'] as const;
/** What a person is told about, each with its own email switch. */
export const NOTIFICATION_KINDS = [
  'review_waiting',
  'ppa_approved',
  'ppa_rejected',
  'ppa_enacted',
  'alert_raised',
  'budget_unlocked',
  'daily_digest',
] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type PpaCategory = (typeof PPA_CATEGORIES)[number];
export type PpaSector = (typeof PPA_SECTORS)[number];
export type AppropriationClass = (typeof APPROPRIATION_CLASSES)[number];
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type PpaStatus = (typeof PPA_STATUSES)[number];
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];
export type WorkType = (typeof WORK_TYPES)[number];
export type WorkStatus = (typeof WORK_STATUSES)[number];

/** Who is asking: every service call carries one, and every permission rule reads it. */
export interface Viewer {
  userId: string;
  role: UserRole;
  moaId: string | null;
  name: string;
}
