import { describe, expect, it } from 'vitest';
import { activityFigures, CHART_COLOURS, inSeriesOrder, labelWidth, pesosOf, pesoTick, pesoTooltip, varianceColour, zeroBasedTicks } from './chart-data';

describe('chart data', () => {
  it('draws overspending in the alarm red and underspending in a calm colour', () => {
    expect(varianceColour(42_500)).toBe(CHART_COLOURS.overspent);
    expect(varianceColour(-700_000)).toBe(CHART_COLOURS.underspent);
    expect(varianceColour(0)).toBe(CHART_COLOURS.underspent);
    expect(CHART_COLOURS.underspent).not.toBe(CHART_COLOURS.overspent);
  });

  it('labels the axis compactly with a minus sign and the tooltip exactly', () => {
    expect(pesoTick(-700_000)).toBe('\u2212₱700K');
    expect(pesoTooltip(-700_000)).toBe('-₱700,000.00');
    expect(pesoTooltip(1234.5)).toBe('₱1,234.50');
    expect(pesosOf('3750000.25')).toBe(3_750_000.25);
  });

  it('says whether anything was spent, so a chart without spending shows an empty state', () => {
    const unspent = activityFigures([{ title: 'Preparation', allocated: '750000.00', actual: '0.00', variance: '-750000.00' }]);
    expect(unspent).toEqual({ rows: [{ name: 'Preparation', allocated: 750_000, actual: 0, variance: -750_000 }], anySpending: false });
    expect(activityFigures([{ title: 'Execution', allocated: '10.00', actual: '0.01', variance: '-9.99' }]).anySpending).toBe(true);
    expect(activityFigures([]).anySpending).toBe(false);
  });

  it('keeps zero on a value axis in round steps, so a single negative variance gets distinct ticks up to zero', () => {
    expect(zeroBasedTicks([-834_600_000])).toEqual([-1_000_000_000, -750_000_000, -500_000_000, -250_000_000, 0]);
    expect(zeroBasedTicks([42_500, -700_000])).toEqual([-800_000, -600_000, -400_000, -200_000, 0, 200_000]);
    expect(zeroBasedTicks([1_000])).toEqual([0, 250, 500, 750, 1_000]);
    expect(zeroBasedTicks([0.3])).toEqual([0, 0.1, 0.2, 0.3]);
    expect(zeroBasedTicks([0, 0])).toEqual([0, 1]);
    expect(zeroBasedTicks([])).toEqual([0, 1]);
  });

  it('orders a legend as the bars are drawn, not by name', () => {
    const entries = [{ dataKey: 'actual' }, { dataKey: 'allocated' }];
    const order = inSeriesOrder(['allocated', 'actual']);
    expect([...entries].sort((a, b) => order(a) - order(b)).map((e) => e.dataKey)).toEqual(['allocated', 'actual']);
  });

  it('gives each category label its share of the axis less a gap, never less than 24 px', () => {
    expect(labelWidth(285, 3)).toBe(87);
    expect(labelWidth(600, 2)).toBe(292);
    expect(labelWidth(60, 12)).toBe(24);
    expect(labelWidth(100, 0)).toBe(92);
  });
});
