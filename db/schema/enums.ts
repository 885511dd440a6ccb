import { pgEnum } from 'drizzle-orm/pg-core';
import {
  ALERT_SEVERITIES,
  ALERT_TYPES,
  APPROPRIATION_CLASSES,
  APPROVAL_DECISIONS,
  APPROVAL_STAGES,
  DISTRIBUTION_POLICIES,
  FUNDING_SOURCES,
  LEDGER_ENTRY_KINDS,
  MODIFICATION_ACTIONS,
  MODIFICATION_ROUTES,
  MODIFICATION_STATUSES,
  NOTIFICATION_KINDS,
  PPA_CATEGORIES,
  PPA_SECTORS,
  PPA_STATUSES,
  PROGRESS_MODES,
  USER_ROLES,
  WORK_PRIORITIES,
  WORK_STATUSES,
  WORK_TYPES,
} from '../../server/domain/types';

export const userRole = pgEnum('user_role', USER_ROLES);
export const ppaCategory = pgEnum('ppa_category', PPA_CATEGORIES);
export const ppaSector = pgEnum('ppa_sector', PPA_SECTORS);
export const appropriationClass = pgEnum('appropriation_class', APPROPRIATION_CLASSES);
export const fundingSource = pgEnum('funding_source', FUNDING_SOURCES);
export const ppaStatus = pgEnum('ppa_status', PPA_STATUSES);
export const approvalStage = pgEnum('approval_stage', APPROVAL_STAGES);
export const approvalDecisionKind = pgEnum('approval_decision_kind', APPROVAL_DECISIONS);
export const distributionPolicy = pgEnum('distribution_policy', DISTRIBUTION_POLICIES);
export const progressMode = pgEnum('progress_mode', PROGRESS_MODES);
export const workType = pgEnum('work_type', WORK_TYPES);
export const workStatus = pgEnum('work_status', WORK_STATUSES);
export const workPriority = pgEnum('work_priority', WORK_PRIORITIES);
export const alertType = pgEnum('alert_type', ALERT_TYPES);
export const alertSeverity = pgEnum('alert_severity', ALERT_SEVERITIES);
export const ledgerEntryKind = pgEnum('ledger_entry_kind', LEDGER_ENTRY_KINDS);
export const notificationKind = pgEnum('notification_kind', NOTIFICATION_KINDS);
export const modificationStatus = pgEnum('modification_status', MODIFICATION_STATUSES);
export const modificationRoute = pgEnum('modification_route', MODIFICATION_ROUTES);
export const modificationAction = pgEnum('modification_action', MODIFICATION_ACTIONS);
