/** The domain's vocabulary. The database enums (db/schema/enums.ts) are built from these same lists. */
export const USER_ROLES = ['admin', 'planner', 'mfbm_reviewer', 'executive', 'viewer', 'moa_head'] as const;
export const PPA_CATEGORIES = ['program', 'project', 'activity'] as const;
export const PPA_SECTORS = ['economic', 'social', 'infrastructure', 'environment', 'governance', 'peace_security'] as const;
/** Allotment classes as the GAAB lists them: Personnel Services, MOOE, Financial Expenses, Capital Outlays. */
export const APPROPRIATION_CLASSES = ['PS', 'MOOE', 'FE', 'CO'] as const;
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
  // The System page's alerts to admins: a slow statement or request, a failed job (server/services/operations/).
  'system_alert',
  // A modification request waiting on one's decision; one's MOA's request decided.
  'modification_waiting',
  'modification_decided',
] as const;

/** A modification request after the lock (docs/domain-rules.md, "Modifications after the lock"). */
export const MODIFICATION_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
/** Who decides a request: the MOA's head (one class) or MFBM (crossing classes). */
export const MODIFICATION_ROUTES = ['moa_head', 'mfbm'] as const;
/** The steps of a request's history: `endorse` is MFBM's reviewer passing a large request to the executive. */
export const MODIFICATION_ACTIONS = ['submit', 'endorse', 'approve', 'reject', 'return', 'withdraw'] as const;

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
export type ModificationStatus = (typeof MODIFICATION_STATUSES)[number];
export type ModificationRoute = (typeof MODIFICATION_ROUTES)[number];
export type ModificationAction = (typeof MODIFICATION_ACTIONS)[number];

/** A signed-in person (a session or an API token): whose MOA, which role, and the name the audit log shows. */
export interface SignedInViewer {
  readonly kind?: 'signed-in';
  userId: string;
  role: UserRole;
  moaId: string | null;
  name: string;
}

/**
 * Nobody signed in: the coming public transparency view. It may see published data only; until something is
 * published, every service refuses it or scopes it to nothing (server/services/access/).
 */
export interface PublicViewer {
  readonly kind: 'public';
}

/** Who is asking: every service call carries one, and every permission rule reads it. */
export type Viewer = SignedInViewer | PublicViewer;

export const PUBLIC_VIEWER: PublicViewer = Object.freeze({ kind: 'public' });

export function isSignedIn(viewer: Viewer): viewer is SignedInViewer {
  return viewer.kind !== 'public';
}
