'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { formatCalendarDate } from '../format';
import { useTRPC } from '../trpc-provider';
import { afterRecorded, emptyExpenditure, expenditureRequest, spendingSummary } from './expenditure-model';
import { fieldError, inputClass, Modal, primaryButton, secondaryButton } from './modal';
import type { TreeMutations } from './use-tree-mutations';

/** A work item's expenditure ledger, and a form to record a new entry (for those who may). */
export function ExpenditureDialog({ node, mutations, canEdit, onClose }: { node: AllocationNodeShape; mutations: TreeMutations; canEdit: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const ledger = useQuery(trpc.workItem.expenditures.queryOptions({ id: node.id }));
  const [values, setValues] = useState(() => emptyExpenditure());
  const error = mutations.record.error;
  const set = (k: keyof typeof values) => (e: React.ChangeEvent<HTMLInputElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    await mutations.record.mutateAsync(expenditureRequest(node.id, values)).then(async () => {
      setValues(afterRecorded);
      await ledger.refetch();
    }, () => undefined);
  }

  return (
    <Modal title={`Spending on ${node.title}`} open onClose={onClose}>
      <p className="mb-3 text-sm">
        {spendingSummary(node)}
      </p>
      {canEdit && (
        <form onSubmit={submit} noValidate className="mb-4 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="exp-amount" className="block text-sm font-medium">Amount (₱)</label>
            <input id="exp-amount" inputMode="decimal" value={values.amount} onChange={set('amount')} className={inputClass} aria-invalid={fieldError(error, 'amount') ? true : undefined} />
            {fieldError(error, 'amount') && <p className="mt-1 text-sm text-rose-700">{fieldError(error, 'amount')}</p>}
          </div>
          <div>
            <label htmlFor="exp-date" className="block text-sm font-medium">Date</label>
            <input id="exp-date" type="date" value={values.date} onChange={set('date')} className={inputClass} />
            {fieldError(error, 'date') && <p className="mt-1 text-sm text-rose-700">{fieldError(error, 'date')}</p>}
          </div>
          <div className="col-span-2">
            <label htmlFor="exp-description" className="block text-sm font-medium">What it paid for</label>
            <input id="exp-description" value={values.description} onChange={set('description')} className={inputClass} />
            {fieldError(error, 'description') && <p className="mt-1 text-sm text-rose-700">{fieldError(error, 'description')}</p>}
          </div>
          {error && !fieldError(error, 'amount') && !fieldError(error, 'date') && !fieldError(error, 'description') && (
            <p role="alert" className="col-span-2 text-sm text-rose-700">{error.message}</p>
          )}
          <div className="col-span-2">
            <button type="submit" className={primaryButton} disabled={mutations.record.isPending}>{mutations.record.isPending ? 'Recording…' : 'Record expenditure'}</button>
          </div>
        </form>
      )}
      {ledger.isPending ? (
        <p role="status" className="text-sm text-slate-600">Loading the ledger…</p>
      ) : ledger.data?.length ? (
        <ul className="max-h-64 divide-y divide-slate-100 overflow-auto text-sm" aria-label="Expenditure ledger">
          {ledger.data.map((e) => (
            <li key={e.id} className="flex justify-between gap-2 py-1.5">
              <span>{formatCalendarDate(e.date)} · {e.description} <span className="text-xs text-slate-500">({e.recordedBy})</span></span>
              <span className="tabular-nums">{formatPesos(parsePesos(e.amount))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Nothing recorded on this item yet.</p>
      )}
      <div className="mt-4"><button type="button" className={secondaryButton} onClick={onClose}>Close</button></div>
    </Modal>
  );
}
