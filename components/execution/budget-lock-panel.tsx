'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { zLockBudgetRequest } from '@/server/contracts/budget';
import { FormField } from '../form-field';
import { useTRPC } from '../trpc-provider';
import { lockSentence, LOCKED_MEANS, type BudgetLock } from './budget-lock-model';
import { fieldError, inputClass, Modal, secondaryButton } from '../ui/modal';

/**
 * The budget's lock for everyone to read (when, by whom, why), and for an admin the way to lock or unlock it
 * with a reason that goes into the audit log. The server admits admins only; this only hides the button.
 */
export function BudgetLockPanel({ ppaId, ppaTitle, lock, canManage }: { ppaId: string; ppaTitle: string; lock: BudgetLock | null; canManage: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const onSuccess = (tree: unknown) => {
    queryClient.setQueryData(trpc.budget.allocationTree.queryKey({ id: ppaId }), tree as never);
    // Refetched in the background, not awaited: the dialog closes as soon as the lock is saved (a long-polling
    // query elsewhere on the page would otherwise hold it open).
    void queryClient.invalidateQueries();
    router.refresh();
  };
  const lockIt = useMutation(trpc.budget.lockBudget.mutationOptions({ onSuccess }));
  const unlockIt = useMutation(trpc.budget.unlockBudget.mutationOptions({ onSuccess }));
  const change = lock ? unlockIt : lockIt;
  const verb = lock ? 'Unlock' : 'Lock';

  if (!lock && !canManage) return null;

  function close() {
    setOpen(false);
    setReason('');
    setReasonError(null);
    change.reset();
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    // The procedure's own rule, checked here first so an empty reason is said at once, beside the field.
    const parsed = zLockBudgetRequest.safeParse({ id: ppaId, reason });
    if (!parsed.success) return setReasonError(parsed.error.issues[0]!.message);
    setReasonError(null);
    await change.mutateAsync(parsed.data).then(close, () => undefined);
  }

  const serverReasonError = fieldError(change.error, 'reason');
  return (
    <div
      className={`flex flex-wrap items-start justify-between gap-3 rounded-md px-3 py-2 text-sm ${lock ? 'bg-amber-50 text-amber-900 ring-1 ring-amber-200' : 'bg-slate-50 ring-1 ring-slate-200'}`}
      data-testid="budget-lock"
    >
      <div className="min-w-0">
        {lock ? (
          <>
            <p className="font-medium">Budget locked</p>
            <p>{lockSentence(lock)}</p>
            <p className="text-xs">{LOCKED_MEANS}</p>
          </>
        ) : (
          <p>The budget is open: allocations can change.</p>
        )}
      </div>
      {canManage && (
        <button type="button" className={secondaryButton} onClick={() => setOpen(true)}>
          {verb} budget…
        </button>
      )}
      {open && (
        <Modal title={`${verb} the budget of ${ppaTitle}?`} open onClose={close}>
          <form onSubmit={submit} noValidate className="space-y-3">
            <p className="text-sm text-slate-700">
              {lock
                ? 'Planners of the MOA can change allocations again; the admins are told of the unlock.'
                : 'Every allocation of this PPA becomes read-only until an administrator unlocks it.'}
            </p>
            <FormField id="lock-reason" label="Reason (required; it goes into the audit log)" error={reasonError ?? serverReasonError ?? undefined}>
              <textarea
                id="lock-reason"
                rows={3}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className={inputClass}
                aria-invalid={reasonError || serverReasonError ? true : undefined}
              />
            </FormField>
            {change.error && !serverReasonError && (
              <p role="alert" className="rounded bg-rose-50 px-3 py-2 text-sm text-rose-800">
                {change.error.message}
              </p>
            )}
            <div className="flex flex-wrap gap-2">
              <button
                type="submit"
                disabled={change.isPending}
                className="inline-flex min-h-11 items-center rounded-md bg-amber-700 px-3 py-2 text-sm font-medium text-white hover:bg-amber-800 disabled:opacity-60 sm:min-h-9"
              >
                {change.isPending ? `${verb}ing…` : `${verb} budget`}
              </button>
              <button type="button" className={secondaryButton} onClick={close}>
                Cancel
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
