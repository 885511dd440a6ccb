import { describe, expect, it } from 'vitest';
import { auditFindings, auditTrailLines, executionRemarks, isApproved, ppaCode, splitForTotals, stageText, totalsNote } from './reports';

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
    expect(auditFindings({ variancePercent: 20.01, overBudget: true, obligationRate: 74.99, disbursementRate: 100 })).toBe(
      'MATERIAL VARIANCE; BUDGET OVERRUN; LOW OBLIGATION RATE',
    );
    expect(auditFindings({ variancePercent: 5, overBudget: true, obligationRate: 100, disbursementRate: 100 })).toBe('BUDGET OVERRUN');
    expect(auditFindings({ variancePercent: null, overBudget: false, obligationRate: null, disbursementRate: null })).toBe('NO FINDINGS');
  });

  it('a rate above 100% is a finding: more obligated than allotted, more paid than obligated', () => {
    expect(auditFindings({ variancePercent: 5, overBudget: true, obligationRate: 100.01, disbursementRate: 100 })).toBe(
      'BUDGET OVERRUN; OBLIGATION RATE ABOVE 100%',
    );
    // The probe's workbook: ₱1.15M paid against ₱0.1M obligated, a 1,150% disbursement rate, read "NO FINDINGS".
    expect(auditFindings({ variancePercent: -5, overBudget: false, obligationRate: 80, disbursementRate: 1150 })).toBe('DISBURSEMENT RATE ABOVE 100%');
    expect(auditFindings({ variancePercent: -5, overBudget: false, obligationRate: 80, disbursementRate: 100 })).toBe('NO FINDINGS');
  });
});

describe('what a report’s TOTAL counts', () => {
  it('only PPAs approved out of budget review; the others apart, in the order given, with a note saying so', () => {
    const rows = (
      ['enacted', 'draft', 'stakeholder_consultation', 'budget_review', 'rejected', 'executive_approval', 'technical_review', 'approved'] as const
    ).map((approvalStage, i) => ({ approvalStage, i }));
    const { counted, apart } = splitForTotals(rows);
    expect(counted.map((r) => r.approvalStage)).toEqual(['enacted', 'stakeholder_consultation', 'executive_approval', 'approved']);
    expect(apart.map((r) => r.approvalStage)).toEqual(['draft', 'budget_review', 'rejected', 'technical_review']);
    expect(totalsNote(4)).toBe(
      'TOTAL counts only PPAs approved out of budget review (stakeholder consultation onward). 4 PPAs in draft, in review or rejected are listed apart on the sheet “Before Budget Approval” and not counted.',
    );
    expect(totalsNote(1)).toContain('1 PPA in draft, in review or rejected is listed apart');
    expect(totalsNote(0)).toBe('TOTAL counts only PPAs approved out of budget review (stakeholder consultation onward).');
  });
});

describe('report helpers', () => {
  it('codes a PPA by MOA, year and the start of its id', () => {
    expect(ppaCode('MSSD', 2026, '1a2b3c4d-0000-4000-8000-000000000000')).toBe('MSSD-2026-1A2B3C4D');
  });

  it('lists an audit row as the history tells it: what happened, each value old → new in words, pesos and Manila time', () => {
    const titleOf = (id: string) => (id === 'w1' ? 'Venue Booking' : undefined);
    const edit = {
      entityType: 'work_item',
      entityId: 'w1',
      action: 'update',
      before: { status: 'not_started', allocatedBudget: '100.00' },
      after: { status: 'in_progress', allocatedBudget: '250.50' },
    };
    expect(auditTrailLines(edit, titleOf)).toEqual([
      { action: 'Edited “Venue Booking”', field: 'Status', oldValue: 'not started', newValue: 'in progress' },
      { action: 'Edited “Venue Booking”', field: 'Allocation', oldValue: '₱100.00', newValue: '₱250.50' },
    ]);
    // The lock's moment, stored in UTC, reads in Manila time like every other time of the report.
    const lock = {
      entityType: 'budget',
      entityId: 'p1',
      action: 'lock',
      before: { budgetLockedAt: null },
      after: { budgetLockedAt: '2026-11-26T19:17:00.000Z' },
    };
    expect(auditTrailLines(lock, titleOf)).toEqual([{ action: 'Locked the budget', field: '', oldValue: '', newValue: '' }]);
    const generic = { entityType: 'ppa', entityId: 'p1', action: 'archive', before: { lockedUntil: null }, after: { lockedUntil: '2026-11-26T19:17:00.000Z' } };
    expect(auditTrailLines(generic, titleOf)).toEqual([{ action: 'Ppa archive', field: 'Locked until', oldValue: '', newValue: 'Nov 27, 2026 at 03:17' }]);
  });
});
