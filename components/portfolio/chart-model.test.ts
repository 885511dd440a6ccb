import { describe, expect, it } from 'vitest';
import { chartNumber, chartRows, compactPesos, exactTooltip, percentText } from './chart-model';

describe('portfolio chart model', () => {
  it('writes axis ticks as ₱1.2M, ₱850K, ₱3.4B, negatives with a minus, whole numbers without ".0"', () => {
    expect(compactPesos(1_234_567)).toBe('₱1.2M');
    expect(compactPesos(5_000_000)).toBe('₱5M');
    expect(compactPesos(850_000)).toBe('₱850K');
    expect(compactPesos(1_500)).toBe('₱2K');
    expect(compactPesos(3_400_000_000)).toBe('₱3.4B');
    expect(compactPesos(-1_200_000)).toBe('−₱1.2M');
    expect(compactPesos(0)).toBe('₱0');
    expect(compactPesos(999)).toBe('₱999');
    expect(compactPesos(Number.NaN)).toBe('');
  });

  it('draws numbers but shows the exact amount of the bar in the tooltip', () => {
    const [row] = chartRows(
      [
        {
          ppaCount: 1,
          ceiling: '0.00',
          allocation: '1031852929.00',
          obligations: '0.10',
          disbursements: '12345678.91',
          variance: '-1019507250.09',
          variancePercent: null,
          utilisation: null,
          obligationRate: null,
          disbursementRate: null,
          unobligated: '0.00',
        },
      ],
      () => 'MSSD',
    );
    expect(row).toMatchObject({ label: 'MSSD', allocation: 1031852929, disbursements: 12345678.91, variance: -1019507250.09 });
    expect(exactTooltip('disbursements', row)).toBe('₱12,345,678.91');
    expect(exactTooltip('variance', row)).toBe('-₱1,019,507,250.09');
    expect(exactTooltip('nothing', row)).toBe('');
    expect(chartNumber('0.01')).toBe(0.01);
    expect(percentText(32.95)).toBe('32.95%');
    expect(percentText(null)).toBe('—');
  });
});
