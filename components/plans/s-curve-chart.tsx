'use client';

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanResponse } from '@/server/contracts/plans';
import { CHART_COLOURS, pesoTick, pesoTooltip } from '../charts/chart-data';
import { AXIS_TICK, ChartFrame } from '../charts/chart-frame';
import { sCurveRows } from './plan-model';

/** Cumulative planned vs actual obligations and disbursements by month: the S-curve (its own chunk, loaded when seen). */
export function SCurveChart({ sCurve, empty, testId = 'chart-s-curve' }: { sCurve: PlanResponse['sCurve']; empty: string | null; testId?: string }) {
  const rows = sCurveRows({ sCurve });
  return (
    <ChartFrame title="Planned vs actual, cumulative by month (S-curve)" testId={testId} height="h-72" empty={empty}>
      <LineChart data={rows} margin={{ left: 8, right: 8 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={AXIS_TICK} />
        <YAxis tickFormatter={pesoTick} tick={AXIS_TICK} width={64} />
        <Tooltip formatter={pesoTooltip} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          type="stepAfter"
          dataKey="plannedObligations"
          name="Planned obligations"
          stroke={CHART_COLOURS.allocated}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="plannedDisbursements"
          name="Planned disbursements"
          stroke={CHART_COLOURS.underspent}
          strokeDasharray="6 3"
          dot={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="actualObligations"
          name="Actual obligations"
          stroke={CHART_COLOURS.allocated}
          strokeWidth={2}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line
          type="monotone"
          dataKey="actualDisbursements"
          name="Actual disbursements"
          stroke={CHART_COLOURS.actual}
          strokeWidth={2}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}
