import { asc, inArray, is, isNull, sql } from 'drizzle-orm';
import { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database, Queryable } from '@/db';
import { eventOutbox } from '@/db/schema';
import type { AppEvent } from '../../contracts/events';
import { processSingleton } from '../../lib/process-singletons';

/** Writes an event in the same transaction as the change it announces; it is sent after the commit. */
export async function enqueueEvent(tx: Queryable, event: AppEvent): Promise<void> {
  await tx.insert(eventOutbox).values({ name: event.name, payload: event.data });
}

export type SendableEvent = AppEvent & { id: string };
export type EventSender = (events: SendableEvent[]) => Promise<void>;

/**
 * Sends every unsent event in the outbox, oldest first, and marks them sent. A send that fails leaves them
 * unsent, with the error and the attempt counted, to go again on the next call: nothing is lost.
 * Calls in one process queue behind each other; several processes (instances) each send what they claimed
 * (sendPendingBatch), so each event is sent once. Only a sender that dies mid-send leaves its events to go
 * again, which is harmless: the id is the outbox row's, which Inngest deduplicates, and every job is idempotent.
 */
export function publishPendingEvents(db: Database, send: EventSender, limit = 100): Promise<{ sent: number; failed: number }> {
  // One queue per process, whichever module copy calls (see server/lib/process-singletons.ts).
  const queue = processSingleton('outbox-queue', (): { tail: Promise<unknown> } => ({ tail: Promise.resolve() }));
  const run = queue.tail.then(() => sendPendingBatch(db, send, limit));
  queue.tail = run.catch(() => undefined);
  return run;
}

/**
 * Claims up to `limit` unsent events and sends them. On PostgreSQL the claim is a row lock (FOR UPDATE SKIP
 * LOCKED) held by a transaction until they are marked sent: another sender, in this process or another
 * instance, skips them meanwhile and takes the next ones. The in-process sender's jobs open their own
 * transactions on other connections of the pool. PGlite is one process with one connection, which those jobs
 * need while the events are sent: there no transaction is held, and the queue above is the claim.
 */
export function sendPendingBatch(db: Database, send: EventSender, limit = 100): Promise<{ sent: number; failed: number }> {
  if (is(db, PgliteDatabase)) return sendBatch(db, send, limit, false);
  return db.transaction((tx) => sendBatch(tx, send, limit, true));
}

async function sendBatch(db: Queryable, send: EventSender, limit: number, claim: boolean): Promise<{ sent: number; failed: number }> {
  const unsent = db.select().from(eventOutbox).where(isNull(eventOutbox.sentAt)).orderBy(asc(eventOutbox.createdAt)).limit(limit);
  const pending = await (claim ? unsent.for('update', { skipLocked: true }) : unsent);
  if (pending.length === 0) return { sent: 0, failed: 0 };
  const ids = pending.map((p) => p.id);
  try {
    await send(pending.map((p) => ({ id: p.id, name: p.name, data: p.payload }) as SendableEvent));
  } catch (error) {
    await db
      .update(eventOutbox)
      .set({ attempts: sql`${eventOutbox.attempts} + 1`, lastError: String(error).slice(0, 1000) })
      .where(inArray(eventOutbox.id, ids));
    return { sent: 0, failed: pending.length };
  }
  await db
    .update(eventOutbox)
    .set({ sentAt: new Date(), attempts: sql`${eventOutbox.attempts} + 1`, lastError: null })
    .where(inArray(eventOutbox.id, ids));
  return { sent: pending.length, failed: 0 };
}

/** How many events still wait to be sent. */
export async function pendingEventCount(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(eventOutbox)
    .where(isNull(eventOutbox.sentAt));
  return row?.n ?? 0;
}
