import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startLocalAutomation, type SchedulerTimers } from './local-automation';
import { advisoryLockLeadership, soleLeadership, type SchedulerLeadership } from './scheduler-leadership';

// Two app instances on one PostgreSQL database, each with its own scheduler and its own leadership connection.
const onPostgres = inject('testDatabase').driver === 'postgres';

let handle: TestDatabase;
let admin: postgres.Sql;
beforeAll(async () => {
  if (!onPostgres) return;
  handle = await createSeededTestDatabase();
  admin = postgres(handle.url!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  if (!onPostgres) return;
  await admin.end({ timeout: 5 });
  await handle.close();
});

/** A scheduler clock moved by hand: `fire` runs every daily timer that is due within `ms`. */
function manualTimers() {
  const pending = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  let elapsed = 0;
  const timers: SchedulerTimers = {
    setTimeout: (callback, ms) => (pending.set(next, { at: elapsed + ms, callback }), next++),
    clearTimeout: (id) => void pending.delete(id as number),
    setInterval: () => 0, // the outbox re-send: not under test here
    clearInterval: () => {},
  };
  const advance = (ms: number) => {
    elapsed += ms;
    for (const [id, timer] of [...pending.entries()]) {
      if (timer.at > elapsed) continue;
      pending.delete(id);
      timer.callback();
    }
  };
  return { timers, advance };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const lines = (log: ReturnType<typeof vi.fn>, text: string) => log.mock.calls.filter(([line]) => String(line).includes(text)).length;

describe.skipIf(!onPostgres)('scheduler leadership on PostgreSQL', () => {
  it('a cron that falls due on two instances runs once, on the leader', async () => {
    const now = new Date('2026-11-25T17:59:59Z'); // one second before 02:00 in Manila
    const instances = ['a', 'b'].map((name) => {
      const log = vi.fn();
      const leadership = advisoryLockLeadership(handle.url!, { pollMs: 60_000, log, applicationName: `leadership test ${name}` });
      const clock = manualTimers();
      const stop = startLocalAutomation(handle.db, { now: () => now, log, timers: clock.timers, leadership });
      return { log, leadership, clock, stop };
    });
    try {
      for (const { clock } of instances) clock.advance(1000);
      await until(() => instances.every(({ log }) => lines(log, 'scheduled job nightly sync:') === 1));
      expect(instances.map(({ log }) => lines(log, 'nightly sync: running')).sort()).toEqual([0, 1]);
      expect(instances.map(({ log }) => lines(log, 'nightly sync: left to the leading instance')).sort()).toEqual([0, 1]);

      // Four hours later, the 06:00 job: again once, on the same leader.
      for (const { clock } of instances) clock.advance(4 * 60 * 60 * 1000);
      await until(() => instances.every(({ log }) => lines(log, 'scheduled job bottleneck check:') === 1));
      const leader = instances.findIndex(({ log }) => lines(log, 'nightly sync: running') === 1);
      expect(lines(instances[leader]!.log, 'bottleneck check: running')).toBe(1);
      expect(lines(instances[1 - leader]!.log, 'bottleneck check: running')).toBe(0);
    } finally {
      await Promise.all(instances.map(({ stop }) => stop()));
    }
  });

  it('a leader that dies is replaced on the followers’ next try, and finds itself a follower when it comes back', async () => {
    const logA = vi.fn();
    const logB = vi.fn();
    // The dying leader only tries when asked (a dead process does not come back on its own).
    const a = advisoryLockLeadership(handle.url!, { pollMs: 60_000, log: logA, applicationName: 'leadership test dying' });
    let b: SchedulerLeadership | undefined;
    try {
      expect(await a.lead()).toBe(true);
      expect(await a.lead()).toBe(true); // held, not taken twice
      b = advisoryLockLeadership(handle.url!, { pollMs: 100, log: logB, applicationName: 'leadership test survivor' });
      expect(await b.lead()).toBe(false);

      // The leader's connection ends as it would when its process is killed: PostgreSQL frees the lock.
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'leadership test dying'`;
      await until(() => lines(logB, 'this instance now runs the scheduled jobs') === 1, 5000);
      expect(await b.lead()).toBe(true);
      // The old leader reconnects on its next try and finds the lock taken.
      expect(await a.lead()).toBe(false);
      expect(lines(logA, 'another instance runs the scheduled jobs')).toBe(1);

      // A leader that shuts down gives the lead up at once.
      await b.close();
      expect(await a.lead()).toBe(true);
      expect(await b.lead()).toBe(false); // closed: never leads again
    } finally {
      await a.close();
      await b?.close();
    }
  });

  it('does not lead while the database does not answer, and says why', async () => {
    const log = vi.fn();
    const unreachable = advisoryLockLeadership('postgres://postgres@127.0.0.1:1/none', { pollMs: 60_000, log });
    try {
      expect(await unreachable.lead()).toBe(false);
      expect(lines(log, 'the database did not answer')).toBeGreaterThan(0);
    } finally {
      await unreachable.close();
    }
  });
});

describe('scheduler leadership of a single process', () => {
  it('always leads (PGlite, or one instance alone)', async () => {
    expect(await soleLeadership.lead()).toBe(true);
    await soleLeadership.close();
    expect(await soleLeadership.lead()).toBe(true);
  });
});
