'use client';

import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { inSeriesOrder, varianceColour, zeroBasedTicks } from '../charts/chart-data';
import { AXIS_TICK, ChartFrame } from '../charts/chart-frame';
import { compactPesos, exactTooltip, MONEY_SERIES, type ChartRow } from './chart-model';

/** Long group names (stages, sectors) slant so they stay readable on a phone. */
function labelAxis(rows: ChartRow[]) {
  const slanted = rows.length > 4;
  return <XAxis dataKey="label" tick={AXIS_TICK} interval={0} angle={slanted ? -30 : 0} textAnchor={slanted ? 'end' : 'middle'} height={slanted ? 76 : 30} />;
}

/** Allocation, obligations and disbursements side by side for each group (MOA, sector, stage). */
export function MoneyBars({ rows, label, testId }: { rows: ChartRow[]; label: string; testId: string }) {
  return (
    <ChartFrame title={label} testId={testId} empty={rows.length === 0 ? 'No PPAs to chart.' : null}>
      <BarChart data={rows} margin={{ left: 4, right: 8, top: 4 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {labelAxis(rows)}
        <YAxis tickFormatter={compactPesos} tick={AXIS_TICK} width={60} />
        <Tooltip formatter={(_value, _name, item) => exactTooltip(item.dataKey, item.payload)} />
        <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={inSeriesOrder(MONEY_SERIES.map((s) => s.key))} />
        {MONEY_SERIES.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.colour} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

/** Variance (disbursements − allocation) per group: below the zero line is not yet spent, above it an overrun. */
export function VarianceBars({ rows, label, testId }: { rows: ChartRow[]; label: string; testId: string }) {
  const varianceTicks = zeroBasedTicks(rows.map((r) => r.variance));
  return (
    <ChartFrame title={label} testId={testId} height="h-56" empty={rows.length === 0 ? 'No PPAs to chart.' : null}>
      <BarChart data={rows} margin={{ left: 4, right: 8, top: 4 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        {labelAxis(rows)}
        <YAxis tickFormatter={compactPesos} tick={AXIS_TICK} width={64} ticks={varianceTicks} domain={[varianceTicks[0]!, varianceTicks.at(-1)!]} />
        <Tooltip formatter={(_value, _name, item) => exactTooltip(item.dataKey, item.payload)} />
        <ReferenceLine y={0} stroke="#334155" />
        <Bar dataKey="variance" name="Variance" isAnimationActive={false}>
          {rows.map((row) => (
            <Cell key={row.label} fill={varianceColour(row.variance)} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}
