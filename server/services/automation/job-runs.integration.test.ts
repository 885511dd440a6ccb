import { InngestTestEngine, mockCtx } from '@inngest/test';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { jobRuns, notifications, ppas } from '@/db/schema';
import { nightlyProgressSync } from '@/inngest/functions';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor } from '@/test/viewers';
import { getMetrics } from '../../lib/metrics';
import { startLocalAutomation, type SchedulerTimers } from './local-automation';

/**
 * Every run of a scheduled job is recorded (job, trigger, runner, start, duration, outcome, error) whichever
 * scheduler runs it: the in-process one and Inngest. A failure is told to the admins; a retry is told apart;
 * the System page's success rates and "Run again" read and write the same records.
 */
let handle: TestDatabase;
beforeEach(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
});
afterEach(async () => {
  setDatabase(undefined);
  await handle.close();
});

/** The nightly sync's update of a drifted PPA fails `times` times, as a database that is restarting would. */
async function failPpaUpdates(times: number) {
  const [tiyakap] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Tiyakap Bangsamoro Kalusugan Program'));
  await handle.db.update(ppas).set({ progress: 55 }).where(eq(ppas.id, tiyakap!.id));
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

const runs = () => handle.db.select().from(jobRuns).orderBy(asc(jobRuns.startedAt));

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A scheduler clock the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, { callback: () => void; ms: number; every?: number }>();
  let next = 1;
  const timers: SchedulerTimers = {
    setTimeout: (callback, ms) => (pending.set(next, { callback, ms }), next++),
    clearTimeout: (id) => void pending.delete(id as number),
    setInterval: (callback, ms) => (pending.set(next, { callback, ms, every: ms }), next++),
    clearInterval: (id) => void pending.delete(id as number),
  };
  /** Fires the daily timer due first (the scheduler's clock stands just before 02:00: the nightly sync). */
  const fireFirstDaily = () => {
    const [id, timer] = [...pending.entries()].filter(([, t]) => !t.every).sort((a, b) => a[1].ms - b[1].ms)[0]!;
    pending.delete(id);
    timer.callback();
  };
  return { timers, fireFirstDaily };
}

describe('job runs in the in-process scheduler', () => {
  it('records a scheduled run’s success, and a failure with its error, told to the admins', async () => {
    const log = vi.fn();
    const clock = manualTimers();
    // The scheduler's clock: one second before 02:00 in Manila.
    const stop = startLocalAutomation(handle.db, { log, timers: clock.timers, now: () => new Date('2026-11-25T17:59:59Z') });
    try {
      clock.fireFirstDaily();
      const [ok] = await until(runs, (r) => r.length === 1);
      expect(ok).toMatchObject({ job: 'nightly-progress-sync', trigger: 'schedule', runner: 'in-process', outcome: 'success', error: null });
      expect(ok!.durationMs).toBeGreaterThanOrEqual(0);

      await failPpaUpdates(1);
      clock.fireFirstDaily();
      const [, failed] = await until(runs, (r) => r.length === 2);
      expect(failed).toMatchObject({
        job: 'nightly-progress-sync',
        trigger: 'schedule',
        outcome: 'failure',
        error: expect.stringContaining('database restarting'),
      });
      const told = await until(
        () => handle.db.select().from(notifications).where(eq(notifications.kind, 'system_alert')),
        (n) => n.length > 0,
      );
      expect(told).toHaveLength(1);
      expect(told[0]).toMatchObject({ title: 'Background job “nightly-progress-sync” failed', link: '/admin/system' });
    } finally {
      await stop();
    }
  });

  it('“Run again” after a failure records a retry; the System page shows the rates, the failure and the retry', async () => {
    await failPpaUpdates(1);
    const admin = await callerFor(handle.db, 'admin@example.org');
    const failures = async () =>
      (await getMetrics().jobRuns.get()).values
        .filter((v) => v.labels.job_name === 'nightly-progress-sync' && v.labels.outcome === 'failure')
        .reduce((sum, v) => sum + v.value, 0);
    const failuresBefore = await failures();
    await admin.system.runJobAgain({ job: 'nightly-progress-sync' });
    await until(runs, (r) => r.length === 1);
    await admin.system.runJobAgain({ job: 'nightly-progress-sync', afterFailure: true });
    const all = await until(runs, (r) => r.length === 2);
    expect(all.map((r) => [r.trigger, r.outcome])).toEqual([
      ['manual', 'failure'],
      ['retry', 'success'],
    ]);
    const status = await admin.system.status();
    const nightly = status.jobs.find((j) => j.job === 'nightly-progress-sync')!;
    expect(nightly.day).toEqual({ runs: 2, successes: 1, rate: 0.5 });
    expect(nightly.week).toEqual({ runs: 2, successes: 1, rate: 0.5 });
    expect(nightly.lastRun).toMatchObject({ outcome: 'success', trigger: 'retry' });
    expect(status.jobs.map((j) => j.job)).toEqual(['nightly-progress-sync', 'daily-approval-bottlenecks', 'daily-review-digest']);
    expect(status.jobs.find((j) => j.job === 'daily-review-digest')!.week).toEqual({ runs: 0, successes: 0, rate: null });
    expect(status.failures).toHaveLength(1);
    expect(status.failures[0]!.error).toContain('database restarting');
    expect(status.running.migrations).toMatchObject({ pending: 0, applied: expect.stringMatching(/^\d{4}_/) });
    expect(await failures()).toBe(failuresBefore + 1);
  });

  it('refuses to run a job that does not exist, and refuses non-admins', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const planner = await callerFor(handle.db, 'planner@example.org');
    await expect(admin.system.runJobAgain({ job: 'drop-everything' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(planner.system.runJobAgain({ job: 'nightly-progress-sync' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(planner.system.status()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('job runs on Inngest', () => {
  /** One attempt of the run `runId`, as Inngest's executor would start it. */
  const attempt = (runId: string) => new InngestTestEngine({ function: nightlyProgressSync, transformCtx: (ctx) => ({ ...mockCtx(ctx), runId }) }).execute();

  it('records a run’s success as a step of its own', async () => {
    const { result, error } = await attempt('run-ok');
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ synced: 17 });
    expect(await runs()).toEqual([
      expect.objectContaining({ job: 'nightly-progress-sync', trigger: 'schedule', runner: 'inngest', runKey: 'run-ok', outcome: 'success' }),
    ]);
  });

  it('records a failed attempt with its error, and the attempt after it as a retry of the same run', async () => {
    await failPpaUpdates(1);
    const first = await attempt('run-retried');
    expect(first.error).toBeDefined();
    const second = await attempt('run-retried');
    expect(second.error).toBeUndefined();
    const all = await runs();
    expect(all.map((r) => [r.runKey, r.trigger, r.outcome])).toEqual([
      ['run-retried', 'schedule', 'failure'],
      ['run-retried', 'retry', 'success'],
    ]);
    expect(all[0]!.error).toContain('database restarting');
  });
});
