import { describe, expect, it } from 'vitest';
import { againstTarget, annualOf, obligationBalance, quantityWords, sCurveRows, shortfallHint } from './plan-model';

describe('the plans section’s words and figures', () => {
  it('draws the S-curve in pesos, the actual line stopping where the data does', () => {
    const rows = sCurveRows({
      sCurve: [{ month: 1, plannedObligations: '750000.00', plannedDisbursements: '0.00', actualObligations: '550000.50', actualDisbursements: null }],
    });
    expect(rows).toEqual([{ month: 'Jan', plannedObligations: 750000, plannedDisbursements: 0, actualObligations: 550000.5, actualDisbursements: null }]);
  });

  it('reads a quarter against its target', () => {
    expect(againstTarget('550000.00', '750000.00', 73.33)).toBe('₱550,000.00 of ₱750,000.00 (73.33%)');
    expect(againstTarget('10.00', '0.00', null)).toBe('₱10.00 (no target)');
  });

  it('checks the obligation targets against the allocation as the planner types', () => {
    expect(obligationBalance(['500000', '500000', '', '0'], '1000000.00')).toEqual({
      balanced: true,
      text: 'Obligation targets total ₱1,000,000.00: the whole allocation.',
    });
    expect(obligationBalance(['500000', '499999.99', '0', '0'], '1000000.00').text).toBe(
      'Obligation targets total ₱999,999.99: ₱0.01 short of the allocation of ₱1,000,000.00.',
    );
    expect(obligationBalance(['abc', '0', '0', '0'], '1.00').balanced).toBe(false);
  });

  it('asks for an explanation only when more than 15% short', () => {
    expect(shortfallHint('84', '100.00', 'persons')).toEqual({
      needsExplanation: true,
      text: '84 of 100 persons is more than 15% short of the target: explain why.',
    });
    expect(shortfallHint('85', '100.00', 'persons').needsExplanation).toBe(false);
    expect(shortfallHint('', '100.00', 'persons').text).toBe('Target this quarter: 100 persons.');
  });

  it('adds up an indicator’s quarters and writes quantities with separators', () => {
    expect(annualOf(['25', '25.5', '', '0'])).toBe('50.5');
    expect(annualOf(['x', '1', '1', '1'])).toBeNull();
    expect(quantityWords('1250.00')).toBe('1,250');
  });
});
