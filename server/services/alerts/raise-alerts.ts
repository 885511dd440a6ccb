import { and, eq, inArray, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { alerts, ppas, workItems } from '@/db/schema';
import {
  bottleneckAlertText,
  bottleneckSeverity,
  daysWaiting,
  isUnderspending,
  milestoneMissedAlertText,
  missedMilestones,
  overspendingAlertText,
  REVIEW_STAGES,
  underspendingAlertText,
} from '../../domain/alerts';
import { overspendingSeverity } from '../../domain/budget-status';
import { rollUpTree, walkTree } from '../../domain/rollup';
import { manilaToday } from '../../domain/schedule';
import { readFlatTree } from '../budget/allocation-tree';
import { enqueueEvent } from '../events/outbox';

/**
 * After spending is recorded on an item: raises an `overspending` alert for it and for every ancestor whose
 * rolled-up actual now exceeds its allocation (over by more than 20%: critical, else high). Once per item
 * until resolved: the database's partial unique index makes a redelivered event a no-op.
 */
export async function raiseOverspendingAlerts(db: Database, workItemId: string): Promise<{ raised: number }> {
  return raiseOverspendingAlertsFor(db, [workItemId]);
}

/**
 * The same for several items at once (a batch of spending events sent in-process): each PPA's tree is read and
 * rolled up once, however many of its items were spent on, and each item or ancestor is checked once. The
 * alerts depend only on the ledger as it stands, so one check after many entries raises what one check after
 * each would have.
 */
export async function raiseOverspendingAlertsFor(db: Database, workItemIds: readonly string[]): Promise<{ raised: number }> {
  const ids = [...new Set(workItemIds)];
  if (ids.length === 0) return { raised: 0 };
  const spentOn = await db.select({ id: workItems.id, ppaId: workItems.ppaId }).from(workItems).where(inArray(workItems.id, ids));
  const itemsByPpa = new Map<string, string[]>();
  for (const { id, ppaId } of spentOn) itemsByPpa.set(ppaId, [...(itemsByPpa.get(ppaId) ?? []), id]);
  let raised = 0;
  for (const [ppaId, itemIds] of itemsByPpa) {
    const nodes = [...walkTree(rollUpTree(await readFlatTree(db, ppaId), 'budget_weighted'))];
    const byId = new Map(nodes.map((n) => [n.item.id, n]));
    const checked = new Set<string>();
    const overspent: { id: string; title: string; severity: NonNullable<ReturnType<typeof overspendingSeverity>>; allocated: bigint; actual: bigint }[] = [];
    for (const itemId of itemIds) {
      for (let node = byId.get(itemId); node && !checked.has(node.item.id); node = node.item.parentId ? byId.get(node.item.parentId) : undefined) {
        checked.add(node.item.id);
        const severity = overspendingSeverity(node.allocated, node.actual);
        if (severity) overspent.push({ id: node.item.id, title: node.item.title, severity, allocated: node.allocated, actual: node.actual });
      }
    }
    if (overspent.length === 0) continue;
    raised += await db.transaction(async (tx) => {
      let inserted = 0;
      for (const item of overspent) {
        const rows = await tx
          .insert(alerts)
          .values({
            ppaId,
            workItemId: item.id,
            type: 'overspending',
            severity: item.severity,
            ...overspendingAlertText(item.title, item.allocated, item.actual),
          })
          .onConflictDoNothing()
          .returning({ id: alerts.id });
        await announceRaised(tx, ppaId, rows);
        inserted += rows.length;
      }
      return inserted;
    });
  }
  return { raised };
}

/** A newly raised alert is told to the people of its PPA (server/domain/notifications.ts), in its own transaction. */
async function announceRaised(tx: Queryable, ppaId: string, raised: { id: string }[]): Promise<void> {
  for (const { id } of raised) await enqueueEvent(tx, { name: 'alert/raised', data: { ppaId, alertId: id } });
}

/** An item turning `blocked` raises `workflow_blocked` (high), once until resolved. */
export async function raiseBlockedAlert(db: Database, workItemId: string): Promise<{ raised: number }> {
  const [item] = await db.select().from(workItems).where(eq(workItems.id, workItemId));
  if (!item || item.status !== 'blocked') return { raised: 0 };
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(alerts)
      .values({
        ppaId: item.ppaId,
        workItemId: item.id,
        type: 'workflow_blocked',
        severity: 'high',
        title: `${item.title} is blocked`,
        message: 'Work on this item is blocked; it holds up the PPA’s execution.',
      })
      .onConflictDoNothing()
      .returning({ id: alerts.id });
    await announceRaised(tx, item.ppaId, inserted);
    return { raised: inserted.length };
  });
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
    await db.transaction(async (tx) => {
      const [alert] = await tx
        .insert(alerts)
        .values({ ppaId: ppa.id, type: 'approval_bottleneck', severity, ...text })
        .onConflictDoUpdate({
          target: [alerts.ppaId, alerts.type],
          targetWhere: sql`${alerts.resolvedAt} is null and ${alerts.workItemId} is null`,
          set: { severity, ...text },
        })
        // xmax = 0: the row was inserted, not updated. Raising an open alert's severity tells nobody again.
        .returning({ id: alerts.id, inserted: sql<boolean>`(xmax = 0)` });
      if (alert?.inserted) await announceRaised(tx, ppa.id, [alert]);
    });
  }
  return counts;
}

/**
 * The daily check of execution against the schedule, over every enacted, tracked PPA that is not completed or
 * cancelled (only execution can be late or slow):
 * - `underspending` (medium) on the PPA: 75% of its schedule (start → target end) has passed and its project
 *   has spent under 50% of its allocation;
 * - `milestone_missed` (high) on each dated work item past its due date (Manila day) and not completed.
 * One open alert per PPA or item (the partial unique indexes), so running it twice raises nothing new. An open
 * alert whose condition no longer holds (spending caught up, the item completed or its due date moved) is
 * resolved by the same check, with no one as the resolver.
 */
export async function raiseScheduleAlerts(db: Database, now: Date): Promise<{ underspending: number; milestoneMissed: number; resolved: number }> {
  const today = manilaToday(now);
  const executing = await db
    .select({ id: ppas.id, title: ppas.title, startDate: ppas.startDate, endDate: ppas.targetEndDate })
    .from(ppas)
    .where(and(eq(ppas.approvalStage, 'enacted'), eq(ppas.enableWorkItemTracking, true), notInArray(ppas.status, ['completed', 'cancelled'])))
    .orderBy(ppas.id);
  const counts = { underspending: 0, milestoneMissed: 0, resolved: 0 };
  // The alerts that should be open now, keyed as type:ppaId:workItemId; any other open one of these types is stale.
  const holding = new Set<string>();
  const key = (type: string, ppaId: string, workItemId: string | null) => `${type}:${ppaId}:${workItemId ?? ''}`;
  for (const ppa of executing) {
    const roots = rollUpTree(await readFlatTree(db, ppa.id), 'budget_weighted');
    const project = roots[0];
    if (!project) continue;
    const spending =
      ppa.startDate && ppa.endDate ? { startDate: ppa.startDate, endDate: ppa.endDate, today, allocated: project.allocated, actual: project.actual } : null;
    const underspent = spending !== null && isUnderspending(spending);
    const missed = missedMilestones(roots, today);
    if (underspent) holding.add(key('underspending', ppa.id, null));
    for (const item of missed) holding.add(key('milestone_missed', ppa.id, item.id));
    if (!underspent && missed.length === 0) continue;
    await db.transaction(async (tx) => {
      if (underspent) {
        const inserted = await tx
          .insert(alerts)
          .values({ ppaId: ppa.id, type: 'underspending', severity: 'medium', ...underspendingAlertText(ppa.title, spending) })
          .onConflictDoNothing()
          .returning({ id: alerts.id });
        await announceRaised(tx, ppa.id, inserted);
        counts.underspending += inserted.length;
      }
      for (const item of missed) {
        const inserted = await tx
          .insert(alerts)
          .values({
            ppaId: ppa.id,
            workItemId: item.id,
            type: 'milestone_missed',
            severity: 'high',
            ...milestoneMissedAlertText(item.title, item.dueDate!, today),
          })
          .onConflictDoNothing()
          .returning({ id: alerts.id });
        await announceRaised(tx, ppa.id, inserted);
        counts.milestoneMissed += inserted.length;
      }
    });
  }
  const open = await db
    .select({ id: alerts.id, type: alerts.type, ppaId: alerts.ppaId, workItemId: alerts.workItemId })
    .from(alerts)
    .where(and(inArray(alerts.type, ['underspending', 'milestone_missed']), isNull(alerts.resolvedAt)));
  const stale = open.filter((a) => !holding.has(key(a.type, a.ppaId, a.workItemId))).map((a) => a.id);
  if (stale.length > 0) {
    const resolved = await db
      .update(alerts)
      .set({ resolvedAt: now })
      .where(and(inArray(alerts.id, stale), isNull(alerts.resolvedAt)))
      .returning({ id: alerts.id });
    counts.resolved = resolved.length;
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
