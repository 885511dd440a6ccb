'use client';

import { useQuery } from '@tanstack/react-query';
import type { PortfolioRequest } from '@/server/contracts/portfolio';
import { ChartSkeleton } from '../skeleton';
import { useTRPC } from '../trpc-provider';
import { LazySCurve } from './lazy-s-curve';

/** The dashboard's S-curve: the counted PPAs' plans against their ledgers, month by month. */
export function PortfolioSCurve({ request }: { request: PortfolioRequest & { fiscalYear: number } }) {
  const trpc = useTRPC();
  const curve = useQuery(trpc.plan.portfolioSCurve.queryOptions(request));
  if (curve.isPending) return <ChartSkeleton label="Loading the S-curve…" height="h-72" />;
  if (curve.isError)
    return (
      <p role="alert" className="text-sm text-rose-700">
        The S-curve could not be loaded: {curve.error.message}
      </p>
    );
  const { ppaCount, withPlan, sCurve } = curve.data;
  const empty =
    ppaCount === 0 ? 'No PPA approved out of budget review with these filters yet.' : withPlan === 0 ? 'None of these PPAs has a Financial Plan yet.' : null;
  return (
    <div>
      <LazySCurve sCurve={sCurve} empty={empty} testId="chart-portfolio-s-curve" />
      {!empty && (
        <p className="mt-1 text-xs text-slate-600">
          {withPlan} of {ppaCount} PPAs approved out of budget review have a plan; the actual lines count all {ppaCount}.
        </p>
      )}
    </div>
  );
}
