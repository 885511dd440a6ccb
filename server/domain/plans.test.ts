import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cumulativeObligationTargetAt,
  financialPlanProblems,
  fiscalMonthOf,
  indicatorProblems,
  isBehind,
  lastClosedQuarter,
  needsExplanation,
  parseQuantity,
  planTotals,
  proposeSpread,
  quantityText,
  quarterDates,
  quarterFigures,
  sCurve,
  type FinancialPlanClass,
} from './plans';

const zeros = (n: number) => Array.from({ length: n }, () => 0n);
const sum = (xs: readonly bigint[]) => xs.reduce((a, b) => a + b, 0n);

function plan(obligations: bigint[], disbursements: bigint[] = zeros(12)): FinancialPlanClass {
  return { allotmentClass: 'MOOE', obligations, disbursements };
}

describe('financial plan', () => {
  it('holds when obligations equal the allocation and disbursements follow them', () => {
    const disbursements = zeros(12);
    disbursements[2] = 100n;
    disbursements[11] = 300n;
    expect(financialPlanProblems([plan([100n, 100n, 100n, 100n], disbursements)], 400n)).toEqual([]);
  });

  it('refuses obligation targets one centavo off the allocation, either way', () => {
    expect(financialPlanProblems([plan([100n, 100n, 100n, 99n])], 400n)[0]!.message).toMatch(/₱0.01 less than the allocation of ₱4.00/);
    expect(financialPlanProblems([plan([100n, 100n, 100n, 101n])], 400n)[0]!.message).toMatch(/₱0.01 more than/);
  });

  it('refuses disbursing in a month more than the quarters released so far obligate', () => {
    const early = zeros(12);
    early[2] = 101n; // March: only Q1's ₱1.00 is obligated by then
    const problems = financialPlanProblems([plan([100n, 100n, 100n, 100n], early)], 400n);
    expect(problems).toEqual([{ field: 'classes.0.disbursements.2', message: expect.stringMatching(/end of Mar .* ₱1.01, more than the ₱1.00/) }]);
    // April opens Q2: the same ₱1.01 is allowed there.
    const april = zeros(12);
    april[3] = 101n;
    expect(financialPlanProblems([plan([100n, 100n, 100n, 100n], april)], 400n)).toEqual([]);
  });

  it('refuses negative targets, missing quarters, a class twice and an empty plan', () => {
    expect(financialPlanProblems([plan([500n, -100n, 0n, 0n])], 400n).some((p) => /negative/.test(p.message))).toBe(true);
    expect(financialPlanProblems([plan([400n, 0n, 0n])], 400n).some((p) => /Q1 to Q4/.test(p.message))).toBe(true);
    expect(financialPlanProblems([{ ...plan([400n, 0n, 0n, 0n]), disbursements: zeros(11) }], 400n).some((p) => /each month/.test(p.message))).toBe(true);
    expect(financialPlanProblems([plan([200n, 0n, 0n, 0n]), plan([200n, 0n, 0n, 0n])], 400n).some((p) => /twice/.test(p.message))).toBe(true);
    expect(financialPlanProblems([], 400n)).toHaveLength(1);
  });

  it('sums classes together against the allocation, each class checking its own disbursements', () => {
    const ps = { allotmentClass: 'PS' as const, obligations: [100n, 0n, 0n, 0n], disbursements: zeros(12) };
    expect(financialPlanProblems([ps, plan([0n, 300n, 0n, 0n])], 400n)).toEqual([]);
    const totals = planTotals([ps, plan([0n, 300n, 0n, 0n])]);
    expect(totals.obligations).toEqual([100n, 300n, 0n, 0n]);
  });

  it('property: a proposed spread always balances, for any leaves and any allocation', () => {
    const leaf = fc.record({
      allocated: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      startDate: fc.option(fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
      dueDate: fc.option(fc.date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
    });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.array(leaf, { maxLength: 30 }), (allocation, leaves) => {
        const spread = proposeSpread('CO', allocation, 2026, leaves);
        expect(sum(spread.obligations)).toBe(allocation);
        expect(sum(spread.disbursements)).toBe(allocation);
        expect(financialPlanProblems([spread], allocation)).toEqual([]);
      }),
    );
  });

  it('property: a plan holds exactly when its obligations sum to the allocation and cumulative disbursements stay within them', () => {
    const amounts = (n: number) => fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: n, maxLength: n });
    fc.assert(
      fc.property(amounts(4), amounts(12), fc.bigInt({ min: 0n, max: 10n ** 11n }), (obligations, disbursements, allocation) => {
        const problems = financialPlanProblems([plan(obligations, disbursements)], allocation);
        let running = 0n;
        const withinEveryMonth = disbursements.every((d, i) => (running += d) <= cumulativeObligationTargetAt(obligations, i + 1));
        expect(problems.length === 0).toBe(sum(obligations) === allocation && withinEveryMonth);
      }),
    );
  });
});

describe('indicators and accomplishments', () => {
  it('reads quantities exactly and writes them without trailing zeros', () => {
    expect(parseQuantity('1,250')).toBe(125000n);
    expect(parseQuantity('12.5')).toBe(1250n);
    expect(parseQuantity('-1')).toBeNull();
    expect(parseQuantity('1.234')).toBeNull();
    expect(quantityText(1250n)).toBe('12.5');
    expect(quantityText(125000n)).toBe('1250');
  });

  it('wants quarterly targets that sum to the annual target', () => {
    expect(indicatorProblems({ name: 'Women trained', annualTarget: 40000n, quarterTargets: [10000n, 10000n, 10000n, 10000n] })).toEqual([]);
    expect(indicatorProblems({ name: 'Women trained', annualTarget: 40000n, quarterTargets: [10000n, 10000n, 10000n, 9999n] })[0]!.message).toMatch(
      /399.99, not the annual target of 400/,
    );
    expect(indicatorProblems({ name: ' ', annualTarget: 0n, quarterTargets: [0n, 0n, 0n, 0n] })[0]!.field).toBe('name');
    expect(indicatorProblems({ name: 'x', annualTarget: 0n, quarterTargets: [0n] })[0]!.field).toBe('quarterTargets');
  });

  it('asks for an explanation only when a quarter is more than 15% short', () => {
    expect(needsExplanation(8500n, 10000n)).toBe(false); // exactly 15% short
    expect(needsExplanation(8499n, 10000n)).toBe(true);
    expect(needsExplanation(0n, 0n)).toBe(false);
  });

  it('is behind plan under the threshold, not at it', () => {
    expect(isBehind(75n, 100n, 75)).toBe(false);
    expect(isBehind(74n, 100n, 75)).toBe(true);
    expect(isBehind(0n, 0n, 75)).toBe(false);
  });
});

describe('quarters and months in Manila', () => {
  it('knows each quarter’s days and which has closed', () => {
    expect(quarterDates(2024, 1)).toEqual({ start: '2024-01-01', end: '2024-03-31' });
    expect(quarterDates(2026, 2)).toEqual({ start: '2026-04-01', end: '2026-06-30' });
    expect(lastClosedQuarter(2026, '2026-03-31')).toBeNull();
    expect(lastClosedQuarter(2026, '2026-04-01')).toBe(1);
    expect(lastClosedQuarter(2026, '2027-01-01')).toBe(4);
    expect(lastClosedQuarter(2027, '2026-12-31')).toBeNull();
  });

  it('puts dates outside the fiscal year in its first or last month', () => {
    expect(fiscalMonthOf('2025-11-03', 2026)).toBe(1);
    expect(fiscalMonthOf('2026-05-31', 2026)).toBe(5);
    expect(fiscalMonthOf('2027-01-02', 2026)).toBe(12);
  });
});

describe('planned against actual', () => {
  const target = { obligations: [400n, 300n, 200n, 100n], disbursements: [0n, 0n, 300n, 0n, 0n, 400n, 0n, 0n, 200n, 0n, 0n, 100n] };
  const actual = { obligations: [100n, 100n, 100n, 50n, ...zeros(8)], disbursements: [0n, 50n, 50n, 100n, ...zeros(8)] };

  it('draws cumulative lines, the actual one stopping at the current month', () => {
    const curve = sCurve(target, actual, 4);
    expect(curve[0]).toEqual({ month: 1, plannedObligations: 400n, plannedDisbursements: 0n, actualObligations: 100n, actualDisbursements: 0n });
    expect(curve[3]).toMatchObject({ plannedObligations: 700n, plannedDisbursements: 300n, actualObligations: 350n, actualDisbursements: 200n });
    expect(curve[4]!.actualObligations).toBeNull();
    expect(curve[11]!.plannedObligations).toBe(1000n);
    expect(curve[11]!.plannedDisbursements).toBe(1000n);
  });

  it('gives each quarter its target, actual and share', () => {
    const cards = quarterFigures(target, actual);
    expect(cards[0]).toEqual({
      quarter: 1,
      obligationTarget: 400n,
      obligations: 300n,
      obligationPercent: 75,
      disbursementTarget: 300n,
      disbursements: 100n,
      disbursementPercent: 33.33,
    });
    expect(cards[1]!.obligationPercent).toBeCloseTo(16.67);
    expect(cards[3]!.obligations).toBe(0n);
  });
});
