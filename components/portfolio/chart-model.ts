import { formatStoredPesos, parsePesos } from '@/server/domain/money';
import type { PortfolioFigures } from '@/server/contracts/portfolio';
import { CHART_COLOURS } from '../charts/chart-data';
import { formatPesosCompact } from '../format';

/**
 * What the portfolio charts draw. Amounts arrive as exact peso strings; a chart needs numbers for its
 * geometry only, so each bar also carries its exact string, and the tooltip shows that, to the centavo.
 */

/** An axis tick: ₱1.2M, ₱850K, ₱3.4B, −₱1.2M (the app's one compact peso format). */
export const compactPesos = (value: number): string => (Number.isFinite(value) ? formatPesosCompact(value) : '');

/** A peso string as the number a chart places (never used for a figure a reader sees). */
export const chartNumber = (amount: string): number => Number(parsePesos(amount)) / 100;

/** Allocation in the plan's colour, disbursements in the spending colour (components/charts), obligations between. */
export const MONEY_SERIES = [
  { key: 'allocation', name: 'Allocation', colour: CHART_COLOURS.allocated },
  { key: 'obligations', name: 'Obligations', colour: '#6366f1' },
  { key: 'disbursements', name: 'Disbursements', colour: CHART_COLOURS.actual },
] as const;
export type MoneyKey = (typeof MONEY_SERIES)[number]['key'] | 'variance';

export type ChartRow = { label: string } & Record<MoneyKey, number> & Record<`${MoneyKey}Exact`, string>;

/** One bar group per MOA, sector or stage: numbers to draw, exact strings to read. */
export function chartRows<T extends PortfolioFigures>(groups: readonly T[], label: (group: T) => string): ChartRow[] {
  return groups.map((g) => ({
    label: label(g),
    allocation: chartNumber(g.allocation),
    obligations: chartNumber(g.obligations),
    disbursements: chartNumber(g.disbursements),
    variance: chartNumber(g.variance),
    allocationExact: g.allocation,
    obligationsExact: g.obligations,
    disbursementsExact: g.disbursements,
    varianceExact: g.variance,
  }));
}

/** The tooltip's text for a bar: the exact amount of its row, "₱1,234,567.89". */
export function exactTooltip(dataKey: unknown, row: unknown): string {
  const exact = (row as Record<string, unknown> | undefined)?.[`${String(dataKey)}Exact`];
  return typeof exact === 'string' ? formatStoredPesos(exact) : '';
}

/** A percentage as the dashboard writes it; none (nothing allocated) is an em dash. */
export function percentText(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(2)}%`;
}
