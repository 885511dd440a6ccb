import type { PlanResponse } from '@/server/contracts/plans';
import { againstTarget } from './plan-model';

/** Each quarter's targets against what happened: obligations, disbursements and indicators met. */
export function QuarterCards({ plan }: { plan: Pick<PlanResponse, 'quarters' | 'fiscalYear'> }) {
  return (
    <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="Quarters">
      {plan.quarters.map((q) => (
        <li key={q.quarter} data-testid={`quarter-card-${q.quarter}`} className="rounded-md border border-slate-200 p-3 text-sm">
          <p className="flex items-center justify-between font-semibold">
            <span>
              Q{q.quarter} {plan.fiscalYear}
            </span>
            <span className="text-xs font-normal text-slate-600">{q.closed ? 'Closed' : 'Open'}</span>
          </p>
          <dl className="mt-2 space-y-1">
            <div>
              <dt className="text-xs text-slate-600">Obligations</dt>
              <dd className="tabular-nums">{againstTarget(q.obligations, q.obligationTarget, q.obligationPercent)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">Disbursements</dt>
              <dd className="tabular-nums">{againstTarget(q.disbursements, q.disbursementTarget, q.disbursementPercent)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">Indicators</dt>
              <dd data-testid={`quarter-card-${q.quarter}-indicators`}>
                {q.indicatorsWithTarget === 0
                  ? 'No targets this quarter'
                  : `${q.indicatorsReported} of ${q.indicatorsWithTarget} reported, ${q.indicatorsMet} on target`}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
