import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '@/db';
import { ppas, workItems } from '@/db/schema';
import { syncPpaFromWorkItems, type SyncResult } from '../budget/sync-from-work-items';
import { activateExecution } from '../workflow/activate-execution';
import { getLogger } from '../../lib/logger';

/** The `ppa/enacted` job: activate execution, once, and only for a PPA that really is enacted. */
export async function activateEnactedPpa(db: Database, ppaId: string): Promise<{ activated: boolean }> {
  return db.transaction(async (tx) => {
    const [ppa] = await tx.select({ stage: ppas.approvalStage }).from(ppas).where(eq(ppas.id, ppaId)).for('update');
    if (ppa?.stage !== 'enacted') return { activated: false };
    return activateExecution(tx, ppaId, null);
  });
}

export interface NightlySyncReport {
  synced: number;
  changed: { ppaId: string; title: string; progress: number; status: SyncResult['status'] }[];
}

/**
 * The 02:00 Asia/Manila job: re-syncs progress and status of every tracked PPA from its work items (as its
 * auto-sync flags allow), one transaction per PPA, logging each change (audit row and log line).
 */
export async function syncAllTrackedPpas(db: Database, log: (line: string) => void = (line) => getLogger().info(line)): Promise<NightlySyncReport> {
  const tracked = await db
    .select({ id: ppas.id })
    .from(ppas)
    .innerJoin(workItems, and(eq(workItems.ppaId, ppas.id), isNull(workItems.parentId)))
    .where(eq(ppas.enableWorkItemTracking, true))
    .orderBy(ppas.id);
  const report: NightlySyncReport = { synced: 0, changed: [] };
  for (const { id } of tracked) {
    await db.transaction(async (tx) => {
      const [ppa] = await tx.select().from(ppas).where(eq(ppas.id, id)).for('update');
      const result = await syncPpaFromWorkItems(tx, ppa!, { respectAutoSyncFlags: true }, null);
      report.synced += 1;
      if (result.changed) {
        report.changed.push({ ppaId: id, title: ppa!.title, progress: result.progress, status: result.status });
        log(`nightly sync: "${ppa!.title}" → ${result.progress}% ${result.status}`);
      }
    });
  }
  return report;
}
