import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { enqueueEvent, pendingEventCount, type SendableEvent } from './outbox';
import { OUTBOX_RESEND_MS, startOutboxResend, type IntervalTimers } from './outbox-resend';
import { configureEventSender } from './publish';
import { captureLog } from '@/test/log';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(async () => {
  configureEventSender(null);
  await handle.close();
});

/** An interval the test fires by hand; the database keeps its real timers. */
function manualInterval() {
  const intervals = new Map<number, { callback: () => void; ms: number }>();
  let next = 1;
  const timers: IntervalTimers = {
    setInterval: (callback, ms) => (intervals.set(next, { callback, ms }), next++),
    clearInterval: (id) => void intervals.delete(id as number),
  };
  const tick = () => [...intervals.values()].forEach((interval) => interval.callback());
  return { timers, intervals, tick };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('outbox re-send (Inngest configured)', () => {
  it('sends what the outbox still holds once a minute, through the configured sender, until stopped', async () => {
    const received: SendableEvent[] = [];
    configureEventSender(async (events) => void received.push(...events));
    const ppaId = '00000000-0000-4000-8000-000000000001';
    await handle.db.transaction((tx) => enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId } }));

    const clock = manualInterval();
    const stop = startOutboxResend(handle.db, { timers: clock.timers });
    expect([...clock.intervals.values()].map((i) => i.ms)).toEqual([OUTBOX_RESEND_MS]);
    expect(OUTBOX_RESEND_MS).toBe(60_000);
    expect(await pendingEventCount(handle.db)).toBe(1); // nothing is sent before the first tick

    clock.tick();
    await until(async () => (await pendingEventCount(handle.db)) === 0);
    expect(received.map((e) => [e.name, e.data])).toEqual([['ppa/enacted', { ppaId }]]);

    stop();
    expect(clock.intervals.size).toBe(0);
  });

  it('keeps the events when the send fails, and a later tick sends them', async () => {
    let reachable = false;
    const received: string[] = [];
    configureEventSender(async (events) => {
      if (!reachable) throw new Error('Inngest unreachable');
      received.push(...events.map((e) => e.name));
    });
    await handle.db.transaction((tx) =>
      enqueueEvent(tx, {
        name: 'expenditure/recorded',
        data: { ppaId: '00000000-0000-4000-8000-000000000001', workItemId: '00000000-0000-4000-8000-000000000002' },
      }),
    );
    const log = captureLog();
    const clock = manualInterval();
    const stop = startOutboxResend(handle.db, { everyMs: 5, timers: clock.timers });
    try {
      expect([...clock.intervals.values()].map((i) => i.ms)).toEqual([5]);
      clock.tick();
      await until(() => log.messages().some((line) => line.includes('could not be sent yet')));
      expect(log.messages()).toContain('1 event(s) could not be sent yet; they stay in the outbox and will be sent again.');
      expect(await pendingEventCount(handle.db)).toBe(1);

      reachable = true;
      clock.tick();
      await until(async () => (await pendingEventCount(handle.db)) === 0);
      expect(received).toEqual(['expenditure/recorded']);
    } finally {
      stop();
      log.restore();
    }
  });
});
