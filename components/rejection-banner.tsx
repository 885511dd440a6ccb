'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { PpaDetail } from '@/server/contracts/ppa';
import { formatManilaDateTime } from './format';
import { STAGE_LABELS } from './labels';
import { useTRPC } from './trpc-provider';

/**
 * At the top of a rejected PPA's page: who rejected it, when, in which stage, their comment, and the way back
 * (a planner of its MOA reopens it as a draft, fixes it, and submits it again).
 */
export function RejectionBanner({ ppa }: { ppa: Pick<PpaDetail, 'id' | 'approvalStage' | 'approvals' | 'nextStages' | 'moa'> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const reopen = useMutation(trpc.ppa.transition.mutationOptions());
  const rejection = ppa.approvalStage === 'rejected' ? ppa.approvals.findLast((a) => a.toStage === 'rejected') : undefined;
  if (!rejection) return null;
  const canReopen = ppa.nextStages.includes('draft');

  async function reopenAsDraft() {
    await reopen.mutateAsync({ id: ppa.id, to: 'draft' });
    await queryClient.invalidateQueries();
    router.refresh();
  }

  return (
    <section aria-labelledby="rejection-heading" className="rounded-lg border-l-4 border-rose-600 bg-rose-50 p-4">
      <h2 id="rejection-heading" className="font-semibold text-rose-900">
        Rejected in {STAGE_LABELS[rejection.fromStage].toLowerCase()}
      </h2>
      <p className="mt-1 text-sm text-rose-900">
        {rejection.decidedBy} · {formatManilaDateTime(rejection.decidedAt)}
      </p>
      {rejection.comment && (
        <blockquote className="mt-2 whitespace-pre-line border-l-2 border-rose-300 pl-3 text-sm text-slate-900">“{rejection.comment}”</blockquote>
      )}
      <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
        {canReopen ? (
          <>
            <button
              type="button"
              disabled={reopen.isPending}
              onClick={() => void reopenAsDraft().catch(() => undefined)}
              className="min-h-11 rounded-md bg-brand-600 px-3 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            >
              Reopen as draft
            </button>
            <span className="text-slate-700">Then address the comment, and submit it for technical review again.</span>
          </>
        ) : (
          <span className="text-slate-700">A planner of {ppa.moa.code} reopens it as a draft, addresses the comment, and submits it again.</span>
        )}
      </div>
      {reopen.error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {reopen.error.message}
        </p>
      )}
    </section>
  );
}
