'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { IndicatorInput, PlanResponse } from '@/server/contracts/plans';
import { inputClass, primaryButton, secondaryButton } from '../ui/modal';
import { useTRPC } from '../trpc-provider';
import { annualOf, quantityWords } from './plan-model';

interface Row {
  key?: string;
  name: string;
  unit: string;
  quarters: string[];
}

const plain = (q: string) => q.replace(/\.00$/, '');

/**
 * The Physical Plan's indicators: name, unit and quarterly targets (the annual target is their sum). With `onDraft`
 * it saves nothing: a modification request's plan revision keeps what was entered.
 */
export function IndicatorsForm({
  plan,
  onSaved,
  onCancel,
  onDraft,
}: {
  plan: PlanResponse;
  onSaved?: (plan: PlanResponse) => void;
  onCancel: () => void;
  onDraft?: (indicators: IndicatorInput[]) => void;
}) {
  const trpc = useTRPC();
  const [rows, setRows] = useState<Row[]>(
    plan.indicators.length
      ? plan.indicators.map((i) => ({ key: i.key, name: i.name, unit: i.unit, quarters: i.quarterTargets.map(plain) }))
      : [{ name: '', unit: '', quarters: ['', '', '', ''] }],
  );
  const save = useMutation(trpc.plan.saveIndicators.mutationOptions({ onSuccess: onSaved }));
  const update = (r: number, change: Partial<Row>) => setRows((all) => all.map((row, i) => (i === r ? { ...row, ...change } : row)));

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        const indicators = rows.map((r) => ({
          key: r.key,
          name: r.name,
          unit: r.unit,
          annualTarget: annualOf(r.quarters) ?? '-',
          quarterTargets: r.quarters.map((q) => q.trim() || '0'),
        }));
        if (onDraft) onDraft(indicators);
        else save.mutate({ id: plan.ppaId, indicators });
      }}
    >
      {rows.map((row, r) => (
        <fieldset key={row.key ?? `new-${r}`} className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">Indicator {r + 1}</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            <label className="text-xs text-slate-600">
              Name
              <input value={row.name} onChange={(e) => update(r, { name: e.target.value })} className={inputClass} required maxLength={200} />
            </label>
            <label className="text-xs text-slate-600">
              Unit of measure
              <input value={row.unit} onChange={(e) => update(r, { unit: e.target.value })} className={inputClass} required maxLength={60} />
            </label>
          </div>
          <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-4">
            {row.quarters.map((q, i) => (
              <label key={i} className="text-xs text-slate-600">
                Q{i + 1} target
                <input
                  inputMode="decimal"
                  value={q}
                  onChange={(e) => update(r, { quarters: row.quarters.map((x, j) => (j === i ? e.target.value : x)) })}
                  className={inputClass}
                />
              </label>
            ))}
          </div>
          <div className="mt-2 flex items-center justify-between text-sm">
            <span className="text-slate-600">Annual target: {annualOf(row.quarters) === null ? '—' : quantityWords(annualOf(row.quarters)!)}</span>
            <button type="button" onClick={() => setRows((all) => all.filter((_, i) => i !== r))} className={secondaryButton}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      {save.error && (
        <p role="alert" className="text-sm text-rose-700">
          {save.error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={save.isPending} className={primaryButton}>
          {save.isPending ? 'Saving…' : onDraft ? 'Keep in the revision' : 'Save indicators'}
        </button>
        <button type="button" onClick={() => setRows((all) => [...all, { name: '', unit: '', quarters: ['', '', '', ''] }])} className={secondaryButton}>
          Add an indicator
        </button>
        <button type="button" onClick={onCancel} className={secondaryButton}>
          Cancel
        </button>
      </div>
    </form>
  );
}
