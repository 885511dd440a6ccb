'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { isPesoAmount, parsePesos, toPesoString, type Centavos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { draftEdits, draftMeta, draftValue, META_KEY, ROW_FIELD, setDraftValue, type RowField } from '@/server/collab/draft-keys';
import { primaryButton } from '../ui/modal';
import { useTRPC } from '../trpc-provider';
import { budgetLockOf, lockSentence } from '../execution/budget-lock-model';
import { Skeleton } from '../skeleton';
import { amountText, draftProblems, savedLine } from './allocation-form-model';
import { useAllocationDraft } from './use-allocation-draft';

const fieldClass = 'w-full rounded-md border px-2 py-2 tabular-nums disabled:bg-slate-100 md:py-1';

/**
 * The allocation form, co-edited live: each field of each row is its own value in the PPA's shared draft
 * (draft-keys.ts; an amount in centavos, as a string), over-allocation marks the rows before anyone saves (the domain's own rule),
 * and "Save allocation" sends the draft through the budget service, which re-checks everything.
 */
export function AllocationForm({ ppaId, userName }: { ppaId: string; userName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tree = useQuery(trpc.budget.allocationTree.queryOptions({ id: ppaId }));
  const draft = useAllocationDraft(ppaId, userName);
  const save = useMutation(trpc.collab.save.mutationOptions());
  const [typing, setTyping] = useState<Record<string, string>>({});
  // The amount box being typed in shows the raw figure; every other one reads as pesos.
  const [focused, setFocused] = useState<string | null>(null);
  const meta = draftMeta(draft.doc);
  const locked = meta.get(META_KEY.locked) === true;
  // Maintenance mode (set by the server): nobody's changes are taken until it ends.
  const maintenance = meta.get(META_KEY.maintenance) === true;
  // Refused: the server will not take this browser's changes any more, so typing more would only be lost.
  const readOnly = draft.mode !== 'edit' || locked || maintenance || draft.refused !== null;
  const savedAt = meta.get(META_KEY.savedAt) as string | undefined;
  const savedBy = meta.get(META_KEY.savedBy) as string | undefined;

  // A save by anyone changes the saved figures: reload them.
  useEffect(() => {
    if (savedAt) void queryClient.invalidateQueries({ queryKey: trpc.budget.allocationTree.queryKey({ id: ppaId }) });
  }, [savedAt, ppaId, queryClient, trpc]);

  const root = tree.data?.tree ?? null;
  const lock = tree.data ? budgetLockOf(tree.data.ppa) : null;
  const amountOf = (node: AllocationNodeShape): Centavos => {
    const override = draftValue(draft.doc, node.id, ROW_FIELD.amount);
    return override !== undefined ? BigInt(override) : parsePesos(node.allocated);
  };

  // Live validation: the same invariant the budget service checks on save, one message per parent.
  const problems = useMemo(() => {
    if (!root) return { byGroup: new Map<string, string>(), flagged: new Set<string>() };
    const budget = tree.data?.ppa.budgetAllocation;
    return draftProblems(root, amountOf, budget ? parsePesos(budget) : null);
    // draft.version re-runs this when the shared draft changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [root, draft.version, tree.data]);

  function setShared(node: AllocationNodeShape, key: RowField, value: string) {
    setDraftValue(draft.doc, node.id, key, value);
  }

  function type(node: AllocationNodeShape, text: string) {
    setTyping((t) => ({ ...t, [node.id]: text }));
    if (!isPesoAmount(text) || parsePesos(text) < 0n) return;
    setShared(node, ROW_FIELD.amount, String(parsePesos(text)));
  }

  async function onSave() {
    const amounts = draftEdits(draft.doc).map(({ amount, ...edit }) => ({
      ...edit,
      ...(amount !== undefined ? { amount: toPesoString(BigInt(amount)) } : {}),
    }));
    await save.mutateAsync({ ppaId, amounts }).then(
      () => setTyping({}),
      () => undefined,
    );
  }

  const others = draft.peers.filter((p) => !p.self);
  const editingBy = (rowId: string) => others.filter((p) => p.editing === rowId);

  function renderRow(node: AllocationNodeShape, level: number): React.ReactNode {
    const flagged = problems.flagged.has(node.id);
    const groupProblems = [problems.byGroup.get(node.id), problems.byGroup.get(`${node.id}:ppa`)].filter((p): p is string => Boolean(p));
    const editors = editingBy(node.id);
    const text = typing[node.id] ?? amountText(amountOf(node), focused === node.id);
    const invalid = focused === node.id && (!isPesoAmount(text) || parsePesos(text) < 0n);
    const indent = { paddingLeft: `${Math.min(level, 5) * 0.75}rem` };
    const problemIds = groupProblems.map((_, i) => `problem-${node.id}-${i}`).join(' ');
    return (
      <li key={node.id}>
        <div
          className={`grid grid-cols-[minmax(0,1fr)_5rem] gap-x-2 gap-y-1 border-b border-slate-100 py-2 md:grid-cols-[minmax(0,1fr)_10rem_5rem_12rem] md:items-center ${flagged ? 'bg-rose-50' : ''}`}
          style={indent}
          data-testid={`row-${node.title}`}
        >
          <div className="col-span-2 flex min-w-0 flex-wrap items-center gap-2 md:col-span-1">
            <label htmlFor={`amount-${node.id}`} className="min-w-0 break-words text-sm font-medium">
              {node.title}
            </label>
            {editors.map((p) => (
              <span key={p.clientId} className="rounded px-1.5 text-xs text-white" style={{ background: p.colour }}>
                {p.name}
              </span>
            ))}
          </div>
          <div className="min-w-0">
            <span aria-hidden="true" className="block text-xs text-slate-500 md:hidden">
              Amount (₱)
            </span>
            <input
              id={`amount-${node.id}`}
              inputMode="decimal"
              value={text}
              disabled={readOnly}
              aria-invalid={flagged || invalid ? true : undefined}
              aria-describedby={problemIds || undefined}
              onFocus={(e) => {
                // Show the raw figure at once, all of it selected, so typing replaces it (not only after a re-render).
                e.currentTarget.value = toPesoString(amountOf(node));
                e.currentTarget.select();
                setFocused(node.id);
                draft.setEditing(node.id);
              }}
              onBlur={() => {
                setFocused(null);
                draft.setEditing(null);
                setTyping((t) => {
                  const rest = { ...t };
                  delete rest[node.id];
                  return rest;
                });
              }}
              onChange={(e) => type(node, e.target.value)}
              className={`${fieldClass} text-right ${flagged || invalid ? 'border-rose-500' : 'border-slate-300'}`}
            />
          </div>
          <div className="min-w-0">
            <span aria-hidden="true" className="block text-xs text-slate-500 md:hidden">
              Weight
            </span>
            <input
              aria-label={`Weight of ${node.title}`}
              inputMode="decimal"
              disabled={readOnly}
              value={draftValue(draft.doc, node.id, ROW_FIELD.weight) ?? node.weight}
              onFocus={() => draft.setEditing(node.id)}
              onBlur={() => draft.setEditing(null)}
              onChange={(e) => setShared(node, ROW_FIELD.weight, e.target.value)}
              className={`${fieldClass} border-slate-300 text-right`}
            />
          </div>
          <div className="col-span-2 min-w-0 md:col-span-1">
            <span aria-hidden="true" className="block text-xs text-slate-500 md:hidden">
              Note
            </span>
            <input
              aria-label={`Note on ${node.title}`}
              disabled={readOnly}
              value={draftValue(draft.doc, node.id, ROW_FIELD.note) ?? node.budgetNotes}
              onFocus={() => draft.setEditing(node.id)}
              onBlur={() => draft.setEditing(null)}
              onChange={(e) => setShared(node, ROW_FIELD.note, e.target.value)}
              className={`${fieldClass} border-slate-300 text-sm`}
            />
          </div>
        </div>
        {groupProblems.map((problem, i) => (
          <p
            key={problem}
            id={`problem-${node.id}-${i}`}
            role="alert"
            data-testid="group-problem"
            className="bg-rose-50 px-2 py-1 text-xs text-rose-700"
            style={indent}
          >
            {problem}
          </p>
        ))}
        {node.children.length > 0 && <ul>{node.children.map((c) => renderRow(c, level + 1))}</ul>}
      </li>
    );
  }

  if (draft.error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        {draft.error}
      </p>
    );
  if (tree.isPending || !draft.mode) return <Skeleton label="Opening the shared draft…" rows={6} rowHeight="h-10" />;
  if (!root) return <p className="text-sm text-slate-600">Execution tracking is not enabled for this PPA yet.</p>;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span role="status" aria-live="polite" data-testid="connection" className={draft.connection === 'connected' ? 'text-emerald-700' : 'text-amber-700'}>
          {draft.refused
            ? '○ Not connected'
            : draft.connection === 'connected'
              ? '● Live'
              : draft.connection === 'connecting'
                ? '○ Connecting…'
                : '○ Offline: your changes will merge when the connection is back'}
        </span>
        <span aria-label="People here" data-testid="presence" className="flex flex-wrap gap-1">
          {draft.peers.map((p) => (
            <span key={p.clientId} className="rounded-full px-2 py-0.5 text-xs text-white" style={{ background: p.colour }}>
              {p.name}
              {p.self ? ' (you)' : ''}
            </span>
          ))}
        </span>
      </div>
      {draft.refused && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {draft.refused}
        </p>
      )}
      {readOnly && !draft.refused && (
        <p role="note" className="rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {maintenance
            ? 'PPA Tracker is in maintenance: the form is read-only for everyone until it ends.'
            : locked
              ? `The budget is locked: the form is read-only for everyone. ${lock ? lockSentence(lock) : ''}`
              : 'You can follow the draft but not change it.'}
        </p>
      )}
      {savedAt && (
        <p data-testid="saved" className="text-sm text-slate-700">
          {savedLine(savedBy, savedAt)}
        </p>
      )}
      <div
        aria-hidden="true"
        className="hidden border-b border-slate-300 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 md:grid md:grid-cols-[minmax(0,1fr)_10rem_5rem_12rem] md:gap-x-2"
      >
        <span>Item</span>
        <span className="text-right">Amount (₱)</span>
        <span className="text-right">Weight</span>
        <span>Note</span>
      </div>
      <ul aria-label="Allocation form">{renderRow(root, 0)}</ul>
      {save.error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {save.error.message}
        </p>
      )}
      {!readOnly && (
        <button type="button" className={primaryButton} onClick={onSave} disabled={save.isPending || problems.byGroup.size > 0}>
          {save.isPending ? 'Saving…' : 'Save allocation'}
        </button>
      )}
    </div>
  );
}
