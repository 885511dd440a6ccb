'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { ApprovalStage } from '@/server/domain/types';
import { useConfirm } from './confirm-dialog';
import { rejectionCommentProblem } from './decision-model';
import { STAGE_LABELS } from './labels';
import { useTRPC } from './trpc-provider';

/**
 * The approval decisions open to the signed-in user for this PPA (the server says which; it also re-checks
 * every rule when a button is pressed). A rejection needs a comment: it is asked for first, beside the field,
 * and only then confirmed. Someone who cannot reject (a planner submitting) sees an optional comment box. A move
 * with a warning (transitionWarnings: a plan leaving money unallocated) shows it and asks to confirm first.
 */
export function DecisionPanel({
  ppaId,
  nextStages,
  warnings = {},
}: {
  ppaId: string;
  nextStages: ApprovalStage[];
  warnings?: Partial<Record<ApprovalStage, string>>;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [confirm, confirmDialog] = useConfirm();
  const transition = useMutation(trpc.ppa.transition.mutationOptions());
  if (nextStages.length === 0) return null;
  const canReject = nextStages.includes('rejected');

  async function decide(to: ApprovalStage) {
    setError(null);
    if (to === 'rejected') {
      const problem = rejectionCommentProblem(comment);
      setCommentError(problem);
      if (problem) return commentRef.current?.focus();
      const sure = await confirm({
        title: 'Reject this PPA?',
        message: (
          <>
            Its planners will have to reopen it as a draft. Your comment: <q className="italic">{comment.trim()}</q>
          </>
        ),
        confirmLabel: 'Reject PPA',
        tone: 'danger',
      });
      if (!sure) return;
    }
    const warning = warnings[to];
    if (warning) {
      const sure = await confirm({ title: `Move to ${STAGE_LABELS[to]}?`, message: warning, confirmLabel: `Move to ${STAGE_LABELS[to]}` });
      if (!sure) return;
    }
    setCommentError(null);
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

  const describedBy = [commentError ? 'decision-comment-error' : null, error ? 'decision-error' : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="mt-4 space-y-3 border-t border-slate-200 pt-4">
      {confirmDialog}
      <label htmlFor="decision-comment" className="block text-sm font-medium">
        {canReject ? 'Comment (required to reject)' : 'Comment (optional)'}
      </label>
      <textarea
        ref={commentRef}
        id="decision-comment"
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        aria-invalid={commentError ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border px-3 py-2 ${commentError ? 'border-rose-500' : 'border-slate-300'}`}
      />
      {commentError && (
        <p id="decision-comment-error" role="alert" className="text-sm text-rose-700">
          {commentError}
        </p>
      )}
      {error && (
        <p id="decision-error" role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {nextStages.map((to) => (
          <button
            key={to}
            type="button"
            disabled={transition.isPending}
            onClick={() => decide(to)}
            className={
              to === 'rejected'
                ? 'inline-flex min-h-11 items-center rounded-md border border-rose-300 px-3 py-2 text-sm font-medium text-rose-700 hover:bg-rose-50 disabled:opacity-60 sm:min-h-9'
                : 'inline-flex min-h-11 items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:min-h-9'
            }
          >
            {to === 'rejected' ? 'Reject' : to === 'draft' ? 'Reopen as draft' : `Move to ${STAGE_LABELS[to]}`}
          </button>
        ))}
      </div>
    </div>
  );
}
