'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LEDGER_ENTRY_KINDS } from '@/server/domain/types';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import type { ExpenditureResponse } from '@/server/contracts/work-item';
import { formatCalendarDate } from '../format';
import { useTRPC } from '../trpc-provider';
import {
  afterRecorded,
  emptyExpenditure,
  expenditureRequest,
  KIND_LABELS,
  ledgerLine,
  reversalRequest,
  spendingSummary,
  type ExpenditureValues,
} from './expenditure-model';
import { fieldError, inputClass, Modal, primaryButton, secondaryButton } from '../ui/modal';
import type { TreeMutations } from './use-tree-mutations';

const dangerButton =
  'inline-flex min-h-11 items-center justify-center rounded-md bg-rose-700 px-3 py-2 text-sm font-medium text-white hover:bg-rose-800 disabled:opacity-60 sm:min-h-9';

function FieldMessage({ error, field }: { error: unknown; field: string }) {
  const message = fieldError(error, field);
  return message ? <p className="mt-1 text-sm text-rose-700">{message}</p> : null;
}

/**
 * The confirmation of a reversal, in place of the entry's line: what will be reversed, the reason (kept in the
 * ledger and the history), and the two choices. A styled panel rather than the browser's confirm(), which
 * cannot ask for a reason.
 */
function ReversePanel({ entry, mutations, onDone }: { entry: ExpenditureResponse; mutations: TreeMutations; onDone: (reversed: boolean) => void }) {
  const [reason, setReason] = useState('');
  const error = mutations.reverse.error;
  const line = ledgerLine(entry);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    await mutations.reverse.mutateAsync(reversalRequest(entry.id, reason)).then(
      () => onDone(true),
      () => undefined,
    );
  }

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={`Reverse ${line.kind.toLowerCase()} of ${line.amount}`}
      className="my-1 space-y-2 rounded-md bg-rose-50 p-3 ring-1 ring-rose-200"
    >
      <p className="text-sm">
        Reverse the {line.kind.toLowerCase()} of <span className="font-medium tabular-nums">{line.amount}</span> ({entry.description})? An entry taking the same
        amount back is added; both stay in the ledger and net to zero.
      </p>
      <div>
        <label htmlFor={`reason-${entry.id}`} className="block text-sm font-medium">
          Reason for the reversal
        </label>
        <textarea
          id={`reason-${entry.id}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          className={inputClass}
          autoFocus
          aria-invalid={fieldError(error, 'reason') ? true : undefined}
        />
        <FieldMessage error={error} field="reason" />
      </div>
      {error && !fieldError(error, 'reason') && (
        <p role="alert" className="text-sm text-rose-700">
          {error.message}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={dangerButton} disabled={mutations.reverse.isPending}>
          {mutations.reverse.isPending ? 'Reversing…' : 'Reverse entry'}
        </button>
        <button
          type="button"
          className={secondaryButton}
          onClick={() => {
            mutations.reverse.reset();
            onDone(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * A work item's ledger (obligations, disbursements and reversals), and a form to record a new entry, for those
 * who may. `node` is the item as the latest tree has it, so the figures line follows every change at once.
 * `closedBecause` says why the PPA takes no entries yet (not approved out of budget review): the form gives way to it.
 */
export function ExpenditureDialog({
  node,
  mutations,
  canEdit,
  closedBecause,
  onClose,
}: {
  node: AllocationNodeShape;
  mutations: TreeMutations;
  canEdit: boolean;
  closedBecause: string | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const ledger = useQuery(trpc.workItem.expenditures.queryOptions({ id: node.id }));
  const [values, setValues] = useState<ExpenditureValues>(() => emptyExpenditure());
  const [reversing, setReversing] = useState<string | null>(null);
  const error = mutations.record.error;
  const set = (k: keyof ExpenditureValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [k]: e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    await mutations.record.mutateAsync(expenditureRequest(node.id, values)).then(
      async () => {
        setValues(afterRecorded);
        await ledger.refetch();
      },
      () => undefined,
    );
  }

  async function reversed(done: boolean) {
    setReversing(null);
    if (done) await ledger.refetch();
  }

  const fields = ['kind', 'amount', 'date', 'description', 'referenceNo'];
  return (
    <Modal title={`Spending on ${node.title}`} open onClose={onClose}>
      <p className="mb-3 text-sm tabular-nums" data-testid="ledger-summary" aria-live="polite">
        {spendingSummary(node)}
      </p>
      {canEdit && closedBecause && (
        <p role="note" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {closedBecause}
        </p>
      )}
      {canEdit && !closedBecause && (
        <form onSubmit={submit} noValidate className="mb-4 grid grid-cols-2 gap-3">
          <div>
            <label htmlFor="exp-kind" className="block text-sm font-medium">
              Kind
            </label>
            <select id="exp-kind" value={values.kind} onChange={set('kind')} className={inputClass}>
              {LEDGER_ENTRY_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </select>
            <FieldMessage error={error} field="kind" />
          </div>
          <div>
            <label htmlFor="exp-reference" className="block text-sm font-medium">
              Reference no. (ORS / DV)
            </label>
            <input
              id="exp-reference"
              value={values.referenceNo}
              onChange={set('referenceNo')}
              maxLength={60}
              className={inputClass}
              aria-invalid={fieldError(error, 'referenceNo') ? true : undefined}
            />
            <FieldMessage error={error} field="referenceNo" />
          </div>
          <div>
            <label htmlFor="exp-amount" className="block text-sm font-medium">
              Amount (₱)
            </label>
            <input
              id="exp-amount"
              inputMode="decimal"
              value={values.amount}
              onChange={set('amount')}
              className={inputClass}
              aria-invalid={fieldError(error, 'amount') ? true : undefined}
            />
            <FieldMessage error={error} field="amount" />
          </div>
          <div>
            <label htmlFor="exp-date" className="block text-sm font-medium">
              Date
            </label>
            <input id="exp-date" type="date" value={values.date} onChange={set('date')} className={inputClass} />
            <FieldMessage error={error} field="date" />
          </div>
          <div className="col-span-2">
            <label htmlFor="exp-description" className="block text-sm font-medium">
              What it paid for
            </label>
            <input id="exp-description" value={values.description} onChange={set('description')} className={inputClass} />
            <FieldMessage error={error} field="description" />
          </div>
          {error && !fields.some((f) => fieldError(error, f)) && (
            <p role="alert" className="col-span-2 text-sm text-rose-700">
              {error.message}
            </p>
          )}
          <div className="col-span-2">
            <button type="submit" className={primaryButton} disabled={mutations.record.isPending}>
              {mutations.record.isPending ? 'Recording…' : 'Record expenditure'}
            </button>
          </div>
        </form>
      )}
      {ledger.isPending ? (
        <p role="status" className="text-sm text-slate-600">
          Loading the ledger…
        </p>
      ) : ledger.data?.length ? (
        <ul className="max-h-72 divide-y divide-slate-100 overflow-auto text-sm" aria-label="Expenditure ledger">
          {ledger.data.map((e) => {
            const line = ledgerLine(e);
            return (
              <li key={e.id} className="py-1.5" data-testid="ledger-entry">
                <div className="flex justify-between gap-2">
                  <span className="min-w-0">
                    <span
                      className={`mr-1 inline-block rounded px-1.5 py-0.5 text-xs font-medium ${e.kind === 'obligation' ? 'bg-sky-100 text-sky-800' : 'bg-emerald-100 text-emerald-800'}`}
                    >
                      {line.kind}
                    </span>
                    {formatCalendarDate(e.date)} · {e.description}
                    {e.referenceNo && <span className="text-xs text-slate-600"> · Ref. {e.referenceNo}</span>}
                    <span className="text-xs text-slate-500"> ({e.recordedBy})</span>
                  </span>
                  <span className={`shrink-0 tabular-nums ${line.note === 'Reversed' ? 'text-slate-400 line-through' : ''}`}>{line.amount}</span>
                </div>
                {line.note && <p className="text-xs text-slate-600">{line.note}</p>}
                {canEdit && line.reversible && reversing !== e.id && (
                  <button
                    type="button"
                    className="mt-1 inline-flex min-h-11 min-w-11 items-center px-2 text-xs font-medium text-rose-700 underline underline-offset-2 sm:min-h-6"
                    onClick={() => {
                      mutations.reverse.reset();
                      setReversing(e.id);
                    }}
                    aria-label={`Reverse ${line.kind.toLowerCase()} of ${line.amount} on ${formatCalendarDate(e.date)}`}
                  >
                    Reverse
                  </button>
                )}
                {reversing === e.id && <ReversePanel entry={e} mutations={mutations} onDone={reversed} />}
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">Nothing recorded on this item yet.</p>
      )}
      <div className="mt-4">
        <button type="button" className={secondaryButton} onClick={onClose}>
          Close
        </button>
      </div>
    </Modal>
  );
}
