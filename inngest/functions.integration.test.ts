import { InngestTestEngine } from '@inngest/test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { alerts, auditLog, expenditureEntries, ppas, users, workItems } from '@/db/schema';
import { EVENT_JOBS } from '@/server/services/events/event-jobs';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import {
  activateExecutionOnEnactment,
  dailyApprovalBottlenecks,
  functions,
  nightlyProgressSync,
  raiseBlockedOnStatusChange,
  raiseOverspendingOnExpenditure,
} from './functions';

/**
 * One delivery of an event: a fresh engine each time, as Inngest starts a fresh run per delivered event
 * (one engine would replay the first run's memoised step results).
 */
function deliver(fn: InngestTestEngine.Options['function'], event: { name: string; data: Record<string, unknown> }) {
  return new InngestTestEngine({ function: fn, events: [event] }).execute();
}

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
});
afterAll(async () => {
  setDatabase(undefined);
  await handle.close();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function ppaNamed(title: string) {
  const [row] = await handle.db.select().from(ppas).where(eq(ppas.title, title));
  return row!;
}

describe('Inngest functions', () => {
  it('are all served, with retries and an idempotency key on the PPA for activation', () => {
    expect(functions.map((f) => f.id())).toEqual([
      'activate-execution-on-enactment',
      'raise-overspending-alerts',
      'raise-workflow-blocked-alert',
      'nightly-progress-sync',
      'daily-approval-bottlenecks',
    ]);
    expect(activateExecutionOnEnactment.opts).toMatchObject({ idempotency: 'event.data.ppaId', retries: 4 });
    expect(nightlyProgressSync.opts.triggers).toEqual([{ cron: 'TZ=Asia/Manila 0 2 * * *' }]);
  });

  it('activates an enacted PPA exactly once when its event is delivered five times', async () => {
    const qrf = await ppaNamed('Quick Response Fund');
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, qrf.id));
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await deliver(activateExecutionOnEnactment, { name: 'ppa/enacted', data: { ppaId: qrf.id } })).result);
    expect(results).toEqual([{ activated: true }, { activated: false }, { activated: false }, { activated: false }, { activated: false }]);
    expect((await ppaNamed('Quick Response Fund')).status).toBe('ongoing');
    const [project] = await handle.db.select().from(workItems).where(and(eq(workItems.ppaId, qrf.id), isNull(workItems.parentId)));
    expect(project?.status).toBe('in_progress');
    const activations = await handle.db.select().from(auditLog).where(and(eq(auditLog.ppaId, qrf.id), eq(auditLog.action, 'activate_execution')));
    expect(activations).toHaveLength(1);
  });

  it('does not activate a PPA that is not enacted', async () => {
    const draft = await ppaNamed('Basic Integration for Harmonized Intervention');
    const t = new InngestTestEngine({ function: activateExecutionOnEnactment, events: [{ name: 'ppa/enacted', data: { ppaId: draft.id } }] });
    expect((await t.execute()).result).toEqual({ activated: false });
  });

  it('retries a failing step: the first attempt fails, the retry activates', async () => {
    const arb = await ppaNamed('Sustainable Development for Agrarian Reform Beneficiaries in the Bangsamoro');
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, arb.id));
    const job = vi.spyOn(EVENT_JOBS, 'ppa/enacted').mockRejectedValueOnce(new Error('database restarting'));
    const event = { name: 'ppa/enacted', data: { ppaId: arb.id } };
    const first = await deliver(activateExecutionOnEnactment, event);
    expect(first.error).toMatchObject({ message: 'database restarting' });
    expect((await ppaNamed(arb.title)).status).toBe('planning');
    const retry = await deliver(activateExecutionOnEnactment, event);
    expect(retry.result).toEqual({ activated: true });
    expect(job).toHaveBeenCalledTimes(2);
    expect((await ppaNamed(arb.title)).status).toBe('ongoing');
  });

  it('raises one overspending alert per item however often the expenditure event comes', async () => {
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const [training] = await handle.db.select().from(workItems).where(and(eq(workItems.ppaId, livelihood.id), eq(workItems.title, 'Training Sessions')));
    const [planner] = await handle.db.select().from(users).where(eq(users.email, 'planner@example.org'));
    // ₱1,125,000.00 spent of ₱3,750,000.00; another ₱3,000,000.00 makes ₱4,125,000.00: over by 10% → high.
    await handle.db.insert(expenditureEntries).values({ workItemId: training!.id, ppaId: livelihood.id, amount: '3000000.00', spentOn: '2026-09-01', description: 'Second and third batches', recordedById: planner!.id });
    const raised = [];
    for (let i = 0; i < 5; i++) {
      raised.push((await deliver(raiseOverspendingOnExpenditure, { name: 'expenditure/recorded', data: { ppaId: livelihood.id, workItemId: training!.id } })).result);
    }
    // First delivery: Training Sessions and its parent Execution (same figures) are both over.
    expect(raised).toEqual([{ raised: 2 }, { raised: 0 }, { raised: 0 }, { raised: 0 }, { raised: 0 }]);
    const open = await handle.db.select().from(alerts).where(and(eq(alerts.ppaId, livelihood.id), eq(alerts.type, 'overspending'), isNull(alerts.resolvedAt)));
    expect(open.map((a) => [a.title, a.severity]).sort()).toEqual([
      ['Execution is over budget', 'high'],
      ['Training Sessions is over budget', 'high'],
      ['Venue Booking is over budget', 'high'],
    ]);
  });

  it('raises workflow_blocked once for an item that turned blocked, and nothing for others', async () => {
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const [invitations] = await handle.db.select().from(workItems).where(and(eq(workItems.ppaId, livelihood.id), eq(workItems.title, 'Invitations')));
    const event = { name: 'work-item/status-changed', data: { ppaId: livelihood.id, workItemId: invitations!.id, status: 'blocked' } };
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 0 });
    await handle.db.update(workItems).set({ status: 'blocked' }).where(eq(workItems.id, invitations!.id));
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 1 });
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 0 });
  });
});

describe('scheduled functions on the seeded data', () => {
  it('nightly sync: every tracked PPA synced, and only real changes made and logged', async () => {
    // Hand count: 23 seeded PPAs; the 6 drafts and rejected ones have no plan; the 17 others do
    // (including the two set to enacted above). None has drifted from its work items except what we change.
    const tiyakap = await ppaNamed('Tiyakap Bangsamoro Kalusugan Program');
    await handle.db.update(ppas).set({ progress: 55 }).where(eq(ppas.id, tiyakap.id));
    const { result } = await new InngestTestEngine({ function: nightlyProgressSync }).execute();
    expect(result).toEqual({ synced: 17, changed: [{ ppaId: tiyakap.id, title: tiyakap.title, progress: 0, status: 'ongoing' }] });
    const logged = await handle.db.select().from(auditLog).where(and(eq(auditLog.ppaId, tiyakap.id), eq(auditLog.action, 'sync_from_work_items')));
    expect(logged.map((l) => [l.before, l.after])).toEqual([[{ progress: 55, status: 'ongoing' }, { progress: 0, status: 'ongoing' }]]);
  });

  it('approval bottlenecks: the 10 PPAs in review stages are high after 8 days and critical after 15', async () => {
    // Hand count: MSSD and MAFAR have 4 PPAs each in the four review stages, MOH 1 and MBHTE 1 more; each
    // entered its stage 2 days before the seed ran.
    const reviewStages = sql`${ppas.approvalStage} in ('technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval')`;
    const waiting = await handle.db.select({ id: ppas.id }).from(ppas).where(reviewStages);
    expect(waiting).toHaveLength(10);
    const day = 24 * 60 * 60 * 1000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 6 * day);
    expect((await new InngestTestEngine({ function: dailyApprovalBottlenecks }).execute()).result).toEqual({ high: 10, critical: 0 });
    vi.setSystemTime(Date.now() + 7 * day);
    expect((await new InngestTestEngine({ function: dailyApprovalBottlenecks }).execute()).result).toEqual({ high: 0, critical: 10 });
    const open = await handle.db.select().from(alerts).where(and(eq(alerts.type, 'approval_bottleneck'), isNull(alerts.resolvedAt)));
    expect(open).toHaveLength(10); // upgraded in place, not doubled
    expect(new Set(open.map((a) => a.severity))).toEqual(new Set(['critical']));
  });
});
