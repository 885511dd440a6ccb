'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MONTH_NAMES } from '@/server/domain/plans';
import type { FinancialPlanClassInput, PlanResponse } from '@/server/contracts/plans';
import { inputClass, primaryButton, secondaryButton } from '../ui/modal';
import { useTRPC } from '../trpc-provider';
import { obligationBalance } from './plan-model';

type PlanClass = PlanResponse['classes'][number];
const plain = (amount: string) => amount.replace(/\.00$/, '');

/**
 * The Financial Plan's entry form, one allotment class at a time: obligation targets for Q1–Q4 and disbursement
 * targets for each month, with the running total against the allocation; or a spread proposed from the work items.
 * With `onDraft` it saves nothing: a modification request's plan revision keeps what was entered (checked on submit).
 */
export function FinancialPlanForm({
  plan,
  onSaved,
  onCancel,
  onDraft,
}: {
  plan: PlanResponse;
  onSaved?: (plan: PlanResponse) => void;
  onCancel: () => void;
  onDraft?: (classes: FinancialPlanClassInput[]) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start: PlanClass = plan.classes[0] ?? {
    allotmentClass: plan.appropriationClass ?? 'MOOE',
    obligations: ['0', '0', '0', '0'],
    disbursements: Array.from({ length: 12 }, () => '0'),
  };
  const [line, setLine] = useState({
    allotmentClass: start.allotmentClass,
    obligations: start.obligations.map(plain),
    disbursements: start.disbursements.map(plain),
  });
  const save = useMutation(trpc.plan.saveFinancialPlan.mutationOptions({ onSuccess: onSaved }));
  const [proposing, setProposing] = useState(false);
  const balance = obligationBalance(line.obligations, plan.allocation);

  async function propose() {
    setProposing(true);
    try {
      const proposal = await queryClient.fetchQuery(trpc.plan.proposeFinancialPlan.queryOptions({ id: plan.ppaId }, { staleTime: 0 }));
      const first = proposal.classes[0]!;
      setLine({ allotmentClass: first.allotmentClass, obligations: first.obligations.map(plain), disbursements: first.disbursements.map(plain) });
    } finally {
      setProposing(false);
    }
  }
  const setAmount = (side: 'obligations' | 'disbursements', i: number) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setLine((l) => ({ ...l, [side]: l[side].map((a, j) => (j === i ? e.target.value : a)) }));

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const classes = [
          {
            allotmentClass: line.allotmentClass,
            obligations: line.obligations.map((a) => a.trim() || '0'),
            disbursements: line.disbursements.map((a) => a.trim() || '0'),
          },
        ];
        if (onDraft) onDraft(classes);
        else save.mutate({ id: plan.ppaId, classes });
      }}
    >
      <p className="text-sm text-slate-700">
        Allotment class <strong>{line.allotmentClass}</strong>. The year’s obligation targets must equal the allocation; by each month’s end, disbursements may
        not pass what the quarters released so far obligate.
      </p>
      <fieldset>
        <legend className="text-sm font-medium">Obligation targets by quarter (₱)</legend>
        <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4">
          {line.obligations.map((amount, i) => (
            <label key={i} className="text-xs text-slate-600">
              Q{i + 1}
              <input
                inputMode="decimal"
                value={amount}
                onChange={setAmount('obligations', i)}
                className={inputClass}
                aria-label={`Obligation target Q${i + 1}`}
              />
            </label>
          ))}
        </div>
        <p className={`mt-1 text-sm ${balance.balanced ? 'text-emerald-800' : 'text-amber-800'}`} aria-live="polite">
          {balance.text}
        </p>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium">Disbursement targets by month (₱)</legend>
        <div className="mt-1 grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-6">
          {line.disbursements.map((amount, i) => (
            <label key={i} className="text-xs text-slate-600">
              {MONTH_NAMES[i]}
              <input
                inputMode="decimal"
                value={amount}
                onChange={setAmount('disbursements', i)}
                className={inputClass}
                aria-label={`Disbursement target ${MONTH_NAMES[i]}`}
              />
            </label>
          ))}
        </div>
      </fieldset>
      {save.error && (
        <p role="alert" className="text-sm text-rose-700">
          {save.error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={save.isPending} className={primaryButton}>
          {save.isPending ? 'Saving…' : onDraft ? 'Keep in the revision' : 'Save Financial Plan'}
        </button>
        <button type="button" onClick={propose} disabled={proposing} className={secondaryButton}>
          {proposing ? 'Proposing…' : 'Propose from work items'}
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
