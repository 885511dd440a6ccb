'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ModificationPreview, PlanRevisionInput } from '@/server/contracts/modification';
import type { PlanResponse } from '@/server/contracts/plans';
import { formatStoredPesos } from '../format';
import { FormField } from '../form-field';
import { inputClass, primaryButton, secondaryButton } from '../ui/modal';
import { useTRPC } from '../trpc-provider';
import { emptyLine, linesToSend, parseLinks, previewableRequest, type ItemOption, type LineDraft } from './modification-model';
import { PlanRevisionSection } from './plan-revision-section';

/**
 * "Request a modification": lines moving money from one work item to another, checked live against the
 * invariants (the server's preview), with the route the lines' classes give shown before submission. Works on
 * a phone: each line stacks its fields. The server checks everything again on save and on submit.
 */
export function ModificationForm(props: {
  ppaId: string;
  items: ItemOption[];
  requestId?: string;
  initial?: { lines: LineDraft[]; justification: string; attachmentLinks: string[]; planRevision: PlanRevisionInput | null };
  /** The PPA's plan in force, from which a plan revision starts; absent when it cannot be read. */
  plan?: PlanResponse;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [lines, setLines] = useState<LineDraft[]>(props.initial?.lines.length ? props.initial.lines : [emptyLine()]);
  const [revision, setRevision] = useState<PlanRevisionInput | null>(props.initial?.planRevision ?? null);
  const [justification, setJustification] = useState(props.initial?.justification ?? '');
  const [links, setLinks] = useState((props.initial?.attachmentLinks ?? []).join('\n'));
  const [checked, setChecked] = useState<{ key: string; preview: ModificationPreview } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewMutation = useMutation(trpc.modification.preview.mutationOptions());
  const create = useMutation(trpc.modification.create.mutationOptions());
  const update = useMutation(trpc.modification.update.mutationOptions());
  const submit = useMutation(trpc.modification.submit.mutationOptions());
  const busy = create.isPending || update.isPending || submit.isPending;
  const { mutateAsync: runPreview } = previewMutation;

  const ready = previewableRequest(lines, revision !== null);
  const revisionClasses = revision?.classes;
  const readyKey = JSON.stringify([ready, revisionClasses]);
  useEffect(() => {
    if (!ready) return;
    // Wait for typing to pause: one preview per settled change, not one per keystroke.
    const timer = setTimeout(() => {
      runPreview({ ppaId: props.ppaId, lines: ready, excludeRequestId: props.requestId, planRevisionClasses: revisionClasses })
        .then((preview) => setChecked({ key: readyKey, preview }))
        .catch(() => setChecked(null));
    }, 350);
    return () => clearTimeout(timer);
    // readyKey stands for `ready` (a new array each render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [readyKey, props.ppaId, props.requestId, runPreview]);

  // A preview of other lines than those on screen is stale: "Checking…" until the new one arrives.
  const preview = ready && checked?.key === readyKey ? checked.preview : null;

  const setLine = (index: number, field: keyof LineDraft) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    setLines((all) => all.map((line, i) => (i === index ? { ...line, [field]: e.target.value } : line)));

  async function save(andSubmit: boolean) {
    setError(null);
    // A revision the request had and no longer has is dropped (null); none before and none now sends nothing.
    const planRevision = revision ?? (props.initial?.planRevision ? null : undefined);
    const body = { lines: linesToSend(lines, revision !== null), justification, attachmentLinks: parseLinks(links), planRevision };
    try {
      const { id } = props.requestId ? await update.mutateAsync({ id: props.requestId, ...body }) : await create.mutateAsync({ ppaId: props.ppaId, ...body });
      if (andSubmit) await submit.mutateAsync({ id });
      router.push(`/modifications/${id}`);
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void save(true);
      }}
    >
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Lines: which item gives how much to which</legend>
        {lines.map((line, i) => (
          <div key={i} className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-[1fr_1fr_10rem_auto] md:items-end">
            <FormField id={`line-${i}-from`} label={`Line ${i + 1}: from`}>
              <select id={`line-${i}-from`} value={line.fromWorkItemId} onChange={setLine(i, 'fromWorkItemId')} className={inputClass}>
                <option value="">Choose the item that gives</option>
                {props.items.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label} ({formatStoredPesos(o.allocated)})
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`line-${i}-to`} label={`Line ${i + 1}: to`}>
              <select id={`line-${i}-to`} value={line.toWorkItemId} onChange={setLine(i, 'toWorkItemId')} className={inputClass}>
                <option value="">Choose the item that receives</option>
                {props.items.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label} ({formatStoredPesos(o.allocated)})
                  </option>
                ))}
              </select>
            </FormField>
            <FormField id={`line-${i}-amount`} label={`Line ${i + 1}: amount (₱)`}>
              <input
                id={`line-${i}-amount`}
                inputMode="decimal"
                value={line.amount}
                onChange={setLine(i, 'amount')}
                className={inputClass}
                placeholder="150000.00"
              />
            </FormField>
            {lines.length > 1 && (
              <button type="button" className={secondaryButton} onClick={() => setLines((all) => all.filter((_, j) => j !== i))}>
                Remove line {i + 1}
              </button>
            )}
          </div>
        ))}
        <button type="button" className={secondaryButton} onClick={() => setLines((all) => [...all, emptyLine()])}>
          Add a line
        </button>
      </fieldset>

      {props.plan && <PlanRevisionSection plan={props.plan} revision={revision} onChange={setRevision} />}

      <section aria-labelledby="preview-heading" aria-live="polite" className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
        <h2 id="preview-heading" className="text-base font-semibold">
          Check before submitting
        </h2>
        {!ready ? (
          <p className="mt-1 text-sm text-slate-600">Choose both items and an amount on every line (or revise the plans) to see the effect and who decides.</p>
        ) : !preview ? (
          <p className="mt-1 text-sm text-slate-600">Checking…</p>
        ) : (
          <div className="mt-2 space-y-2 text-sm">
            <p>
              <span className="font-medium">Route:</span> {preview.routeWords}
            </p>
            <p>
              <span className="font-medium">Total moved:</span> <span className="tabular-nums">{formatStoredPesos(preview.total)}</span>
            </p>
            {preview.problems.length > 0 ? (
              <ul className="list-disc space-y-1 pl-5 text-rose-800" aria-label="Problems">
                {preview.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            ) : (
              <p className="text-emerald-800">The PPA’s total stays the same and every balance holds.</p>
            )}
            <ul className="space-y-1" aria-label="Effect on the items">
              {preview.changes.map((c) => (
                <li key={c.workItemId} className="tabular-nums">
                  {c.title}: {formatStoredPesos(c.before)} → <span className="font-medium">{formatStoredPesos(c.after)}</span>
                  {c.available !== null && <span className="text-slate-600"> (can give {formatStoredPesos(c.available)})</span>}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <FormField id="justification" label="Justification">
        <textarea id="justification" rows={4} value={justification} onChange={(e) => setJustification(e.target.value)} className={inputClass} />
      </FormField>
      <FormField id="links" label="Attachment links (optional, one per line)">
        <textarea id="links" rows={2} value={links} onChange={(e) => setLinks(e.target.value)} className={inputClass} placeholder="https://…" />
      </FormField>

      {error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={primaryButton} disabled={busy}>
          Submit for decision
        </button>
        <button type="button" className={secondaryButton} disabled={busy} onClick={() => void save(false)}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
