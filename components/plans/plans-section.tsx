'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatStoredPesos } from '@/server/domain/money';
import { MONTH_NAMES } from '@/server/domain/plans';
import type { PlanResponse } from '@/server/contracts/plans';
import { secondaryButton } from '../ui/modal';
import { Skeleton } from '../skeleton';
import { useTRPC } from '../trpc-provider';
import { AccomplishmentDialog } from './accomplishment-dialog';
import { FinancialPlanForm } from './financial-plan-form';
import { IndicatorsForm } from './indicators-form';
import { LazySCurve } from './lazy-s-curve';
import { quantityWords } from './plan-model';
import { QuarterCards } from './quarter-cards';

/**
 * A PPA's Budget Execution Documents on its page: what budget review still needs, the quarter cards, the
 * S-curve, the Financial Plan and the Physical Plan with each quarter's accomplishments, and their entry forms.
 */
export function PlansSection({ ppaId }: { ppaId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.plan.get.queryOptions({ id: ppaId }));
  const [editing, setEditing] = useState<'financial' | 'indicators' | null>(null);
  const [recording, setRecording] = useState<string | null>(null);

  if (query.isPending) return <Skeleton label="Loading the plans…" rows={4} />;
  if (query.isError)
    return (
      <p role="alert" className="text-sm text-rose-700">
        The plans could not be loaded: {query.error.message}
      </p>
    );
  const plan = query.data;
  const saved = (next: PlanResponse) => {
    queryClient.setQueryData(trpc.plan.get.queryKey({ id: ppaId }), next);
    setEditing(null);
    setRecording(null);
  };
  const indicator = plan.indicators.find((i) => i.key === recording);

  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-700">
        {plan.version
          ? `Version ${plan.version.version}${plan.version.lockedAt ? ', locked with the budget' : ', a draft'}${plan.versions.length > 1 ? ` (${plan.versions.length} versions kept)` : ''}.`
          : 'No plans yet.'}{' '}
        Allocation {formatStoredPesos(plan.allocation)}.
      </p>
      {plan.problems.length > 0 && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="plan-problems">
          <p className="font-medium">Before budget review the plans need:</p>
          <ul className="mt-1 list-disc pl-5">
            {plan.problems.map((p) => (
              <li key={p.field + p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}

      <QuarterCards plan={plan} />
      <LazySCurve
        sCurve={plan.sCurve}
        empty={plan.classes.length === 0 ? 'No Financial Plan yet: the S-curve shows once obligation and disbursement targets are entered.' : null}
      />

      <section aria-labelledby="financial-plan">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="financial-plan" className="font-semibold">
            Financial Plan
          </h3>
          {plan.editable && editing !== 'financial' && (
            <button type="button" className={secondaryButton} onClick={() => setEditing('financial')}>
              {plan.classes.length ? 'Edit Financial Plan' : 'Enter Financial Plan'}
            </button>
          )}
        </div>
        {editing === 'financial' ? (
          <FinancialPlanForm plan={plan} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : plan.classes.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No obligation or disbursement targets yet.</p>
        ) : (
          plan.classes.map((c) => (
            // Twelve months do not fit a phone: the table scrolls sideways, and the keyboard can reach it to scroll.
            <div key={c.allotmentClass} className="mt-2 overflow-x-auto" tabIndex={0} role="region" aria-label={`${c.allotmentClass} targets`}>
              <table className="min-w-full text-sm tabular-nums">
                <caption className="text-left text-xs text-slate-600">{c.allotmentClass}: obligations by quarter, disbursements by month</caption>
                <tbody>
                  <tr>
                    {c.obligations.map((a, i) => (
                      <td key={i} className="pr-4">
                        <span className="block text-xs text-slate-600">Q{i + 1}</span>
                        {formatStoredPesos(a)}
                      </td>
                    ))}
                  </tr>
                  <tr>
                    {c.disbursements.map((a, i) => (
                      <td key={i} className="pr-4 pt-2">
                        <span className="block text-xs text-slate-600">{MONTH_NAMES[i]}</span>
                        {formatStoredPesos(a)}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="physical-plan">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id="physical-plan" className="font-semibold">
            Physical Plan
          </h3>
          {plan.editable && editing !== 'indicators' && (
            <button type="button" className={secondaryButton} onClick={() => setEditing('indicators')}>
              {plan.indicators.length ? 'Edit indicators' : 'Add indicators'}
            </button>
          )}
        </div>
        {editing === 'indicators' ? (
          <IndicatorsForm plan={plan} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : plan.indicators.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No output indicators yet.</p>
        ) : (
          <ul className="mt-2 space-y-3">
            {plan.indicators.map((i) => (
              <li key={i.key} className="rounded-md border border-slate-200 p-3 text-sm" data-testid="indicator">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <p>
                    <span className="font-medium">{i.name}</span> — {quantityWords(i.annualTarget)} {i.unit} this year
                    {i.workItemTitle ? ` (${i.workItemTitle})` : ''}
                  </p>
                  {plan.canRecord && (
                    <button type="button" className={secondaryButton} onClick={() => setRecording(i.key)}>
                      Record accomplishment
                    </button>
                  )}
                </div>
                <dl className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
                  {i.quarterTargets.map((target, q) => {
                    const done = i.accomplishments.find((a) => a.quarter === q + 1);
                    return (
                      <div key={q}>
                        <dt className="text-xs text-slate-600">Q{q + 1}</dt>
                        <dd>
                          {done ? quantityWords(done.accomplished) : '—'} of {quantityWords(target)}
                        </dd>
                        {done?.explanation && <dd className="text-xs text-slate-700">“{done.explanation}”</dd>}
                      </div>
                    );
                  })}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
      {indicator && <AccomplishmentDialog ppaId={ppaId} indicator={indicator} onClose={() => setRecording(null)} onSaved={saved} />}
    </div>
  );
}
