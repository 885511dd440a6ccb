import { and, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { alerts, ppas, workItems } from '@/db/schema';
import { bottleneckAlertText, bottleneckSeverity, daysWaiting, overspendingAlertText, REVIEW_STAGES } from '../../domain/alerts';
import { overspendingSeverity } from '../../domain/budget-status';
import { rollUpTree, walkTree } from '../../domain/rollup';
import { readFlatTree } from '../budget/allocation-tree';

/**
 * After spending is recorded on an item: raises an `overspending` alert for it and for every ancestor whose
 * rolled-up actual now exceeds its allocation (over by more than 20%: critical, else high). Once per item
 * until resolved: the database's partial unique index makes a redelivered event a no-op.
 */
export async function raiseOverspendingAlerts(db: Database, workItemId: string): Promise<{ raised: number }> {
  const [item] = await db.select({ ppaId: workItems.ppaId }).from(workItems).where(eq(workItems.id, workItemId));
  if (!item) return { raised: 0 };
  const nodes = [...walkTree(rollUpTree(await readFlatTree(db, item.ppaId), 'budget_weighted'))];
  const byId = new Map(nodes.map((n) => [n.item.id, n]));
  let raised = 0;
  for (let node = byId.get(workItemId); node; node = node.item.parentId ? byId.get(node.item.parentId) : undefined) {
    const severity = overspendingSeverity(node.allocated, node.actual);
    if (!severity) continue;
    const inserted = await db
      .insert(alerts)
      .values({ ppaId: item.ppaId, workItemId: node.item.id, type: 'overspending', severity, ...overspendingAlertText(node.item.title, node.allocated, node.actual) })
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    raised += inserted.length;
  }
  return { raised };
}

/** An item turning `blocked` raises `workflow_blocked` (high), once until resolved. */
export async function raiseBlockedAlert(db: Database, workItemId: string): Promise<{ raised: number }> {
  const [item] = await db.select().from(workItems).where(eq(workItems.id, workItemId));
  if (!item || item.status !== 'blocked') return { raised: 0 };
  const inserted = await db
    .insert(alerts)
    .values({ ppaId: item.ppaId, workItemId: item.id, type: 'workflow_blocked', severity: 'high', title: `${item.title} is blocked`, message: 'Work on this item is blocked; it holds up the PPA’s execution.' })
    .onConflictDoNothing()
    .returning({ id: alerts.id });
  return { raised: inserted.length };
}

/**
 * The daily check for approval bottlenecks: every PPA waiting in a review stage more than 7 days gets an
 * `approval_bottleneck` alert (high), raised to critical after 14 days. One open alert per PPA.
 */
export async function raiseApprovalBottlenecks(db: Database, now: Date): Promise<{ high: number; critical: number }> {
  const waiting = await db
    .select({ id: ppas.id, stage: ppas.approvalStage, since: ppas.stageEnteredAt })
    .from(ppas)
    .where(and(inArray(ppas.approvalStage, [...REVIEW_STAGES]), lt(ppas.stageEnteredAt, new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000))));
  const counts = { high: 0, critical: 0 };
  for (const ppa of waiting) {
    const days = daysWaiting(ppa.since, now);
    const severity = bottleneckSeverity(ppa.stage, days);
    if (!severity) continue;
    counts[severity] += 1;
    const text = bottleneckAlertText(ppa.stage, days);
    await db
      .insert(alerts)
      .values({ ppaId: ppa.id, type: 'approval_bottleneck', severity, ...text })
      .onConflictDoUpdate({
        target: [alerts.ppaId, alerts.type],
        targetWhere: sql`${alerts.resolvedAt} is null and ${alerts.workItemId} is null`,
        set: { severity, ...text },
      });
  }
  return counts;
}

/** A PPA that moves on leaves its bottleneck behind. Caller owns the transaction. */
export async function resolveBottleneckAlerts(tx: Pick<Database, 'update'>, ppaId: string, actorId: string | null): Promise<void> {
  await tx
    .update(alerts)
    .set({ resolvedAt: new Date(), resolvedById: actorId })
    .where(and(eq(alerts.ppaId, ppaId), eq(alerts.type, 'approval_bottleneck'), isNull(alerts.resolvedAt)));
}
