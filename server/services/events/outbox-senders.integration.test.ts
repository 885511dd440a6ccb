import { isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db';
import { eventOutbox } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { pendingEventCount, sendPendingBatch } from './outbox';

// Several app instances send the same outbox: each its own connection pool on one PostgreSQL database.
const onPostgres = inject('testDatabase').driver === 'postgres';
const SENDERS = 20;
const EVENTS = 300;

let handle: TestDatabase;
let senders: DatabaseHandle[] = [];
beforeAll(async () => {
  if (!onPostgres) return;
  handle = await createTestDatabase();
  senders = Array.from({ length: SENDERS }, () => openDatabase({ url: handle.url! }));
});
afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all(senders.map((sender) => sender.close()));
  await handle.close();
});

describe.skipIf(!onPostgres)('outbox with several senders', () => {
  it(`${SENDERS} senders at once send each of ${EVENTS} events exactly once`, async () => {
    await handle.db.insert(eventOutbox).values(
      Array.from({ length: EVENTS }, (_, i) => ({
        name: 'ppa/enacted' as const,
        payload: { ppaId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
      })),
    );
    const sent: string[] = [];
    const bySender = new Array<number>(SENDERS).fill(0);
    await Promise.all(
      senders.map(async (sender, me) => {
        // Each keeps sending small batches until the outbox is empty, slowly enough that the others overlap.
        for (let round = 0; round < EVENTS; round++) {
          const { sent: count } = await sendPendingBatch(
            sender.db,
            async (events) => {
              await new Promise((resolve) => setTimeout(resolve, 5));
              sent.push(...events.map((event) => event.id));
              bySender[me]! += events.length;
            },
            5,
          );
          if (count === 0 && (await pendingEventCount(sender.db)) === 0) return;
        }
      }),
    );
    expect(sent).toHaveLength(EVENTS);
    expect(new Set(sent).size).toBe(EVENTS);
    expect(await handle.db.$count(eventOutbox, isNull(eventOutbox.sentAt))).toBe(0);
    // Really at once: the work was spread over many senders.
    expect(bySender.filter((count) => count > 0).length).toBeGreaterThan(SENDERS / 2);
  });

  it('a send that fails releases its claim: the events go again, to whichever sender comes next', async () => {
    await handle.db.insert(eventOutbox).values({ name: 'ppa/enacted', payload: { ppaId: '00000000-0000-4000-8000-00000000ffff' } });
    const failed = await sendPendingBatch(senders[0]!.db, async () => {
      throw new Error('Inngest unreachable');
    });
    expect(failed).toEqual({ sent: 0, failed: 1 });
    const received: string[] = [];
    expect(await sendPendingBatch(senders[1]!.db, async (events) => void received.push(...events.map((e) => e.name)))).toEqual({ sent: 1, failed: 0 });
    expect(received).toEqual(['ppa/enacted']);
  });
});
