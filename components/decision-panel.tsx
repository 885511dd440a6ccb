'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { ApprovalStage } from '@/server/domain/types';
import { STAGE_LABELS } from './labels';
import { useTRPC } from './trpc-provider';

/**
 * The approval decisions open to the signed-in user for this PPA (the server says which; it also re-checks
 * every rule when a button is pressed). A rejection needs a comment.
 */
export function DecisionPanel({ ppaId, nextStages }: { ppaId: string; nextStages: ApprovalStage[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const transition = useMutation(trpc.ppa.transition.mutationOptions());
  if (nextStages.length === 0) return null;

  async function decide(to: ApprovalStage) {
    if (to === 'rejected' && !window.confirm('Reject this PPA? Its planners will have to reopen it as a draft.')) return;
    setError(null);
    try {
      await transition.mutateAsync({ id: ppaId, to, comment: comment.trim() || undefined });
      setComment('');
      // A decision can change the plan (created, locked, activated): reload what the page shows of it.
      await queryClient.invalidateQueries();
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <div className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      <label htmlFor="decision-comment" className="block text-sm font-medium">Comment (required to reject)</label>
      <textarea id="decision-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)}
        aria-describedby={error ? 'decision-error' : undefined} className="block w-full rounded-md border border-slate-300 px-3 py-2" />
      {error && <p id="decision-error" role="alert" className="text-sm text-rose-700">{error}</p>}
      <div className="flex flex-wrap gap-2">
        {nextStages.map((to) => (
          <button key={to} type="button" disabled={transition.isPending} onClick={() => decide(to)}
            className={to === 'rejected'
              ? 'rounded-md border border-rose-300 px-3 py-2 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-60'
              : 'rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60'}>
            {to === 'rejected' ? 'Reject' : to === 'draft' ? 'Reopen as draft' : `Move to ${STAGE_LABELS[to]}`}
          </button>
        ))}
      </div>
    </div>
  );
}
