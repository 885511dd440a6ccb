import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventOutbox, ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { enqueueEvent, pendingEventCount, publishPendingEvents, type SendableEvent } from './outbox';
import { configureEventSender, eventsSettled, publishAfterCommit } from './publish';
import { captureLog } from '@/test/log';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(async () => {
  configureEventSender(null);
  await handle.close();
});

describe('event outbox', () => {
  it('keeps events whose send failed and sends them, in order and with their ids, next time', async () => {
    await handle.db.transaction(async (tx) => {
      await enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId: '00000000-0000-4000-8000-000000000001' } });
      await enqueueEvent(tx, {
        name: 'expenditure/recorded',
        data: { ppaId: '00000000-0000-4000-8000-000000000001', workItemId: '00000000-0000-4000-8000-000000000002' },
      });
    });
    const failing = vi.fn().mockRejectedValue(new Error('Inngest unreachable'));
    expect(await publishPendingEvents(handle.db, failing)).toEqual({ sent: 0, failed: 2 });
    const kept = await handle.db.select().from(eventOutbox).orderBy(asc(eventOutbox.createdAt));
    expect(kept.map((e) => [e.name, e.sentAt, e.attempts, e.lastError])).toEqual([
      ['ppa/enacted', null, 1, 'Error: Inngest unreachable'],
      ['expenditure/recorded', null, 1, 'Error: Inngest unreachable'],
    ]);

    const received: SendableEvent[] = [];
    expect(await publishPendingEvents(handle.db, async (events) => void received.push(...events))).toEqual({ sent: 2, failed: 0 });
    expect(received.map((e) => [e.id, e.name])).toEqual(kept.map((e) => [e.id, e.name]));
    expect(await pendingEventCount(handle.db)).toBe(0);
    expect(await publishPendingEvents(handle.db, failing)).toEqual({ sent: 0, failed: 0 });
  });

  it('does not write the event when the change it announces rolls back', async () => {
    await handle.db
      .transaction(async (tx) => {
        await enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId: '00000000-0000-4000-8000-000000000003' } });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    expect(await pendingEventCount(handle.db)).toBe(0);
  });

  it('sends through the configured sender after a commit, and never fails the change that committed', async () => {
    const sent: string[] = [];
    configureEventSender(async (events) => void sent.push(...events.map((e) => e.name)));
    const [qrf] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Quick Response Fund'));
    await handle.db.transaction((tx) => enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId: qrf!.id } }));
    await publishAfterCommit(handle.db);
    expect(sent).toEqual(['ppa/enacted']);

    const log = captureLog();
    configureEventSender(async () => {
      throw new Error('offline');
    });
    await handle.db.transaction((tx) => enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId: qrf!.id } }));
    await expect(publishAfterCommit(handle.db)).resolves.toBeUndefined();
    log.restore();
    expect(log.messages()).toContain('1 event(s) could not be sent yet; they stay in the outbox and will be sent again.');
    expect(await pendingEventCount(handle.db)).toBe(1);
    const [row] = await handle.db
      .select({ attempts: eventOutbox.attempts })
      .from(eventOutbox)
      .where(sql`${eventOutbox.sentAt} is null`);
    expect(row?.attempts).toBe(1);
  });

  it('a change committed during a send answers at once; one queued send carries every such change’s events', async () => {
    configureEventSender(async () => {});
    await publishAfterCommit(handle.db); // whatever the earlier tests left
    expect(await pendingEventCount(handle.db)).toBe(0);
    const [qrf] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Quick Response Fund'));
    const enacted = () => handle.db.transaction((tx) => enqueueEvent(tx, { name: 'ppa/enacted', data: { ppaId: qrf!.id } }));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const batches: number[] = [];
    configureEventSender(async (events) => {
      batches.push(events.length);
      if (batches.length === 1) await held; // the first send is slow (a busy job)
    });

    await enacted();
    const first = publishAfterCommit(handle.db);
    let firstDone = false;
    void first.then(() => (firstDone = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Two more changes commit while the first send runs: neither waits behind it.
    await enacted();
    await publishAfterCommit(handle.db);
    await enacted();
    await publishAfterCommit(handle.db);
    expect(firstDone).toBe(false);
    expect(batches).toEqual([1]);

    release();
    await first;
    await eventsSettled(handle.db);
    // The queued send ran once, after the first, with both later events; nothing is left.
    expect(batches).toEqual([1, 2]);
    expect(await pendingEventCount(handle.db)).toBe(0);
  });
});
