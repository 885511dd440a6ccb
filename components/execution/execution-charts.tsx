'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { formatCalendarDate } from '../format';
import { useTRPC } from '../trpc-provider';

/** Chart axes are pesos; the figures come from the server as exact strings and are only drawn here. */
const pesosOf = (amount: string) => Number(parsePesos(amount)) / 100;
const axisPesos = (value: number) => (Math.abs(value) >= 1_000_000 ? `₱${(value / 1_000_000).toFixed(1)}M` : Math.abs(value) >= 1_000 ? `₱${(value / 1_000).toFixed(0)}K` : `₱${value}`);
const tooltipPesos = (value: unknown) => formatPesos(BigInt(Math.round(Number(value) * 100)));

/** Allocated vs actual and variance by activity (the project's children), and progress over time. */
export function ExecutionCharts({ ppaId, root }: { ppaId: string; root: AllocationNodeShape }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.budget.progressHistory.queryOptions({ id: ppaId }));
  const byActivity = root.children.map((c) => ({ name: c.title, allocated: pesosOf(c.allocated), actual: pesosOf(c.actual), variance: pesosOf(c.variance) }));

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <figure aria-label="Allocated and actual by activity">
        <figcaption className="mb-1 text-sm font-medium">Allocated vs actual by activity</figcaption>
        <div className="h-64" data-testid="chart-allocated-actual">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={byActivity} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
              <YAxis tickFormatter={axisPesos} tick={{ fontSize: 11 }} width={56} />
              <Tooltip formatter={tooltipPesos} />
              <Legend />
              <Bar dataKey="allocated" name="Allocated" fill="#065f46" isAnimationActive={false} />
              <Bar dataKey="actual" name="Actual" fill="#f59e0b" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure aria-label="Variance by activity">
        <figcaption className="mb-1 text-sm font-medium">Variance by activity (positive = over budget)</figcaption>
        <div className="h-64" data-testid="chart-variance">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={byActivity} margin={{ left: 8, right: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} />
              <YAxis tickFormatter={axisPesos} tick={{ fontSize: 11 }} width={56} />
              <Tooltip formatter={tooltipPesos} />
              <Bar dataKey="variance" name="Variance" fill="#be123c" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <figure aria-label="Progress over time" className="lg:col-span-2">
        <figcaption className="mb-1 text-sm font-medium">Progress over time</figcaption>
        {history.isPending ? (
          <p role="status" className="text-sm text-slate-600">Loading progress history…</p>
        ) : (
          <div className="h-56" data-testid="chart-progress">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={history.data ?? []} margin={{ left: 8, right: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="day" tickFormatter={(d: string) => formatCalendarDate(d)} tick={{ fontSize: 11 }} />
                <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={{ fontSize: 11 }} width={40} />
                <Tooltip labelFormatter={(d) => formatCalendarDate(String(d))} formatter={(v) => `${v}%`} />
                <Line type="monotone" dataKey="progress" name="Progress" stroke="#065f46" strokeWidth={2} dot isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
      </figure>
    </div>
  );
}
