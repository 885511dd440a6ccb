import { formatPesos, parsePesos } from '@/server/domain/money';
import { formatPesosCompact } from '../format';

/**
 * What every chart of the app shares: amounts arrive from the server as exact peso strings and are turned
 * into numbers only to be drawn; the axis reads compactly ("−₱700K"), the tooltip exactly ("₱700,000.00").
 */

/** A stored peso string as a number of pesos, for drawing only (never for sums shown as figures). */
export const pesosOf = (amount: string): number => Number(parsePesos(amount)) / 100;

/** The y-axis ticks of a peso chart. */
export const pesoTick = (value: number): string => formatPesosCompact(value);

/** A tooltip's exact figure, back from the drawn number. */
export const pesoTooltip = (value: unknown): string => formatPesos(BigInt(Math.round(Number(value) * 100)));

/** The palette: brand green for the plan, amber for spending, red only for overspending (the alarm). */
export const CHART_COLOURS = {
  allocated: '#065f46',
  actual: '#d97706',
  overspent: '#be123c',
  underspent: '#0369a1',
  progress: '#065f46',
} as const;

/** Over budget is the alarm; under budget (or on it) is information, drawn in a calm colour. */
export function varianceColour(variance: number): string {
  return variance > 0 ? CHART_COLOURS.overspent : CHART_COLOURS.underspent;
}

export interface ActivityFigures {
  name: string;
  allocated: number;
  actual: number;
  variance: number;
}

/** The activity charts' rows, and whether anything was spent at all (the variance chart needs spending). */
export function activityFigures(children: readonly { title: string; allocated: string; actual: string; variance: string }[]) {
  const rows: ActivityFigures[] = children.map((c) => ({
    name: c.title,
    allocated: pesosOf(c.allocated),
    actual: pesosOf(c.actual),
    variance: pesosOf(c.variance),
  }));
  return { rows, anySpending: children.some((c) => parsePesos(c.actual) !== 0n) };
}

/**
 * The ticks of a value axis that always holds zero: round steps (1, 2, 2.5 or 5 times a power of ten) from
 * below the lowest value (or zero) to above the highest (or zero). Left to itself the axis spanned the data
 * alone: one MOA's variance, −₱834.6M, gave an axis from −₱834.6M to −₱834.6M with every tick reading the
 * same. All zero (nothing to show yet) still gets a span. Pass them as `ticks`, and the ends as the `domain`.
 */
export function zeroBasedTicks(values: readonly number[], count = 5): number[] {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  if (low === high) return [0, 1];
  const rough = (high - low) / (count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  // Whole multiples of the step, so 0.1 + 0.2 never draws as 0.30000000000000004.
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toPrecision(12)));
}

/** Legend entries in the order the bars are drawn, left to right (Recharts sorts them by name otherwise). */
export function inSeriesOrder(keys: readonly string[]) {
  return (entry: { dataKey?: unknown }): number => keys.indexOf(String(entry.dataKey));
}

/**
 * How wide a category label may be drawn: its share of the axis, less a gap, so neighbours never touch (on a
 * 375 px phone three activities get about 95 px each, and longer names wrap onto a second line).
 */
export function labelWidth(axisWidth: number, labels: number): number {
  return Math.max(24, Math.floor(axisWidth / Math.max(1, labels)) - 8);
}
