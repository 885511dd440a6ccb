import { describe, expect, it } from 'vitest';
import { disbursementProblem, ledgerFigures, reversalLedgerProblem, reversalOf, reversalProblem, spendingStageProblem, sumByKind } from './ledger';
import { parsePesos } from './money';

const p = parsePesos;

describe('ledger figures', () => {
  it('obligation rate = obligations ÷ allocated, disbursement rate = disbursements ÷ obligations, unobligated = allocated − obligations', () => {
    // ₱1,000,000.00 allotted, ₱750,000.00 committed, ₱250,000.00 of it paid.
    expect(ledgerFigures({ allocated: p('1000000.00'), obligations: p('750000.00'), disbursements: p('250000.00') })).toEqual({
      obligationRate: 75,
      disbursementRate: 33.33,
      unobligated: p('250000.00'),
    });
    // Rounded half up at two decimals, exactly (no floats on the way): 2/3 = 66.666… → 66.67; 1/8 = 12.5.
    expect(ledgerFigures({ allocated: p('3.00'), obligations: p('2.00'), disbursements: p('0.25') })).toEqual({
      obligationRate: 66.67,
      disbursementRate: 12.5,
      unobligated: p('1.00'),
    });
  });

  it('has no rate without a base, and a negative unobligated balance when more is committed than allotted', () => {
    expect(ledgerFigures({ allocated: 0n, obligations: 0n, disbursements: p('10.00') })).toEqual({
      obligationRate: null,
      disbursementRate: null,
      unobligated: 0n,
    });
    expect(ledgerFigures({ allocated: p('100.00'), obligations: p('120.00'), disbursements: 0n })).toEqual({
      obligationRate: 120,
      disbursementRate: 0,
      unobligated: p('-20.00'),
    });
  });

  it('sums each kind apart, and a reversal nets its entry out', () => {
    const rows = [
      { kind: 'obligation' as const, amount: p('450000.00') },
      { kind: 'obligation' as const, amount: p('-450000.00') },
      { kind: 'obligation' as const, amount: p('400000.00') },
      { kind: 'disbursement' as const, amount: p('1250.50') },
      { kind: 'disbursement' as const, amount: p('99.50') },
    ];
    expect(sumByKind(rows)).toEqual({ obligations: p('400000.00'), disbursements: p('1350.00') });
    expect(sumByKind([])).toEqual({ obligations: 0n, disbursements: 0n });
  });
});

describe('reversals', () => {
  it('negate the amount and keep the kind and the reference', () => {
    const entry = { kind: 'obligation' as const, amount: p('12500.75'), description: 'Catering contract', referenceNo: 'ORS-2026-03-0042' };
    const reversal = reversalOf(entry);
    expect(reversal).toEqual({ kind: 'obligation', amount: p('-12500.75'), description: 'Reversal: Catering contract', referenceNo: 'ORS-2026-03-0042' });
    expect(sumByKind([entry, reversal])).toEqual({ obligations: 0n, disbursements: 0n });
  });

  it('refuse a reversal of a reversal and a second reversal, saying why', () => {
    expect(reversalProblem({ reversesId: null, reversedBy: null })).toBeNull();
    expect(reversalProblem({ reversesId: 'e1', reversedBy: null })).toBe('A reversal cannot itself be reversed; record the entry again instead.');
    expect(reversalProblem({ reversesId: null, reversedBy: { date: '2026-03-02', by: 'Amina Planner', reason: 'Wrong item' } })).toBe(
      'This entry was already reversed on 2026-03-02 by Amina Planner (“Wrong item”); an entry is reversed only once.',
    );
  });
});

describe('what the ledger accepts', () => {
  it('takes entries only on a PPA approved out of budget review', () => {
    for (const stage of ['stakeholder_consultation', 'executive_approval', 'approved', 'enacted'] as const)
      expect(spendingStageProblem(stage), stage).toBeNull();
    expect(spendingStageProblem('draft')).toBe(
      'Obligations and disbursements are recorded only once the PPA is approved out of budget review; this PPA is still a draft.',
    );
    expect(spendingStageProblem('technical_review')).toMatch(/this PPA is in technical review\.$/);
    expect(spendingStageProblem('budget_review')).toMatch(/this PPA is in budget review\.$/);
    expect(spendingStageProblem('rejected')).toMatch(/this PPA is rejected\.$/);
  });

  it('pays a disbursement only from what the item has obligated and not yet paid, to the centavo', () => {
    const ledger = { obligations: p('1000.00'), disbursements: p('600.00') };
    expect(disbursementProblem(ledger, p('400.00'))).toBeNull();
    expect(disbursementProblem(ledger, p('400.01'))).toBe(
      'A disbursement cannot exceed what is obligated on this item and not yet paid: ₱1,000.00 obligated, ₱600.00 disbursed, ₱400.00 left to pay. Record the further obligation first.',
    );
    expect(disbursementProblem({ obligations: 0n, disbursements: 0n }, p('0.01'))).toMatch(/^Record the obligation \(ORS\) on this item first/);
    // An item paid beyond its obligations before the rule existed has nothing left, not a negative balance.
    expect(disbursementProblem({ obligations: p('10.00'), disbursements: p('12.00') }, p('1.00'))).toContain('₱0.00 left to pay');
  });

  it('reverses an obligation only while the item’s payments stay covered; a disbursement always', () => {
    const ledger = { obligations: p('1500.00'), disbursements: p('1200.00') };
    expect(reversalLedgerProblem(ledger, { kind: 'obligation', amount: p('300.00') })).toBeNull();
    expect(reversalLedgerProblem(ledger, { kind: 'obligation', amount: p('300.01') })).toBe(
      'Reversing this obligation would leave ₱1,200.00 disbursed against ₱1,199.99 obligated on this item; reverse the disbursements paid under it first.',
    );
    expect(reversalLedgerProblem(ledger, { kind: 'disbursement', amount: p('1200.00') })).toBeNull();
  });
});
