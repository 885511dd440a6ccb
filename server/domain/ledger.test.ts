import { describe, expect, it } from 'vitest';
import { ledgerFigures, reversalOf, reversalProblem, sumByKind } from './ledger';
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
    expect(ledgerFigures({ allocated: p('3.00'), obligations: p('2.00'), disbursements: p('0.25') })).toEqual({ obligationRate: 66.67, disbursementRate: 12.5, unobligated: p('1.00') });
  });

  it('has no rate without a base, and a negative unobligated balance when more is committed than allotted', () => {
    expect(ledgerFigures({ allocated: 0n, obligations: 0n, disbursements: p('10.00') })).toEqual({ obligationRate: null, disbursementRate: null, unobligated: 0n });
    expect(ledgerFigures({ allocated: p('100.00'), obligations: p('120.00'), disbursements: 0n })).toEqual({ obligationRate: 120, disbursementRate: 0, unobligated: p('-20.00') });
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
