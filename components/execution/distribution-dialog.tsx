'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { useTRPC } from '../trpc-provider';
import { lockSentence, LOCKED_MEANS, type BudgetLock } from './budget-lock-model';
import { distributionRequest, initialManualAmounts, initialWeights, peso, shareOfParent, weightsProblem, type DistributionMode } from './distribution-model';
import { inputClass, Modal, primaryButton, secondaryButton } from '../ui/modal';
import type { TreeMutations } from './use-tree-mutations';

const MODE_LABELS: Record<DistributionMode, string> = { equal: 'Equally', weighted: 'By weight', manual: 'Manually' };

/**
 * Distribute a row's budget over its children: equally, by weight (the weights editable here, saved with the
 * distribution) or manually. The preview and the over-allocation warning come from the server (the same code
 * that applies it), so the dialog never computes an amount itself. On a locked budget nothing is previewed:
 * the dialog says why and by whom it is locked.
 */
export function DistributionDialog({
  parent,
  ppaId,
  mutations,
  onClose,
  lock,
}: {
  parent: AllocationNodeShape;
  ppaId: string;
  mutations: TreeMutations;
  onClose: () => void;
  lock: BudgetLock | null;
}) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<DistributionMode>('equal');
  const [manual, setManual] = useState<Record<string, string>>(() => initialManualAmounts(parent));
  const [weights, setWeights] = useState<Record<string, string>>(() => initialWeights(parent));
  const preview = useMutation(trpc.budget.previewDistribution.mutationOptions());
  const badWeight = mode === 'weighted' ? weightsProblem(parent, weights) : null;
  const request = distributionRequest(ppaId, parent, mode, manual, weights);
  const requestKey = lock || badWeight ? null : JSON.stringify(request);

  useEffect(() => {
    if (!requestKey) return;
    const timer = setTimeout(() => preview.mutate(JSON.parse(requestKey)), 250);
    return () => clearTimeout(timer);
    // preview.mutate is stable; re-run only when the request changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  // The apply and undo mutations are the tree's (they refresh it): what another dialog left in them is not this one's.
  useEffect(() => {
    mutations.distribute.reset();
    mutations.undo.reset();
    // Once, when this dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [parent.id]);

  // Only the preview of what the dialog shows now counts (not one still on its way, nor one of earlier inputs).
  const previewIsCurrent = requestKey !== null && JSON.stringify(preview.variables) === requestKey;
  const current = previewIsCurrent ? (preview.data ?? null) : null;
  const problem = badWeight ?? current?.problem ?? (previewIsCurrent && preview.error ? preview.error.message : null);
  const applyError = mutations.distribute.error?.message ?? mutations.undo.error?.message;

  if (lock) {
    return (
      <Modal title={`Distribute ${parent.title}'s ${peso(parent.allocated)}`} open onClose={onClose}>
        <div className="space-y-4">
          <div role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <p className="font-medium">The budget is locked: allocations cannot be distributed.</p>
            <p>{lockSentence(lock)}</p>
            <p className="mt-1 text-xs">{LOCKED_MEANS}</p>
          </div>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Close
          </button>
        </div>
      </Modal>
    );
  }

  return (
    <Modal title={`Distribute ${parent.title}'s ${peso(parent.allocated)}`} open onClose={onClose}>
      <div className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium">How</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {(['equal', 'weighted', 'manual'] as const).map((m) => (
              <label key={m} className="flex min-h-11 items-center gap-1.5">
                <input type="radio" name="distribution-mode" value={m} checked={mode === m} onChange={() => setMode(m)} className="size-4" />
                {MODE_LABELS[m]}
              </label>
            ))}
          </div>
        </fieldset>
        {mode === 'weighted' && (
          <p className="text-xs text-slate-600">Each child gets its weight’s share of the whole; the weights you type are saved when you apply.</p>
        )}

        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Preview of the distribution</caption>
            <thead>
              {/* On a phone "Now" goes under the item's name: five columns of amounts do not fit 350 px apart. */}
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className="py-1 pr-2 font-medium">
                  Item
                </th>
                {mode === 'weighted' && (
                  <th scope="col" className="px-1.5 py-1 text-right font-medium">
                    Weight
                  </th>
                )}
                <th scope="col" className="hidden px-2 py-1 text-right font-medium sm:table-cell">
                  Now
                </th>
                <th scope="col" className="px-1.5 py-1 text-right font-medium">
                  After
                </th>
                {mode !== 'manual' && (
                  <th scope="col" className="py-1 pl-1.5 text-right font-medium">
                    Share
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {parent.children.map((child, i) => {
                const after = current?.allocations[i]?.amount;
                return (
                  <tr key={child.id} className="border-t border-slate-100">
                    <td className="py-1.5 pr-2">
                      {child.title}
                      <span className="block text-xs tabular-nums text-slate-500 sm:hidden">now {peso(child.allocated)}</span>
                    </td>
                    {mode === 'weighted' && (
                      <td className="px-1.5 py-1.5 text-right">
                        <input
                          aria-label={`Weight of ${child.title}`}
                          inputMode="decimal"
                          value={weights[child.id] ?? ''}
                          onChange={(e) => setWeights((w) => ({ ...w, [child.id]: e.target.value }))}
                          className={`${inputClass} mt-0 ml-auto w-14 px-2! text-right sm:w-20 sm:px-3!`}
                        />
                      </td>
                    )}
                    <td className="hidden whitespace-nowrap px-2 py-1.5 text-right tabular-nums text-slate-500 sm:table-cell">{peso(child.allocated)}</td>
                    <td className="whitespace-nowrap px-1.5 py-1.5 text-right tabular-nums">
                      {mode === 'manual' ? (
                        <input
                          aria-label={`Amount for ${child.title}`}
                          inputMode="decimal"
                          value={manual[child.id] ?? ''}
                          onChange={(e) => setManual((m) => ({ ...m, [child.id]: e.target.value }))}
                          className={`${inputClass} mt-0 ml-auto w-36 text-right ${problem ? 'border-rose-500' : ''}`}
                        />
                      ) : after ? (
                        peso(after)
                      ) : (
                        '…'
                      )}
                    </td>
                    {mode !== 'manual' && (
                      <td className="whitespace-nowrap py-1.5 pl-1.5 text-right tabular-nums text-slate-600">
                        {after ? shareOfParent(after, parent.allocated) : '…'}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {current && (
          <p className="text-sm">
            Distributed {peso(current.total)} · unallocated <span className="tabular-nums">{peso(current.unallocated)}</span>
          </p>
        )}
        {problem && (
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {problem}
          </p>
        )}
        {applyError && (
          <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
            {applyError}
          </p>
        )}

        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={primaryButton}
            disabled={Boolean(problem) || mutations.distribute.isPending || !current}
            onClick={() => mutations.distribute.mutateAsync(request).then(onClose, () => undefined)}
          >
            {mutations.distribute.isPending ? 'Applying…' : 'Apply'}
          </button>
          <button
            type="button"
            className={secondaryButton}
            disabled={mutations.undo.isPending}
            onClick={() => mutations.undo.mutateAsync({ id: ppaId, parentId: parent.id }).then(onClose, () => undefined)}
          >
            Undo last distribution
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    </Modal>
  );
}
