import { isNull, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventOutbox } from '@/db/schema';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { configureEventSender, eventsSettled } from '../events/publish';
import type { SendableEvent } from '../events/outbox';
import { createSignals, type CollabNotice, type Signals } from './signals';
import { runUseCase } from './use-case';

const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const SOMEONE = stableId('user:someone');

let handle: TestDatabase;
let signals: Signals;
let notices: CollabNotice[];
let signalled: number;
let sent: SendableEvent[];

beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

function listen() {
  signals = createSignals();
  notices = [];
  signalled = 0;
  sent = [];
  signals.onCollabNotice((notice) => notices.push(notice));
  signals.onUnreadChanged(SOMEONE, () => signalled++);
  configureEventSender(async (events) => void sent.push(...events));
}
afterEach(async () => {
  await eventsSettled(handle.db);
  configureEventSender(null);
  await signals.close();
});

const unsentEvents = async () =>
  (
    await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventOutbox)
      .where(isNull(eventOutbox.sentAt))
  )[0]!.n;

describe('the after-commit runner', () => {
  it('carries out what a use case collected only once its transaction has committed', async () => {
    listen();
    const result = await runUseCase(
      handle.db,
      async (_tx, after) => {
        after.collab({ type: 'lock', ppaId: LIVELIHOOD, locked: true });
        after.unreadChanged([SOMEONE, SOMEONE]);
        await after.event({ name: 'ppa/enacted', data: { ppaId: LIVELIHOOD } });
        // Nothing has left the transaction yet.
        expect(notices).toEqual([]);
        expect(signalled).toBe(0);
        return 'done';
      },
      { signals },
    );
    expect(result).toBe('done');
    expect(notices).toEqual([{ type: 'lock', ppaId: LIVELIHOOD, locked: true }]);
    // One signal per person, however often a use case names them.
    expect(signalled).toBe(1);
    await eventsSettled(handle.db);
    expect(sent.map((e) => [e.name, e.data])).toEqual([['ppa/enacted', { ppaId: LIVELIHOOD }]]);
  });

  it('announces nothing, and leaves no event in the outbox, when the transaction rolls back', async () => {
    listen();
    const before = await unsentEvents();
    const failing = runUseCase(
      handle.db,
      async (_tx, after) => {
        after.collab({ type: 'saved', ppaId: LIVELIHOOD, savedBy: 'Nobody', savedAt: '2026-12-08T00:00:00.000Z' });
        after.unreadChanged([SOMEONE]);
        await after.event({ name: 'ppa/enacted', data: { ppaId: LIVELIHOOD } });
        throw new Error('a rule said no');
      },
      { signals },
    );
    await expect(failing).rejects.toThrow('a rule said no');
    await eventsSettled(handle.db);
    expect(notices).toEqual([]);
    expect(signalled).toBe(0);
    expect(sent).toEqual([]);
    expect(await unsentEvents()).toBe(before);
  });

  it('announces what the committed run collected, once, when a lost race ran the transaction again', async () => {
    listen();
    let runs = 0;
    await runUseCase(
      handle.db,
      async (_tx, after) => {
        runs++;
        after.collab({ type: 'lock', ppaId: LIVELIHOOD, locked: runs > 1 });
        // PostgreSQL's "deadlock detected": db.transaction runs the whole transaction again.
        if (runs === 1) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      },
      { signals },
    );
    expect(runs).toBe(2);
    expect(notices).toEqual([{ type: 'lock', ppaId: LIVELIHOOD, locked: true }]);
  });

  it('sends no outbox when the use case wrote no event', async () => {
    listen();
    await runUseCase(handle.db, async (_tx, after) => after.unreadChanged([]), { signals });
    await eventsSettled(handle.db);
    expect(sent).toEqual([]);
    expect(signalled).toBe(0);
  });
});
