import { describe, expect, it } from 'vitest';
import { AUDIT_VALUE_MAX, auditActionText, auditChanges, auditFindings, auditValueText, executionRemarks, isApproved, ppaCode, splitForTotals, stageText, totalsNote } from './reports';

describe('MFBM remarks', () => {
  it('utilisation below 50% is low, above 95% near full, 50–95% on track', () => {
    expect(executionRemarks({ approvalStage: 'enacted', overBudget: false, utilisation: 49.99 })).toBe('Low utilization');
    expect(executionRemarks({ approvalStage: 'enacted', overBudget: false, utilisation: 50 })).toBe('On track');
    expect(executionRemarks({ approvalStage: 'approved', overBudget: false, utilisation: 95 })).toBe('On track');
    expect(executionRemarks({ approvalStage: 'approved', overBudget: false, utilisation: 95.01 })).toBe('Near full utilization');
  });

  it('an overrun is "Over budget" (not also near full); a PPA not yet approved adds its stage', () => {
    expect(executionRemarks({ approvalStage: 'enacted', overBudget: true, utilisation: 114.17 })).toBe('Over budget');
    expect(executionRemarks({ approvalStage: 'technical_review', overBudget: false, utilisation: 0 })).toBe('Low utilization; Status: Technical review');
    expect(executionRemarks({ approvalStage: 'rejected', overBudget: true, utilisation: null })).toBe('Over budget; Status: Rejected');
    expect(executionRemarks({ approvalStage: 'draft', overBudget: false, utilisation: null })).toBe('Status: Draft');
  });

  it('approved and enacted count as approved, every other stage does not', () => {
    expect(['approved', 'enacted'].every((s) => isApproved(s as 'approved'))).toBe(true);
    expect(isApproved('executive_approval')).toBe(false);
    expect(stageText('stakeholder_consultation')).toBe('Stakeholder consultation');
  });
});

describe('COA findings', () => {
  it('|variance %| over 20 is material, either way; an overrun and obligations under 75% are findings', () => {
    expect(auditFindings({ variancePercent: -20, overBudget: false, obligationRate: 75, disbursementRate: 50 })).toBe('NO FINDINGS');
    expect(auditFindings({ variancePercent: -20.01, overBudget: false, obligationRate: 75, disbursementRate: 50 })).toBe('MATERIAL VARIANCE');
    expect(auditFindings({ variancePercent: 20.01, overBudget: true, obligationRate: 74.99, disbursementRate: 100 })).toBe('MATERIAL VARIANCE; BUDGET OVERRUN; LOW OBLIGATION RATE');
    expect(auditFindings({ variancePercent: 5, overBudget: true, obligationRate: 100, disbursementRate: 100 })).toBe('BUDGET OVERRUN');
    expect(auditFindings({ variancePercent: null, overBudget: false, obligationRate: null, disbursementRate: null })).toBe('NO FINDINGS');
  });

  it('a rate above 100% is a finding: more obligated than allotted, more paid than obligated', () => {
    expect(auditFindings({ variancePercent: 5, overBudget: true, obligationRate: 100.01, disbursementRate: 100 })).toBe('BUDGET OVERRUN; OBLIGATION RATE ABOVE 100%');
    // The probe's workbook: ₱1.15M paid against ₱0.1M obligated, a 1,150% disbursement rate, read "NO FINDINGS".
    expect(auditFindings({ variancePercent: -5, overBudget: false, obligationRate: 80, disbursementRate: 1150 })).toBe('DISBURSEMENT RATE ABOVE 100%');
    expect(auditFindings({ variancePercent: -5, overBudget: false, obligationRate: 80, disbursementRate: 100 })).toBe('NO FINDINGS');
  });
});

describe('what a report’s TOTAL counts', () => {
  it('only PPAs approved out of budget review; the others apart, in the order given, with a note saying so', () => {
    const rows = (['enacted', 'draft', 'stakeholder_consultation', 'budget_review', 'rejected', 'executive_approval', 'technical_review', 'approved'] as const).map((approvalStage, i) => ({ approvalStage, i }));
    const { counted, apart } = splitForTotals(rows);
    expect(counted.map((r) => r.approvalStage)).toEqual(['enacted', 'stakeholder_consultation', 'executive_approval', 'approved']);
    expect(apart.map((r) => r.approvalStage)).toEqual(['draft', 'budget_review', 'rejected', 'technical_review']);
    expect(totalsNote(4)).toBe('TOTAL counts only PPAs approved out of budget review (stakeholder consultation onward). 4 PPAs in draft, in review or rejected are listed apart on the sheet “Before Budget Approval” and not counted.');
    expect(totalsNote(1)).toContain('1 PPA in draft, in review or rejected is listed apart');
    expect(totalsNote(0)).toBe('TOTAL counts only PPAs approved out of budget review (stakeholder consultation onward).');
  });
});

describe('report helpers', () => {
  it('codes a PPA by MOA, year and the start of its id', () => {
    expect(ppaCode('MSSD', 2026, '1a2b3c4d-0000-4000-8000-000000000000')).toBe('MSSD-2026-1A2B3C4D');
  });

  it('lists each changed field old → new; lists and bare values as one line', () => {
    expect(auditChanges({ title: 'A', progress: 10, same: 1 }, { title: 'B', progress: 10, same: 1, added: true })).toEqual([
      { field: 'title', oldValue: 'A', newValue: 'B' },
      { field: 'added', oldValue: '', newValue: 'true' },
    ]);
    expect(auditChanges(null, { amount: '100.00' })).toEqual([{ field: 'amount', oldValue: '', newValue: '100.00' }]);
    expect(auditChanges([{ workItemId: 'a', amount: '1.00' }], [{ workItemId: 'a', amount: '2.00' }])).toEqual([
      { field: '', oldValue: '[{"workItemId":"a","amount":"1.00"}]', newValue: '[{"workItemId":"a","amount":"2.00"}]' },
    ]);
    expect(auditChanges({ a: 1 }, { a: 1 })).toEqual([{ field: '', oldValue: '{"a":1}', newValue: '{"a":1}' }]);
    expect(auditChanges(null, null)).toEqual([{ field: '', oldValue: '', newValue: '' }]);
  });

  it('cuts long values, keeps the log readable', () => {
    expect(auditValueText('x'.repeat(AUDIT_VALUE_MAX + 10))).toHaveLength(AUDIT_VALUE_MAX);
    expect(auditValueText(undefined)).toBe('');
    expect(auditActionText('work_item', 'undo_distribution')).toBe('Work item undo distribution');
  });
});
