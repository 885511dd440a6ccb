import type { ApprovalStage, PpaStatus } from './types';
import { isPastBudgetReview, STAGE_WORDS } from './workflow';

/**
 * The rules of the MFBM Budget Execution Report and the COA Variance Report (docs/domain-rules.md,
 * "Portfolio and reports"). Figures come in as the portfolio computes them (server/domain/portfolio.ts):
 * variance = disbursements − allocation (positive = over budget), percentages with two decimals or null
 * when there is nothing to divide by.
 */

/** Stages at which a PPA counts as approved: every earlier stage (and a rejection) is "not yet approved". */
const APPROVED_STAGES: readonly ApprovalStage[] = ['approved', 'enacted'];

export function isApproved(stage: ApprovalStage): boolean {
  return APPROVED_STAGES.includes(stage);
}

/**
 * The code a report gives a PPA: its MOA, fiscal year and the first eight characters of its id, e.g.
 * "MSSD-2026-1A2B3C4D". PPAs have no code of their own; this one is stable and unique enough to find it again.
 */
export function ppaCode(moaCode: string, fiscalYear: number, id: string): string {
  return `${moaCode}-${fiscalYear}-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}

/**
 * Whether a PPA's money counts in a report's TOTAL. Until a reviewer approves it out of budget review its amounts
 * are a proposal, not an allotment, and adding them to approved budgets would overstate what is being executed.
 */
export function countsInReportTotals(stage: ApprovalStage): boolean {
  return isPastBudgetReview(stage);
}

/** The report's PPAs in two lists, each in the order given: those its TOTAL counts, and those listed apart. */
export function splitForTotals<Row extends { approvalStage: ApprovalStage }>(rows: readonly Row[]): { counted: Row[]; apart: Row[] } {
  return { counted: rows.filter((r) => countsInReportTotals(r.approvalStage)), apart: rows.filter((r) => !countsInReportTotals(r.approvalStage)) };
}

/** The sheet that lists the PPAs a TOTAL leaves out. */
export const APART_SHEET = 'Before Budget Approval';

/** The note under a TOTAL: what it counts, and where the others are. */
export function totalsNote(apartCount: number): string {
  const rule = 'TOTAL counts only PPAs approved out of budget review (stakeholder consultation onward).';
  if (apartCount === 0) return rule;
  const those = apartCount === 1 ? '1 PPA in draft, in review or rejected is' : `${apartCount} PPAs in draft, in review or rejected are`;
  return `${rule} ${those} listed apart on the sheet “${APART_SHEET}” and not counted.`;
}

export interface RemarkInput {
  approvalStage: ApprovalStage;
  /** disbursements > allocation */
  overBudget: boolean;
  utilisation: number | null;
}

export const NO_REMARKS = 'On track';

/**
 * MFBM remarks: over budget "Over budget"; otherwise utilisation below 50% "Low utilization" and above
 * 95% "Near full utilization" (an overrun is more than near full, so it is not said twice); a PPA not yet
 * approved adds "Status: <stage>". Several remarks are joined with "; "; none reads "On track". Without an
 * allocation there is no utilisation, so no utilisation remark.
 */
export function executionRemarks(input: RemarkInput): string {
  const remarks: string[] = [];
  if (input.overBudget) remarks.push('Over budget');
  else if (input.utilisation !== null && input.utilisation < 50) remarks.push('Low utilization');
  else if (input.utilisation !== null && input.utilisation > 95) remarks.push('Near full utilization');
  if (!isApproved(input.approvalStage)) remarks.push(`Status: ${stageText(input.approvalStage)}`);
  return remarks.length ? remarks.join('; ') : NO_REMARKS;
}

export interface FindingInput {
  variancePercent: number | null;
  overBudget: boolean;
  obligationRate: number | null;
  disbursementRate: number | null;
}

export const NO_FINDINGS = 'NO FINDINGS';

/**
 * COA audit findings: |variance %| above 20 "MATERIAL VARIANCE"; disbursements above the allocation
 * "BUDGET OVERRUN"; obligations below 75% of the allocation "LOW OBLIGATION RATE"; more obligated than
 * allotted "OBLIGATION RATE ABOVE 100%"; more paid than obligated "DISBURSEMENT RATE ABOVE 100%" (a payment
 * without the commitment it should cite). None: "NO FINDINGS".
 */
export function auditFindings(input: FindingInput): string {
  const findings: string[] = [];
  if (input.variancePercent !== null && Math.abs(input.variancePercent) > 20) findings.push('MATERIAL VARIANCE');
  if (input.overBudget) findings.push('BUDGET OVERRUN');
  if (input.obligationRate !== null && input.obligationRate < 75) findings.push('LOW OBLIGATION RATE');
  if (input.obligationRate !== null && input.obligationRate > 100) findings.push('OBLIGATION RATE ABOVE 100%');
  if (input.disbursementRate !== null && input.disbursementRate > 100) findings.push('DISBURSEMENT RATE ABOVE 100%');
  return findings.length ? findings.join('; ') : NO_FINDINGS;
}

function sentenceCase(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** An approval stage as reports and exports write it: "Technical review". */
export function stageText(stage: ApprovalStage): string {
  return sentenceCase(STAGE_WORDS[stage]);
}

/** One line of the audit trail: a field (or the whole record when the change has no fields) old → new. */
export interface AuditChange {
  field: string;
  oldValue: string;
  newValue: string;
}

/** The longest value an audit trail cell shows; the log itself keeps everything. */
export const AUDIT_VALUE_MAX = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A stored before/after value as a reader sees it: text as it is, anything else as compact JSON; absent is blank. */
export function auditValueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > AUDIT_VALUE_MAX ? `${text.slice(0, AUDIT_VALUE_MAX - 1)}…` : text;
}

/**
 * What an audit-log row changed, field by field: for two records (or a record created or removed), each
 * field whose value differs; for anything else (a list of allocations, a bare value), one line with the
 * whole before and after. A row that changed no field still gets one line, so every action appears.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const beforeIsRecord = isRecord(before) || before === null || before === undefined;
  const afterIsRecord = isRecord(after) || after === null || after === undefined;
  if (beforeIsRecord && afterIsRecord && (isRecord(before) || isRecord(after))) {
    const old = isRecord(before) ? before : {};
    const next = isRecord(after) ? after : {};
    const fields = [...new Set([...Object.keys(old), ...Object.keys(next)])];
    const changes = fields
      .filter((field) => JSON.stringify(old[field] ?? null) !== JSON.stringify(next[field] ?? null))
      .map((field) => ({ field, oldValue: auditValueText(old[field]), newValue: auditValueText(next[field]) }));
    if (changes.length) return changes;
  }
  return [{ field: '', oldValue: auditValueText(before), newValue: auditValueText(after) }];
}

/** "work_item" + "update" → "Work item update": the action column of the audit trail. */
export function auditActionText(entityType: string, action: string): string {
  return sentenceCase(`${entityType} ${action}`.replaceAll('_', ' '));
}

/** A PPA's status as the reports write it. */
export const PPA_STATUS_WORDS: Record<PpaStatus, string> = {
  planning: 'Planning',
  ongoing: 'Ongoing',
  completed: 'Completed',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
};
