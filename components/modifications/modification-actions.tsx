'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useConfirm } from '../confirm-dialog';
import { inputClass, primaryButton, secondaryButton } from '../ui/modal';
import { useTRPC } from '../trpc-provider';

/**
 * What the signed-in person may do with a request (the server says which, and checks again): decide the step
 * it waits on (approve; reject or return with a comment), or, as its planner, edit, submit or withdraw it.
 * Everything that cannot be taken back is confirmed first.
 */
export function ModificationActions(props: {
  id: string;
  ppaId: string;
  status: string;
  canDecide: boolean;
  canEdit: boolean;
  canWithdraw: boolean;
  total: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const [confirm, dialog] = useConfirm();
  const decide = useMutation(trpc.modification.decide.mutationOptions());
  const withdraw = useMutation(trpc.modification.withdraw.mutationOptions());
  const submit = useMutation(trpc.modification.submit.mutationOptions());
  const busy = decide.isPending || withdraw.isPending || submit.isPending;
  if (!props.canDecide && !props.canEdit && !props.canWithdraw) return null;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      setComment('');
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  async function onDecide(decision: 'approve' | 'reject' | 'return') {
    if (decision !== 'approve' && !comment.trim()) {
      setCommentError(decision === 'reject' ? 'Say why the request is rejected: a comment is required.' : 'Say what to revise: a comment is required.');
      return commentRef.current?.focus();
    }
    setCommentError(null);
    const words = {
      approve: ['Approve this request?', `It moves ${props.total} at once, as transfers that cannot be undone.`, 'Approve'],
      reject: ['Reject this request?', 'The planners are told, with your comment.', 'Reject request'],
      return: ['Return for revision?', 'The planners can edit it and submit it again.', 'Return request'],
    }[decision];
    if (!(await confirm({ title: words[0]!, message: words[1]!, confirmLabel: words[2]!, tone: decision === 'reject' ? 'danger' : 'normal' }))) return;
    await run(() => decide.mutateAsync({ id: props.id, decision, comment: comment.trim() || undefined }));
  }

  async function onWithdraw() {
    if (
      !(await confirm({
        title: 'Withdraw this request?',
        message: 'It can no longer be decided; a new request would have to be written.',
        confirmLabel: 'Withdraw request',
        tone: 'danger',
      }))
    )
      return;
    await run(() => withdraw.mutateAsync({ id: props.id }));
  }

  return (
    <section aria-labelledby="actions-heading" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 print:hidden">
      <h2 id="actions-heading" className="text-lg font-semibold">
        {props.canDecide ? 'Your decision' : 'Your request'}
      </h2>
      {props.canDecide && (
        <>
          <div>
            <label htmlFor="decision-comment" className="block text-sm font-medium">
              Comment (required to reject or return)
            </label>
            <textarea
              id="decision-comment"
              ref={commentRef}
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className={inputClass}
              aria-describedby={commentError ? 'decision-comment-error' : undefined}
              aria-invalid={commentError ? true : undefined}
            />
            {commentError && (
              <p id="decision-comment-error" className="mt-1 text-sm text-rose-700">
                {commentError}
              </p>
            )}
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={primaryButton} disabled={busy} onClick={() => void onDecide('approve')}>
              Approve
            </button>
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => void onDecide('return')}>
              Return for revision
            </button>
            <button type="button" className={secondaryButton} disabled={busy} onClick={() => void onDecide('reject')}>
              Reject
            </button>
          </div>
        </>
      )}
      <div className="flex flex-wrap gap-2">
        {props.canEdit && (
          <Link href={`/ppas/${props.ppaId}/modifications/new?edit=${props.id}`} className={secondaryButton}>
            Edit request
          </Link>
        )}
        {props.canEdit && (
          <button type="button" className={primaryButton} disabled={busy} onClick={() => void run(() => submit.mutateAsync({ id: props.id }))}>
            Submit for decision
          </button>
        )}
        {props.canWithdraw && (
          <button type="button" className={secondaryButton} disabled={busy} onClick={() => void onWithdraw()}>
            Withdraw
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      {dialog}
    </section>
  );
}
