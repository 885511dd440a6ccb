'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { PlanResponse } from '@/server/contracts/plans';
import { fieldError } from '../ui/field-error';
import { inputClass, Modal, primaryButton, secondaryButton } from '../ui/modal';
import { FormField } from '../form-field';
import { useTRPC } from '../trpc-provider';
import { shortfallHint } from './plan-model';

type Indicator = PlanResponse['indicators'][number];

/** Records what an indicator achieved in a quarter; asks for the explanation a shortfall of more than 15% needs. */
export function AccomplishmentDialog({
  ppaId,
  indicator,
  onClose,
  onSaved,
}: {
  ppaId: string;
  indicator: Indicator;
  onClose: () => void;
  onSaved: (plan: PlanResponse) => void;
}) {
  const trpc = useTRPC();
  const [quarter, setQuarter] = useState(1);
  const existing = indicator.accomplishments.find((a) => a.quarter === quarter);
  const [accomplished, setAccomplished] = useState(existing?.accomplished.replace(/\.00$/, '') ?? '');
  const [explanation, setExplanation] = useState(existing?.explanation ?? '');
  const record = useMutation(trpc.plan.recordAccomplishment.mutationOptions({ onSuccess: onSaved }));
  const hint = shortfallHint(accomplished, indicator.quarterTargets[quarter - 1]!, indicator.unit);
  const error = record.error;

  function chooseQuarter(q: number) {
    setQuarter(q);
    const found = indicator.accomplishments.find((a) => a.quarter === q);
    setAccomplished(found?.accomplished.replace(/\.00$/, '') ?? '');
    setExplanation(found?.explanation ?? '');
  }

  return (
    <Modal title={`Accomplishment: ${indicator.name}`} open onClose={onClose}>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate({ id: ppaId, indicatorKey: indicator.key, quarter, accomplished, explanation: explanation.trim() || null });
        }}
      >
        <FormField id="acc-quarter" label="Quarter">
          <select id="acc-quarter" value={quarter} onChange={(e) => chooseQuarter(Number(e.target.value))} className={inputClass}>
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                Q{q}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="acc-amount" label={`Accomplished (${indicator.unit})`} error={fieldError(error, 'accomplished')}>
          <input
            id="acc-amount"
            inputMode="decimal"
            value={accomplished}
            onChange={(e) => setAccomplished(e.target.value)}
            className={inputClass}
            aria-describedby="acc-hint"
            required
          />
        </FormField>
        <p id="acc-hint" className={`text-sm ${hint.needsExplanation ? 'text-amber-800' : 'text-slate-600'}`}>
          {hint.text}
        </p>
        <FormField
          id="acc-explanation"
          label={hint.needsExplanation ? 'Explanation of the shortfall (required)' : 'Explanation (optional)'}
          error={fieldError(error, 'explanation')}
        >
          <textarea
            id="acc-explanation"
            value={explanation}
            onChange={(e) => setExplanation(e.target.value)}
            rows={3}
            maxLength={2000}
            className={inputClass}
            required={hint.needsExplanation}
            aria-invalid={fieldError(error, 'explanation') ? true : undefined}
            aria-describedby={fieldError(error, 'explanation') ? 'acc-explanation-error' : undefined}
          />
        </FormField>
        {error && !fieldError(error, 'explanation') && !fieldError(error, 'accomplished') && (
          <p role="alert" className="text-sm text-rose-700">
            {error.message}
          </p>
        )}
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" onClick={onClose} className={secondaryButton}>
            Cancel
          </button>
          <button type="submit" disabled={record.isPending} className={primaryButton}>
            {record.isPending ? 'Saving…' : 'Save accomplishment'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
