'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { z } from '@/server/contracts/zod';
import { APPROPRIATION_CLASSES, FUNDING_SOURCES, PPA_CATEGORIES, PPA_SECTORS } from '@/server/domain/types';
import type { zCreatePpaRequest, zUpdatePpaRequest } from '@/server/contracts/ppa';
import { FormField } from './form-field';
import { errorsFromServer, validatePpaForm, type PpaFormErrors, type PpaFormMode, type PpaFormValues } from './ppa-form-model';
import { humanize } from './labels';
import { useTRPC } from './trpc-provider';
import { lockSentence, LOCKED_MEANS, type BudgetLock } from './execution/budget-lock-model';
import { formatStoredPesos } from './format';

export type { PpaFormValues };

interface Props {
  mode: PpaFormMode;
  initial: PpaFormValues;
  moas: { id: string; code: string; name: string }[];
  /** Admins pick the MOA; a planner's PPAs are always their own MOA's. */
  choosesMoa: boolean;
  /** A locked budget's figures are shown, not offered for editing (the server refuses a change anyway). */
  budgetLock?: BudgetLock | null;
}

export function PpaForm({ mode, initial, moas, choosesMoa, budgetLock = null }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<PpaFormErrors>({});
  const create = useMutation(trpc.ppa.create.mutationOptions());
  const update = useMutation(trpc.ppa.update.mutationOptions());
  const pending = create.isPending || update.isPending;

  const set = (field: keyof PpaFormValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [field]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = validatePpaForm(mode, values, choosesMoa);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    try {
      const saved =
        mode.kind === 'create'
          ? await create.mutateAsync(parsed.request as z.input<typeof zCreatePpaRequest>)
          : await update.mutateAsync(parsed.request as z.input<typeof zUpdatePpaRequest>);
      router.push(`/ppas/${saved.id}`);
      router.refresh();
    } catch (error) {
      setErrors(errorsFromServer(error));
    }
  }

  const input = 'mt-1 block w-full rounded-md border px-3 py-2 text-base';
  const border = (field: keyof PpaFormValues) => (errors[field] ? 'border-rose-500' : 'border-slate-300');
  const describedBy = (field: keyof PpaFormValues) => (errors[field] ? `${field}-error` : undefined);
  const common = (field: keyof PpaFormValues) => ({
    id: field,
    name: field,
    value: values[field],
    onChange: set(field),
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': describedBy(field),
    className: `${input} ${border(field)}`,
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-5 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:p-6">
      {errors.form && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {errors.form}
        </p>
      )}
      {choosesMoa && (
        <FormField id="moaId" label="Implementing MOA" error={errors.moaId}>
          <select {...common('moaId')}>
            <option value="">Choose…</option>
            {moas.map((m) => (
              <option key={m.id} value={m.id}>
                {m.code} — {m.name}
              </option>
            ))}
          </select>
        </FormField>
      )}
      <FormField id="title" label="Title" error={errors.title}>
        <input type="text" {...common('title')} />
      </FormField>
      <FormField id="description" label="Description" error={errors.description}>
        <textarea rows={3} {...common('description')} />
      </FormField>
      <div className="grid gap-4 md:grid-cols-3">
        <FormField id="category" label="Category" error={errors.category}>
          <select {...common('category')}>
            <option value="">Choose…</option>
            {PPA_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="sector" label="Sector" error={errors.sector}>
          <select {...common('sector')}>
            <option value="">Choose…</option>
            {PPA_SECTORS.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="fiscalYear" label="Fiscal year" error={errors.fiscalYear}>
          <input type="number" inputMode="numeric" {...common('fiscalYear')} />
        </FormField>
        <FormField id="appropriationClass" label="Appropriation class" error={errors.appropriationClass}>
          <select {...common('appropriationClass')}>
            <option value="">Not yet set</option>
            {APPROPRIATION_CLASSES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="fundingSource" label="Funding source" error={errors.fundingSource}>
          <select {...common('fundingSource')}>
            <option value="">Not yet set</option>
            {FUNDING_SOURCES.map((f) => (
              <option key={f} value={f}>
                {f === 'supplemental_budget' ? 'Supplemental budget' : humanize(f)}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="fundingSourceDetail" label="Funding source detail" error={errors.fundingSourceDetail}>
          <input type="text" {...common('fundingSourceDetail')} />
        </FormField>
        {budgetLock ? (
          <div className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200 md:col-span-3" data-testid="budget-locked">
            <p>
              <span className="font-medium">Budget ceiling</span> {formatStoredPesos(values.budgetCeiling || null)} ·{' '}
              <span className="font-medium">Budget allocation</span> {formatStoredPesos(values.budgetAllocation || null)}
            </p>
            <p className="mt-1">The budget is locked, so these figures cannot change here. {lockSentence(budgetLock)}</p>
            <p className="text-xs">{LOCKED_MEANS}</p>
          </div>
        ) : (
          <>
            <FormField id="budgetCeiling" label="Budget ceiling (₱)" error={errors.budgetCeiling}>
              <input type="text" inputMode="decimal" placeholder="5000000.00" {...common('budgetCeiling')} />
            </FormField>
            <FormField id="budgetAllocation" label="Budget allocation (₱)" error={errors.budgetAllocation}>
              <input type="text" inputMode="decimal" placeholder="5000000.00" {...common('budgetAllocation')} />
            </FormField>
            <div />
          </>
        )}
        <FormField id="startDate" label="Start date" error={errors.startDate}>
          <input type="date" {...common('startDate')} />
        </FormField>
        <FormField id="targetEndDate" label="Target end date" error={errors.targetEndDate}>
          <input type="date" {...common('targetEndDate')} />
        </FormField>
      </div>
      <div className="flex gap-3">
        <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? 'Saving…' : mode.kind === 'create' ? 'Create PPA' : 'Save changes'}
        </button>
        <button type="button" onClick={() => router.back()} className="rounded-md px-4 py-2 text-slate-700 hover:underline">
          Cancel
        </button>
      </div>
    </form>
  );
}
