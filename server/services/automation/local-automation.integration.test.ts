import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { alerts, ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startLocalAutomation, type SchedulerTimers } from './local-automation';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

/** A scheduler clock the test moves by hand; the database keeps its real timers. */
function manualTimers() {
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void; every?: number }>();
  let elapsed = 0;
  const timers: SchedulerTimers = {
    setTimeout: (callback, ms) => (pending.set(next, { at: elapsed + ms, callback }), next++),
    clearTimeout: (id) => void pending.delete(id as number),
    setInterval: (callback, ms) => (pending.set(next, { at: elapsed + ms, callback, every: ms }), next++),
    clearInterval: (id) => void pending.delete(id as number),
  };
  /** Moves the clock on, firing (once each) the timers that fall due; returns the daily jobs' delays seen. */
  function advance(ms: number) {
    elapsed += ms;
    for (const [id, timer] of [...pending.entries()].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > elapsed) continue;
      if (timer.every) timer.at += timer.every * Math.ceil((elapsed - timer.at + 1) / timer.every);
      else pending.delete(id);
      timer.callback();
    }
  }
  const delays = () =>
    [...pending.values()]
      .filter((t) => !t.every)
      .map((t) => t.at - elapsed)
      .sort((a, b) => a - b);
  return { timers, advance, delays };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('in-process schedule (no Inngest server)', () => {
  it('runs the nightly sync at 02:00 and the bottleneck and schedule checks at 06:00 Manila time', async () => {
    const [tiyakap] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Tiyakap Bangsamoro Kalusugan Program'));
    await handle.db.update(ppas).set({ progress: 42 }).where(eq(ppas.id, tiyakap!.id));
    // The scheduler's clock: one second before 02:00 in Manila (18:00 UTC).
    let now = new Date('2026-11-25T17:59:59Z');
    const log = vi.fn();
    const clock = manualTimers();
    const stop = startLocalAutomation(handle.db, { now: () => now, log, timers: clock.timers });
    try {
      expect(clock.delays()).toEqual([1000, 4 * 60 * 60 * 1000 + 1000, 5 * 60 * 60 * 1000 + 1000]); // 02:00, 06:00 and 07:00 (digest), Manila time
      now = new Date('2026-11-25T18:00:00Z');
      clock.advance(1000);
      await until(() => log.mock.calls.some(([line]) => line === 'nightly sync: "Tiyakap Bangsamoro Kalusugan Program" → 0% ongoing'));
      expect(await handle.db.select({ p: ppas.progress }).from(ppas).where(eq(ppas.id, tiyakap!.id))).toEqual([{ p: 0 }]);

      // 06:00 comes four hours later; by then, say, the review stages have waited 22 days.
      now = new Date(Date.now() + 20 * 24 * 60 * 60 * 1000);
      clock.advance(4 * 60 * 60 * 1000);
      await until(async () => (await handle.db.select().from(alerts).where(eq(alerts.type, 'approval_bottleneck'))).length === 10);
      // The same run checks the schedule: the four enacted PPAs are past 75% of theirs with under half spent.
      await until(async () => (await handle.db.select().from(alerts).where(eq(alerts.type, 'underspending'))).length === 4);
    } finally {
      await stop();
    }
  });
});
