import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { ppas, progressSnapshots, workItems } from '@/db/schema';
import { centavosOf } from '../../domain/money';
import { PPA_STATUS_FOR_PROJECT_STATUS, progressOfTree } from '../../domain/progress';
import { manilaDay } from '../../domain/schedule';
import type { PpaStatus, SignedInViewer, Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { setWorkItemColumn } from '../work-items/bulk-update';
import { assertSignedIn, loadPpaForEdit, type PpaRow } from '../access';
import { runUseCase } from '../effects/use-case';

export interface SyncResult {
  progress: number;
  status: PpaStatus;
  changed: boolean;
}

/**
 * Recomputes the progress of every parent item from its children (the PPA's progress mode) and the status
 * each item's progress leaves it (server/domain/progress.ts), and stores both; then sets the PPA's progress
 * to its project's and its status from the project's status. With `respectAutoSyncFlags` (automatic syncs)
 * a PPA whose autoSyncProgress/autoSyncStatus is off keeps that figure; an on-demand sync applies both. The
 * PPA's changes are logged in the audit log. Caller owns the transaction and has locked the PPA's row
 * (lockPpaForBudgetChange or FOR UPDATE) before any work item's, so syncs of one PPA queue, never deadlock.
 */
export async function syncPpaFromWorkItems(
  tx: Queryable,
  ppa: PpaRow,
  options: { respectAutoSyncFlags: boolean },
  actor: SignedInViewer | null,
): Promise<SyncResult> {
  // Runs after every change of a plan, so it reads only what progress needs (no ledger, no text).
  const rows = await tx
    // Budget-weighted progress weighs each child by its adjusted allocation (after approved modifications).
    .select({
      id: workItems.id,
      parentId: workItems.parentId,
      status: workItems.status,
      progress: workItems.progress,
      allocatedBudget: workItems.adjustedBudget,
    })
    .from(workItems)
    .where(eq(workItems.ppaId, ppa.id));
  const items = rows.map((r) => ({ ...r, allocated: centavosOf(r.allocatedBudget) }));
  const computed = progressOfTree(items, ppa.progressMode);
  const rootItem = items.find((i) => i.parentId === null);
  if (!rootItem) throw AppError.conflict('Execution tracking is not enabled for this PPA, so there is nothing to sync from.');
  const root = computed.get(rootItem.id)!;

  const staleProgress = items.filter((i) => computed.get(i.id)!.progress !== i.progress);
  await setWorkItemColumn(
    tx,
    { name: 'progress', cast: 'int' },
    staleProgress.map((i) => ({ id: i.id, value: computed.get(i.id)!.progress })),
  );
  const staleStatus = items.filter((i) => computed.get(i.id)!.status !== i.status);
  await setWorkItemColumn(
    tx,
    { name: 'status', cast: 'work_status' },
    staleStatus.map((i) => ({ id: i.id, value: computed.get(i.id)!.status })),
  );

  const applyProgress = !options.respectAutoSyncFlags || ppa.autoSyncProgress;
  const applyStatus = !options.respectAutoSyncFlags || ppa.autoSyncStatus;
  const progress = applyProgress ? root.progress : ppa.progress;
  const status = applyStatus ? PPA_STATUS_FOR_PROJECT_STATUS[root.status] : ppa.status;
  const changed = progress !== ppa.progress || status !== ppa.status;
  if (changed) {
    await tx.update(ppas).set({ progress, status }).where(eq(ppas.id, ppa.id));
    await writeAudit(tx, actor, {
      ppaId: ppa.id,
      entityType: 'ppa',
      entityId: ppa.id,
      action: 'sync_from_work_items',
      before: { progress: ppa.progress, status: ppa.status },
      after: { progress, status },
    });
  }
  // Today's point of the progress chart (one per PPA and Manila day; the day's last sync wins).
  await tx
    .insert(progressSnapshots)
    .values({ ppaId: ppa.id, day: manilaDay(new Date()), progress })
    .onConflictDoUpdate({ target: [progressSnapshots.ppaId, progressSnapshots.day], set: { progress, recordedAt: new Date() } });
  return { progress, status, changed };
}

/**
 * The end of every change of a plan (its items, their money, progress or status), in the change's own
 * transaction: each item's rollup and status, and the PPA's figures as its auto-sync flags allow, agree with
 * the change at once rather than at the next sync. The caller holds lockPpaForBudgetChange's lock.
 */
export function resyncAfterPlanChange(tx: Queryable, ppa: PpaRow, actor: SignedInViewer | null): Promise<SyncResult> {
  return syncPpaFromWorkItems(tx, ppa, { respectAutoSyncFlags: true }, actor);
}

/** "Sync from work items" on demand, by a planner of the PPA's MOA or an admin. */
export async function syncFromWorkItems(options: { db: Database; viewer: Viewer; ppaId: string }): Promise<SyncResult> {
  const { db, viewer, ppaId } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const ppa = await loadPpaForEdit(tx, viewer, ppaId, { lock: 'update' });
    return syncPpaFromWorkItems(tx, ppa, { respectAutoSyncFlags: false }, viewer);
  });
}
