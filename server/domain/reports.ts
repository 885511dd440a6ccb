import { describeAuditEntry, type AuditFacts, type TitleOf } from './history';
import { STAGE_LABELS, STATUS_LABELS } from './labels';
import type { ApprovalStage, PpaStatus } from './types';
import { isPastBudgetReview } from './workflow';

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

/** An approval stage as reports and exports write it, as the pages do: "Technical review". */
export function stageText(stage: ApprovalStage): string {
  return STAGE_LABELS[stage];
}

/** One line of the audit trail: what happened, and one value it changed, old → new (blank when it changed none). */
export interface AuditTrailLine {
  action: string;
  field: string;
  oldValue: string;
  newValue: string;
}

/**
 * An audit-log row as the COA audit trail lists it, in the words of the PPA's history (server/domain/history.ts):
 * what happened, then one line per value it changed (amounts in pesos, moments in Manila time, codes in words).
 * A row that changed no value still gets one line, so every action appears.
 */
export function auditTrailLines(facts: AuditFacts, titleOf: TitleOf): AuditTrailLine[] {
  const { summary, changes } = describeAuditEntry(facts, titleOf);
  if (changes.length === 0) return [{ action: summary, field: '', oldValue: '', newValue: '' }];
  return changes.map((change) => ({ action: summary, field: change.label, oldValue: change.before ?? '', newValue: change.after ?? '' }));
}

/** A PPA's status as the reports write it, as the pages do. */
export const PPA_STATUS_WORDS: Record<PpaStatus, string> = STATUS_LABELS;
