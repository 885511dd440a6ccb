import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor, demoViewer } from '@/test/viewers';
import type { RedisSettings } from '../../lib/redis-settings';
import { eventsSettled } from '../events/publish';
import { emailSendsSettled } from '../notifications/email-runner';
import { watchUnreadCount } from '../notifications/unread-signal';
import { createSignals, replaceProcessSignals, type Signals } from './signals';
import { idsFrom } from './unread-fanout';

/**
 * Two app instances on one Redis (127.0.0.1:6379), as two Signals with their own connections: the bell on
 * instance B hears of a notification recorded by instance A's use case at once, not at its 30 s recheck.
 */
const redis: RedisSettings = { url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `test-unread-${randomUUID()}:` };

let handle: TestDatabase;
let instanceA: Signals;
let instanceB: Signals;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  instanceA = createSignals({ redis });
  instanceB = createSignals({ redis });
  await Promise.all([instanceA.ready(), instanceB.ready()]);
  // This process's services are instance A's.
  replaceProcessSignals(instanceA);
});
afterAll(async () => {
  await eventsSettled(handle.db);
  await emailSendsSettled();
  replaceProcessSignals(undefined);
  await Promise.all([instanceA.close(), instanceB.close()]);
  await handle.close();
});

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('unread-count signals across instances (REDIS_URL)', () => {
  it('a notification recorded through instance A’s runner reaches the bell on instance B within a second', async () => {
    const reviewer = await demoViewer(handle.db, 'reviewer@example.org');
    const planner = await callerFor(handle.db, 'planner@example.org');
    const abort = new AbortController();
    const counts: number[] = [];
    // Instance B's bell, with a recheck far beyond the test: only a signal can wake it.
    const watching = (async () => {
      for await (const count of watchUnreadCount({ db: handle.db, viewer: reviewer, signal: abort.signal, recheckMs: 600_000, signals: instanceB }))
        counts.push(count);
    })();
    await until(() => counts.length === 1, 5000);

    const { id } = await planner.ppa.create({
      title: 'Fan-out Check',
      category: 'project',
      sector: 'social',
      fiscalYear: 2026,
      budgetCeiling: '1000000',
      budgetAllocation: '1000000',
      appropriationClass: 'MOOE',
      fundingSource: 'GAAB',
    });
    // Entering technical review tells the MFBM reviewers (the stage-changed job runs in this process: instance A).
    await planner.ppa.transition({ id, to: 'technical_review' });
    await eventsSettled(handle.db);
    const recordedAt = Date.now();
    await until(() => counts.length === 2, 1000);
    expect(Date.now() - recordedAt).toBeLessThan(1000);
    expect(counts[1]).toBe(counts[0]! + 1);
    abort.abort();
    await watching;
  });

  it('hands each signal to the other instance once, and never back to the one that sent it', async () => {
    const heardOnA: number[] = [];
    const heardOnB: number[] = [];
    const stopA = instanceA.onUnreadChanged('person-1', () => heardOnA.push(Date.now()));
    const stopB = instanceB.onUnreadChanged('person-1', () => heardOnB.push(Date.now()));
    instanceA.signalUnreadChanged(['person-1', 'person-1']);
    await until(() => heardOnB.length === 1, 1000);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heardOnA).toHaveLength(1);
    expect(heardOnB).toHaveLength(1);
    stopA();
    stopB();
  });

  it('ignores what is not one of its messages', () => {
    expect(idsFrom('not json', 'me')).toBeNull();
    expect(idsFrom('42', 'me')).toBeNull();
    expect(idsFrom(JSON.stringify({ from: 'other', userIds: [1] }), 'me')).toBeNull();
    expect(idsFrom(JSON.stringify({ userIds: ['a'] }), 'me')).toBeNull();
    expect(idsFrom(JSON.stringify({ from: 'me', userIds: ['a'] }), 'me')).toEqual([]);
    expect(idsFrom(JSON.stringify({ from: 'other', userIds: ['a', 'b'] }), 'me')).toEqual(['a', 'b']);
  });
});
