import type { ApprovalDecision, ApprovalStage } from './types';
import { STAGE_WORDS } from './workflow';

/**
 * What the audit log keeps of the workflow's changes: the rows the services write, and the demo seed writes
 * for the demo's past, in one shape, so the PPA's history reads them alike (server/domain/history.ts).
 */
export interface AuditRecord {
  entityType: 'ppa' | 'work_item' | 'budget' | 'expenditure' | 'plan';
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/** A decision moving the PPA between approval stages; its comment is the reason. */
export function stageMoveRecord(ppaId: string, from: ApprovalStage, to: ApprovalStage, decision: ApprovalDecision, comment: string | null): AuditRecord {
  return {
    entityType: 'ppa',
    entityId: ppaId,
    action: 'transition',
    before: { approvalStage: from },
    after: { approvalStage: to, decision },
    reason: comment ?? undefined,
  };
}

/** The reason a budget locks itself when a reviewer approves the PPA out of budget review. */
export function approvalLockReason(from: ApprovalStage, to: ApprovalStage): string {
  return `Approved in budget review: ${STAGE_WORDS[from]} → ${STAGE_WORDS[to]}`;
}

/** The budget locked (lockedAt) or unlocked (null), with the time it had before. */
export function budgetLockRecord(ppaId: string, before: Date | null, after: Date | null, reason: string): AuditRecord {
  return {
    entityType: 'budget',
    entityId: ppaId,
    action: after ? 'lock' : 'unlock',
    before: { budgetLockedAt: before?.toISOString() ?? null },
    after: { budgetLockedAt: after?.toISOString() ?? null },
    reason,
  };
}

/** Execution tracking enabled: the project's allocation and, with the default template, its first level. */
export function trackingEnabledRecord(
  projectId: string,
  template: 'default' | 'empty',
  allocated: string,
  children: readonly { title: string; allocated: string }[],
): AuditRecord {
  return {
    entityType: 'work_item',
    entityId: projectId,
    action: 'enable_tracking',
    after: { template, allocated, children: children.map((c) => ({ title: c.title, allocated: c.allocated })) },
  };
}

/** Enactment started execution: which of the project and the PPA it moved. */
export function executionActivatedRecord(ppaId: string, projectInProgress: boolean, ppaOngoing: boolean): AuditRecord {
  return { entityType: 'ppa', entityId: ppaId, action: 'activate_execution', after: { projectInProgress, ppaOngoing } };
}
