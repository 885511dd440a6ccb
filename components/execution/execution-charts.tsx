'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { activityFigures, CHART_COLOURS, inSeriesOrder, pesoTick, pesoTooltip, varianceColour, zeroBasedTicks } from '../charts/chart-data';
import { AXIS_TICK, ChartFrame, LABEL_AXIS_HEIGHT, WrappedTick } from '../charts/chart-frame';
import { formatCalendarDate } from '../format';
import { useTRPC } from '../trpc-provider';
import { ChartSkeleton } from '../skeleton';

/** Allocated vs actual and variance by activity (the project's children), and progress over time. */
export function ExecutionCharts({ ppaId, root }: { ppaId: string; root: AllocationNodeShape }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.budget.progressHistory.queryOptions({ id: ppaId }));
  const { rows, anySpending } = activityFigures(root.children);
  const noActivities = rows.length === 0 ? 'Add activities under the project to compare their allocations and spending.' : null;
  const varianceTicks = zeroBasedTicks(rows.map((r) => r.variance));
  const points = history.data ?? [];
  const only = points.length === 1 ? points[0]! : null;

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartFrame title="Allocated vs actual by activity" testId="chart-allocated-actual" empty={noActivities}>
        <BarChart data={rows} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={WrappedTick} interval={0} height={LABEL_AXIS_HEIGHT} />
          <YAxis tickFormatter={pesoTick} tick={AXIS_TICK} width={64} />
          <Tooltip formatter={pesoTooltip} />
          <Legend itemSorter={inSeriesOrder(['allocated', 'actual'])} />
          <Bar dataKey="allocated" name="Allocated" fill={CHART_COLOURS.allocated} isAnimationActive={false} />
          <Bar dataKey="actual" name="Actual" fill={CHART_COLOURS.actual} isAnimationActive={false} />
        </BarChart>
      </ChartFrame>
      <ChartFrame
        title="Variance by activity (above the line = over budget)"
        testId="chart-variance"
        empty={noActivities ?? (anySpending ? null : 'No spending recorded yet: the variance shows once spending is recorded.')}
      >
        <BarChart data={rows} margin={{ left: 8, right: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={WrappedTick} interval={0} height={LABEL_AXIS_HEIGHT} />
          <YAxis tickFormatter={pesoTick} tick={AXIS_TICK} width={64} ticks={varianceTicks} domain={[varianceTicks[0]!, varianceTicks.at(-1)!]} />
          <ReferenceLine y={0} stroke="#475569" />
          <Tooltip formatter={pesoTooltip} />
          <Bar dataKey="variance" name="Variance" isAnimationActive={false}>
            {rows.map((row, i) => (
              <Cell key={i} fill={varianceColour(row.variance)} />
            ))}
          </Bar>
        </BarChart>
      </ChartFrame>
      {history.isPending ? (
        <figure aria-label="Progress over time" className="lg:col-span-2">
          <figcaption className="mb-1 text-sm font-medium">Progress over time</figcaption>
          <ChartSkeleton label="Loading progress history…" height="h-56" />
        </figure>
      ) : (
        <ChartFrame
          title="Progress over time"
          testId="chart-progress"
          height="h-56"
          className="lg:col-span-2"
          empty={
            points.length === 0
              ? 'No progress recorded yet: a point is added each day the plan’s progress is synced.'
              : only
                ? `${only.progress}% on ${formatCalendarDate(only.day)}, the first day recorded: the line starts with the second day.`
                : null
          }
        >
          <LineChart data={points} margin={{ left: 8, right: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="day" tickFormatter={(d: string) => formatCalendarDate(d)} tick={AXIS_TICK} />
            <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} width={40} />
            <Tooltip labelFormatter={(d) => formatCalendarDate(String(d))} formatter={(v) => `${v}%`} />
            <Line type="monotone" dataKey="progress" name="Progress" stroke={CHART_COLOURS.progress} strokeWidth={2} dot isAnimationActive={false} />
          </LineChart>
        </ChartFrame>
      )}
    </div>
  );
}
