'use client';

import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { useTRPC } from '../trpc-provider';
import { distributionRequest, initialManualAmounts, peso, type DistributionMode } from './distribution-model';
import { inputClass, Modal, primaryButton, secondaryButton } from './modal';
import type { TreeMutations } from './use-tree-mutations';


/**
 * Distribute a row's budget over its children. The preview and the over-allocation warning come from the
 * server (the same code that applies it), so the dialog never computes an amount itself.
 */
export function DistributionDialog({ parent, ppaId, mutations, onClose }: { parent: AllocationNodeShape; ppaId: string; mutations: TreeMutations; onClose: () => void }) {
  const trpc = useTRPC();
  const [mode, setMode] = useState<DistributionMode>('equal');
  const [manual, setManual] = useState<Record<string, string>>(() => initialManualAmounts(parent));
  const preview = useMutation(trpc.budget.previewDistribution.mutationOptions());
  const request = distributionRequest(ppaId, parent, mode, manual);
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    const timer = setTimeout(() => preview.mutate(JSON.parse(requestKey)), 250);
    return () => clearTimeout(timer);
    // preview.mutate is stable; re-run only when the request changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const problem = preview.data?.problem ?? (preview.error ? preview.error.message : null);
  const applyError = mutations.distribute.error?.message ?? mutations.undo.error?.message;

  return (
    <Modal title={`Distribute ${parent.title}'s ${peso(parent.allocated)}`} open onClose={onClose}>
      <div className="space-y-4">
        <fieldset>
          <legend className="text-sm font-medium">How</legend>
          <div className="mt-1 flex flex-wrap gap-4 text-sm">
            {(['equal', 'weighted', 'manual'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1.5">
                <input type="radio" name="distribution-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'equal' ? 'Equally' : m === 'weighted' ? 'By weight' : 'Manually'}
              </label>
            ))}
          </div>
        </fieldset>

        <table className="w-full text-sm">
          <caption className="sr-only">Preview of the distribution</caption>
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th className="py-1 font-medium">Item</th>
              <th className="py-1 text-right font-medium">Now</th>
              <th className="py-1 text-right font-medium">After</th>
            </tr>
          </thead>
          <tbody>
            {parent.children.map((child, i) => (
              <tr key={child.id} className="border-t border-slate-100">
                <td className="py-1.5 pr-2">{child.title}</td>
                <td className="py-1.5 text-right tabular-nums text-slate-500">{peso(child.allocated)}</td>
                <td className="py-1.5 text-right tabular-nums">
                  {mode === 'manual' ? (
                    <input aria-label={`Amount for ${child.title}`} inputMode="decimal" value={manual[child.id] ?? ''}
                      onChange={(e) => setManual((m) => ({ ...m, [child.id]: e.target.value }))}
                      className={`${inputClass} mt-0 w-36 text-right ${problem ? 'border-rose-500' : ''}`} />
                  ) : (
                    preview.data?.allocations[i] ? peso(preview.data.allocations[i].amount) : '…'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {preview.data && (
          <p className="text-sm">
            Distributed {peso(preview.data.total)} · unallocated <span className="tabular-nums">{peso(preview.data.unallocated)}</span>
          </p>
        )}
        {problem && <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">{problem}</p>}
        {applyError && <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">{applyError}</p>}

        <div className="flex flex-wrap gap-2">
          <button type="button" className={primaryButton} disabled={Boolean(problem) || mutations.distribute.isPending || !preview.data}
            onClick={() => mutations.distribute.mutateAsync(request).then(onClose, () => undefined)}>
            {mutations.distribute.isPending ? 'Applying…' : 'Apply'}
          </button>
          <button type="button" className={secondaryButton} disabled={mutations.undo.isPending}
            onClick={() => mutations.undo.mutateAsync({ id: ppaId, parentId: parent.id }).then(onClose, () => undefined)}>
            Undo last distribution
          </button>
          <button type="button" className={secondaryButton} onClick={onClose}>Cancel</button>
        </div>
      </div>
    </Modal>
  );
}
