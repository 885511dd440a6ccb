'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { spendingStageProblem } from '@/server/domain/ledger';
import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape, AllocationTreeResponse } from '@/server/contracts/budget';
import { useConfirm } from '../confirm-dialog';
import { formatShare } from '../format';
import { useTRPC } from '../trpc-provider';
import { AllocationTreeView, type RowAction } from './allocation-tree-view';
import { budgetLockOf } from './budget-lock-model';
import { budgetSummaryOf } from './budget-summary-model';
import { BudgetLockPanel } from './budget-lock-panel';
import { DistributionDialog } from './distribution-dialog';
import { ExecutionCharts } from './execution-charts';
import { ExpenditureDialog } from './expenditure-dialog';
import { findNode } from './expenditure-model';
import { AddChildDialog, EditItemDialog } from './item-dialogs';
import { primaryButton, secondaryButton } from '../ui/modal';
import { useTreeMutations } from './use-tree-mutations';

const peso = (amount: string | null) => (amount === null ? '—' : formatPesos(parsePesos(amount)));

function Card({ label, value, tone = 'text-slate-900' }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2 text-center ring-1 ring-slate-200">
      <p className={`text-xl font-semibold tabular-nums ${tone}`}>{value}</p>
      <p className="text-xs text-slate-600">{label}</p>
    </div>
  );
}

/** The PPA page's Execution Tracking section (the roadmap's mock-up), live over tRPC. */
export function ExecutionTracking({
  ppaId,
  initial,
  origin,
  canManageLock = false,
}: {
  ppaId: string;
  initial: AllocationTreeResponse;
  origin: string;
  canManageLock?: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const tree = useQuery({ ...trpc.budget.allocationTree.queryOptions({ id: ppaId }), initialData: initial });
  const mutations = useTreeMutations(ppaId);
  const [dialog, setDialog] = useState<{ action: RowAction; node: AllocationNodeShape; parent?: AllocationNodeShape } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirm, confirmDialog] = useConfirm();
  const { ppa, tree: root, overview } = tree.data;
  const canEdit = ppa.canEdit;
  const lock = budgetLockOf(ppa);
  const lockPanel = <BudgetLockPanel ppaId={ppaId} ppaTitle={ppa.title} lock={lock} canManage={canManageLock} />;

  async function onAction(action: RowAction, node: AllocationNodeShape, parent: AllocationNodeShape | undefined) {
    setMessage(null);
    // Each dialog starts clean: no error left over from another row's.
    mutations.resetAll();
    if (action !== 'delete') return setDialog({ action, node, parent });
    const sure = await confirm({
      title: `Delete "${node.title}"?`,
      message: 'It is deleted with everything under it; its allocation returns to its parent.',
      confirmLabel: 'Delete',
      tone: 'danger',
    });
    if (!sure) return;
    await mutations.remove.mutateAsync({ id: node.id }).catch((error: Error) => setMessage(error.message));
  }

  async function onMove(id: string, parentId: string, position: number) {
    setMessage(null);
    await mutations.move.mutateAsync({ id, parentId, position }).catch((error: Error) => setMessage(error.message));
  }

  async function sync() {
    const result = await mutations.sync.mutateAsync({ id: ppaId }).catch((error: Error) => (setMessage(error.message), null));
    if (result) {
      setMessage(`Synced: the PPA is ${result.progress}% done and ${result.status.replace('_', ' ')}.`);
      router.refresh();
    }
  }

  if (!root) {
    return (
      <div className="mt-2 space-y-3">
        {lockPanel}
        <p className="text-sm text-slate-600">Execution tracking is not enabled for this PPA yet.</p>
        {canEdit && (
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className={primaryButton}
              disabled={mutations.enable.isPending}
              onClick={() => mutations.enable.mutateAsync({ id: ppaId, template: 'default' }).catch((e: Error) => setMessage(e.message))}
            >
              Enable Execution Tracking (default plan)
            </button>
            <button
              type="button"
              className={secondaryButton}
              disabled={mutations.enable.isPending}
              onClick={() => mutations.enable.mutateAsync({ id: ppaId, template: 'empty' }).catch((e: Error) => setMessage(e.message))}
            >
              Enable with an empty plan
            </button>
          </div>
        )}
        {message && (
          <p role="alert" className="text-sm text-rose-700">
            {message}
          </p>
        )}
      </div>
    );
  }

  const summary = budgetSummaryOf(ppa, root);
  const allocatedPercent = summary.allocatedPercent;
  const calendarUrl = `${origin}/api/v1/ppas/${ppaId}/calendar.ics?token=YOUR_API_TOKEN`;

  return (
    <div className="mt-3 space-y-6">
      {confirmDialog}
      <div className="flex flex-wrap gap-2 text-sm print:hidden">
        {canEdit && (
          <button type="button" className={secondaryButton} onClick={sync} disabled={mutations.sync.isPending}>
            {mutations.sync.isPending ? 'Syncing…' : 'Sync from work items'}
          </button>
        )}
        <a className={secondaryButton} href={`/ppas/${ppaId}/allocate`}>
          Co-edit allocation form
        </a>
        <a className={secondaryButton} href={`/api/ppas/${ppaId}/allocation-tree.csv`} download>
          Export CSV
        </a>
        <a className={secondaryButton} href={`/api/ppas/${ppaId}/allocation-tree.xlsx`} download>
          Export Excel
        </a>
        <details className="w-full sm:w-auto">
          <summary className={`${secondaryButton} cursor-pointer list-none`}>Subscribe to calendar</summary>
          <p className="mt-2 max-w-xl break-all text-xs text-slate-600">
            Add this address to your calendar app, with a personal API token from your{' '}
            <a href="/profile" className="text-brand-700 underline">
              profile
            </a>{' '}
            in place of YOUR_API_TOKEN: <code>{calendarUrl}</code>
          </p>
        </details>
      </div>
      {message && (
        <p role="status" className="rounded bg-slate-100 px-3 py-2 text-sm">
          {message}
        </p>
      )}

      <section aria-labelledby="budget-allocation">
        <h3 id="budget-allocation" className="font-semibold">
          Budget Allocation{lock && <span className="ml-2 text-xs font-normal text-amber-800">(locked)</span>}
        </h3>
        <div className="mt-2">{lockPanel}</div>
        <dl className="mt-2 grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
          <div className="flex justify-between gap-2 sm:block">
            <dt className="text-slate-600">Total PPA budget</dt>
            <dd className="tabular-nums">{peso(ppa.budgetAllocation)}</dd>
          </div>
          <div className="flex justify-between gap-2 sm:block">
            <dt className="text-slate-600">Allocated to activities</dt>
            <dd className="tabular-nums">
              {peso(summary.allocatedToActivities)} (
              {formatShare(parsePesos(summary.allocatedToActivities), ppa.budgetAllocation === null ? 0n : parsePesos(ppa.budgetAllocation)) ?? '0.0%'})
            </dd>
          </div>
          <div className="flex justify-between gap-2 sm:block">
            <dt className="text-slate-600">Unallocated</dt>
            <dd className="tabular-nums">{peso(summary.unallocated)}</dd>
          </div>
          <div className="flex justify-between gap-2 sm:block">
            <dt className="text-slate-600">Spent (variance)</dt>
            <dd className={`tabular-nums ${root.budgetStatus === 'over_budget' ? 'text-rose-700' : ''}`}>
              {peso(root.actual)} ({root.variance.startsWith('-') ? '' : '+'}
              {peso(root.variance)})
            </dd>
          </div>
        </dl>
        <div
          role="progressbar"
          aria-label="Share of the budget allocated"
          aria-valuenow={allocatedPercent}
          aria-valuemin={0}
          aria-valuemax={100}
          className="mt-2 h-3 w-full rounded-full bg-slate-200"
        >
          <div className="h-3 rounded-full bg-brand-600" style={{ width: `${Math.min(100, allocatedPercent)}%` }} />
        </div>
      </section>

      {overview && (
        <section aria-labelledby="progress-overview">
          <h3 id="progress-overview" className="font-semibold">
            Progress Overview
          </h3>
          <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-5">
            <Card label="Total" value={overview.total} />
            <Card label="Completed" value={overview.completed} tone="text-emerald-700" />
            <Card label="In Progress" value={overview.inProgress} tone="text-sky-700" />
            <Card label="Not Started" value={overview.notStarted} />
            <Card label="Blocked" value={overview.blocked} tone="text-rose-700" />
          </div>
        </section>
      )}

      <section aria-labelledby="breakdown">
        <h3 id="breakdown" className="mb-2 font-semibold">
          Hierarchical Breakdown
        </h3>
        <AllocationTreeView root={root} canEdit={canEdit} onAction={onAction} onMove={onMove} />
      </section>

      <section aria-labelledby="charts">
        <h3 id="charts" className="mb-2 font-semibold">
          Charts
        </h3>
        <ExecutionCharts ppaId={ppaId} root={root} />
      </section>

      {dialog?.action === 'edit' && (
        <EditItemDialog node={dialog.node} parentType={dialog.parent?.workType ?? null} mutations={mutations} lock={lock} onClose={() => setDialog(null)} />
      )}
      {dialog?.action === 'add' && <AddChildDialog parent={dialog.node} mutations={mutations} lock={lock} onClose={() => setDialog(null)} />}
      {dialog?.action === 'distribute' && (
        <DistributionDialog parent={dialog.node} ppaId={ppaId} mutations={mutations} lock={lock} onClose={() => setDialog(null)} />
      )}
      {/* The item as the latest tree has it, so the dialog's figures follow each entry and reversal at once. */}
      {dialog?.action === 'spend' && (
        <ExpenditureDialog
          node={findNode(root, dialog.node.id) ?? dialog.node}
          mutations={mutations}
          canEdit={canEdit}
          closedBecause={spendingStageProblem(ppa.approvalStage)}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
