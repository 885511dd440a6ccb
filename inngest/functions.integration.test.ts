import { InngestTestEngine } from '@inngest/test';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { StepOpCode } from 'inngest/types';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { alerts, auditLog, expenditureEntries, ppas, users, workItems } from '@/db/schema';
import { SCHEDULED_JOBS } from '@/server/services/automation/scheduled-jobs';
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

/**
 * One run of a function as Inngest's executor drives it, retries included. @inngest/test 1.0 stops a run at
 * the first failed step ("no retries modelled" in its README), so this plays the executor's part: while the
 * SDK answers that the failed step may be retried (op StepError; StepFailed or a NonRetriableError would end
 * the run), the step runs again, at most the function's own `retries` times after the first attempt.
 */
async function runWithRetries(
  fn: InngestTestEngine.Options['function'] & { opts: { retries?: number } },
  stepId: string,
  event: { name: string; data: Record<string, unknown> },
) {
  const errors: string[] = [];
  const attempts = (fn.opts.retries ?? 4) + 1;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const run = await new InngestTestEngine({ function: fn, events: [event] }).executeStep(stepId);
    if (!run.error) return { result: run.result, errors };
    // Drizzle wraps the database's error ("Failed query: …"); its cause is the database's own message.
    const error = run.error as { message: string; cause?: { message?: string } };
    errors.push(error.cause?.message ?? error.message);
    if (run.step.op !== StepOpCode.StepError) break; // the SDK says: do not retry
  }
  return { result: undefined, errors };
}

/**
 * A real database failure inside the job's own transaction: the first `times` updates of a PPA raise, as a
 * database that is restarting would. A sequence counts them, because a raised error rolls back anything
 * transactional (and PGlite runs PL/pgSQL too).
 */
async function failPpaUpdates(times: number) {
  await handle.db.execute(
    sql.raw(`
    create sequence ppa_update_faults;
    create function fail_ppa_update() returns trigger language plpgsql as $$
    begin
      if nextval('ppa_update_faults') <= ${times} then raise exception 'database restarting'; end if;
      return new;
    end $$;
    create trigger fail_ppa_update before update on ppas for each row execute function fail_ppa_update();`),
  );
}

// Every test gets the demo data fresh: none depends on what another one changed.
let handle: TestDatabase;
beforeEach(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
});
afterEach(async () => {
  vi.useRealTimers();
  setDatabase(undefined);
  await handle.close();
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
      'send-notifications',
      'daily-review-digest',
    ]);
    expect(activateExecutionOnEnactment.opts).toMatchObject({ idempotency: 'event.data.ppaId', retries: 4 });
    expect(nightlyProgressSync.opts.triggers).toEqual([{ cron: 'TZ=Asia/Manila 0 2 * * *' }]);
  });

  it('serve every scheduled job of the one table as a cron at its Manila hour, with its retries', () => {
    for (const job of SCHEDULED_JOBS) {
      const fn = functions.find((f) => f.id() === job.id);
      expect(fn?.opts).toMatchObject({ triggers: [{ cron: `TZ=Asia/Manila 0 ${job.manilaHour} * * *` }], retries: job.retries });
    }
    expect(SCHEDULED_JOBS.map((j) => [j.id, j.manilaHour])).toEqual([
      ['nightly-progress-sync', 2],
      ['daily-approval-bottlenecks', 6],
      ['daily-review-digest', 7],
    ]);
  });

  it('activates an enacted PPA exactly once when its event is delivered five times', async () => {
    const qrf = await ppaNamed('Quick Response Fund');
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, qrf.id));
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await deliver(activateExecutionOnEnactment, { name: 'ppa/enacted', data: { ppaId: qrf.id } })).result);
    expect(results).toEqual([{ activated: true }, { activated: false }, { activated: false }, { activated: false }, { activated: false }]);
    expect((await ppaNamed('Quick Response Fund')).status).toBe('ongoing');
    const [project] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, qrf.id), isNull(workItems.parentId)));
    expect(project?.status).toBe('in_progress');
    const activations = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ppaId, qrf.id), eq(auditLog.action, 'activate_execution')));
    expect(activations).toHaveLength(1);
  });

  it('does not activate a PPA that is not enacted', async () => {
    const draft = await ppaNamed('Basic Integration for Harmonized Intervention');
    const t = new InngestTestEngine({ function: activateExecutionOnEnactment, events: [{ name: 'ppa/enacted', data: { ppaId: draft.id } }] });
    expect((await t.execute()).result).toEqual({ activated: false });
  });

  it('retries a failing step with Inngest’s own retry: the failed attempt writes nothing, the retry activates once', async () => {
    const arb = await ppaNamed('Sustainable Development for Agrarian Reform Beneficiaries in the Bangsamoro');
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, arb.id));
    await failPpaUpdates(1);
    const run = await runWithRetries(activateExecutionOnEnactment, 'activate-execution', { name: 'ppa/enacted', data: { ppaId: arb.id } });
    expect(run.errors).toEqual(['database restarting']);
    expect(run.result).toEqual({ activated: true });
    expect((await ppaNamed(arb.title)).status).toBe('ongoing');
    const activations = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ppaId, arb.id), eq(auditLog.action, 'activate_execution')));
    expect(activations).toHaveLength(1);
  });

  it('gives up after the function’s own retries when the failure lasts, leaving the PPA as it was', async () => {
    const arb = await ppaNamed('Sustainable Development for Agrarian Reform Beneficiaries in the Bangsamoro');
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, arb.id));
    await failPpaUpdates(100);
    const run = await runWithRetries(activateExecutionOnEnactment, 'activate-execution', { name: 'ppa/enacted', data: { ppaId: arb.id } });
    expect(run.errors).toEqual(Array(5).fill('database restarting')); // the first attempt and retries: 4
    expect(run.result).toBeUndefined();
    expect((await ppaNamed(arb.title)).status).toBe('planning');
    const [project] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, arb.id), isNull(workItems.parentId)));
    expect(project?.status).toBe('not_started');
  });

  it('raises one overspending alert per item however often the expenditure event comes', async () => {
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const [training] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, livelihood.id), eq(workItems.title, 'Training Sessions')));
    const [planner] = await handle.db.select().from(users).where(eq(users.email, 'planner@example.org'));
    // ₱1,125,000.00 spent of ₱3,750,000.00; another ₱3,000,000.00 makes ₱4,125,000.00: over by 10% → high.
    await handle.db.insert(expenditureEntries).values({
      workItemId: training!.id,
      ppaId: livelihood.id,
      amount: '3000000.00',
      spentOn: '2026-09-01',
      description: 'Second and third batches',
      recordedById: planner!.id,
    });
    const raised = [];
    for (let i = 0; i < 5; i++) {
      raised.push(
        (await deliver(raiseOverspendingOnExpenditure, { name: 'expenditure/recorded', data: { ppaId: livelihood.id, workItemId: training!.id } })).result,
      );
    }
    // First delivery: Training Sessions and its parent Execution (same figures) are both over.
    expect(raised).toEqual([{ raised: 2 }, { raised: 0 }, { raised: 0 }, { raised: 0 }, { raised: 0 }]);
    const open = await handle.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.ppaId, livelihood.id), eq(alerts.type, 'overspending'), isNull(alerts.resolvedAt)));
    expect(open.map((a) => [a.title, a.severity]).sort()).toEqual([
      ['Execution is over budget', 'high'],
      ['Training Sessions is over budget', 'high'],
      ['Venue Booking is over budget', 'high'],
    ]);
  });

  it('raises workflow_blocked once for an item that turned blocked, and nothing for others', async () => {
    const livelihood = await ppaNamed('Livelihood Training for OBC Women');
    const [invitations] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, livelihood.id), eq(workItems.title, 'Invitations')));
    const event = { name: 'work-item/status-changed', data: { ppaId: livelihood.id, workItemId: invitations!.id, status: 'blocked' } };
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 0 });
    await handle.db.update(workItems).set({ status: 'blocked' }).where(eq(workItems.id, invitations!.id));
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 1 });
    expect((await deliver(raiseBlockedOnStatusChange, event)).result).toEqual({ raised: 0 });
  });
});

describe('scheduled functions on the seeded data', () => {
  it('nightly sync: every tracked PPA synced, and only real changes made and logged', async () => {
    // Hand count: 23 seeded PPAs; the 6 drafts and rejected ones have no plan; the 17 others do. None has
    // drifted from its work items except what we change.
    const tiyakap = await ppaNamed('Tiyakap Bangsamoro Kalusugan Program');
    await handle.db.update(ppas).set({ progress: 55 }).where(eq(ppas.id, tiyakap.id));
    const { result } = await new InngestTestEngine({ function: nightlyProgressSync }).execute();
    expect(result).toEqual({ synced: 17, changed: [{ ppaId: tiyakap.id, title: tiyakap.title, progress: 0, status: 'ongoing' }] });
    const logged = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.ppaId, tiyakap.id), eq(auditLog.action, 'sync_from_work_items')));
    expect(logged.map((l) => [l.before, l.after])).toEqual([
      [
        { progress: 55, status: 'ongoing' },
        { progress: 0, status: 'ongoing' },
      ],
    ]);
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
    expect((await new InngestTestEngine({ function: dailyApprovalBottlenecks }).execute()).result).toMatchObject({ bottlenecks: { high: 10, critical: 0 } });
    vi.setSystemTime(Date.now() + 7 * day);
    expect((await new InngestTestEngine({ function: dailyApprovalBottlenecks }).execute()).result).toMatchObject({ bottlenecks: { high: 0, critical: 10 } });
    const open = await handle.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.type, 'approval_bottleneck'), isNull(alerts.resolvedAt)));
    expect(open).toHaveLength(10); // upgraded in place, not doubled
    expect(new Set(open.map((a) => a.severity))).toEqual(new Set(['critical']));
  });

  it('the same 06:00 run raises underspending and missed milestones in a step of its own, once', async () => {
    // 06:00 in Manila on 27 November 2026. Hand count: the 4 enacted PPAs run 1 Feb to 15 Dec of their fiscal
    // year. Livelihood (2026) is 94% through with ₱1,647,500.00 of ₱5,000,000.00 spent (32.95%); the 2025 and
    // 2024 ones are past their end with nothing spent: 4 underspending. Their 3 projects were due by 15 Dec
    // 2025 at the latest and are in progress: 3 missed. Livelihood's tasks are due 30 November: not yet.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-27T06:00:00+08:00'));
    const t = new InngestTestEngine({ function: dailyApprovalBottlenecks });
    const first = await t.execute();
    expect(first.result).toMatchObject({ schedule: { underspending: 4, milestoneMissed: 3, resolved: 0 } });
    expect(first.ctx.step.run).toHaveBeenCalledWith('raise-schedule-alerts', expect.any(Function));
    expect((await new InngestTestEngine({ function: dailyApprovalBottlenecks }).execute()).result).toMatchObject({
      schedule: { underspending: 0, milestoneMissed: 0, resolved: 0 },
    });
    const open = await handle.db
      .select({ type: alerts.type })
      .from(alerts)
      .where(and(sql`${alerts.type} in ('underspending', 'milestone_missed')`, isNull(alerts.resolvedAt)));
    expect(open).toHaveLength(7);
  });
});
