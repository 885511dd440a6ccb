import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePesos } from './money';
import { addTotals, deriveFigures, manilaDaysBetween, ZERO_TOTALS } from './portfolio';

const money = (allocation: string, obligations: string, disbursements: string, ceiling = allocation) => ({
  ceiling: parsePesos(ceiling),
  allocation: parsePesos(allocation),
  obligations: parsePesos(obligations),
  disbursements: parsePesos(disbursements),
});

describe('portfolio figures', () => {
  it('derives variance, rates and budget status as the allocation tree does', () => {
    const f = deriveFigures(money('5000000.00', '2500000.00', '1647500.00'));
    expect(f.variance).toBe(parsePesos('-3352500.00'));
    expect(f.variancePercent).toBe(-67.05);
    expect(f.utilisation).toBe(32.95);
    expect(f.obligationRate).toBe(50);
    expect(f.disbursementRate).toBe(65.9);
    expect(f.unobligated).toBe(parsePesos('2500000.00'));
    expect(f.budgetStatus).toBe('under_budget');
  });

  it('an overrun is a positive variance; nothing allocated or obligated leaves the rates empty', () => {
    const over = deriveFigures(money('300000.00', '0', '342500.00'));
    expect(over.variance).toBe(parsePesos('42500.00'));
    expect(over.budgetStatus).toBe('over_budget');
    expect(over.disbursementRate).toBeNull();
    const unfunded = deriveFigures(ZERO_TOTALS);
    expect([unfunded.utilisation, unfunded.variancePercent, unfunded.obligationRate]).toEqual([null, null, null]);
    expect(unfunded.budgetStatus).toBe('no_expenditure');
  });

  it('a total is the exact sum of its parts, to the centavo, in any order', () => {
    const part = fc.record({
      ceiling: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      allocation: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      obligations: fc.bigInt({ min: 0n, max: 10n ** 15n }),
      disbursements: fc.bigInt({ min: 0n, max: 10n ** 15n }),
    });
    fc.assert(
      fc.property(fc.array(part, { maxLength: 50 }), (parts) => {
        const total = addTotals(parts);
        expect(total.allocation).toBe(parts.reduce((s, p) => s + p.allocation, 0n));
        expect(addTotals([...parts].reverse())).toEqual(total);
        // The portfolio's variance is the sum of the PPAs' variances.
        expect(deriveFigures(total).variance).toBe(parts.reduce((s, p) => s + deriveFigures(p).variance, 0n));
      }),
    );
  });

  it('counts days in a stage in Manila calendar days', () => {
    // 23:00 and 01:00 in Manila are 15:00 and 17:00 UTC: a day apart on the calendar, two hours in time.
    expect(manilaDaysBetween(new Date('2026-03-01T15:00:00Z'), new Date('2026-03-01T17:00:00Z'))).toBe(1);
    expect(manilaDaysBetween(new Date('2026-03-01T16:30:00Z'), new Date('2026-03-02T15:59:59Z'))).toBe(0);
    expect(manilaDaysBetween(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-15T00:00:00Z'))).toBe(14);
    expect(manilaDaysBetween(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toBe(0);
  });
});
