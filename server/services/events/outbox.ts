import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { eventOutbox } from '@/db/schema';
import type { AppEvent } from '../../events';
import { processSingleton } from '../../process-singletons';

/** Writes an event in the same transaction as the change it announces; it is sent after the commit. */
export async function enqueueEvent(tx: Queryable, event: AppEvent): Promise<void> {
  await tx.insert(eventOutbox).values({ name: event.name, payload: event.data });
}

export type SendableEvent = AppEvent & { id: string };
export type EventSender = (events: SendableEvent[]) => Promise<void>;

/**
 * Sends every unsent event in the outbox, oldest first, and marks them sent. A send that fails leaves them
 * unsent, with the error and the attempt counted, to go again on the next call: nothing is lost.
 * Sending happens outside any transaction (the in-process sender runs jobs that open their own, and PGlite
 * has one connection). Calls in one process queue behind each other; across processes an event may go
 * twice, which is harmless: its id is the outbox row's, which Inngest deduplicates, and every job is
 * idempotent.
 */
export function publishPendingEvents(db: Database, send: EventSender, limit = 100): Promise<{ sent: number; failed: number }> {
  // One queue per process, whichever module copy calls (see server/process-singletons.ts).
  const queue = processSingleton('outbox-queue', (): { tail: Promise<unknown> } => ({ tail: Promise.resolve() }));
  const run = queue.tail.then(() => publishOnce(db, send, limit));
  queue.tail = run.catch(() => undefined);
  return run;
}

async function publishOnce(db: Database, send: EventSender, limit: number): Promise<{ sent: number; failed: number }> {
  const pending = await db.select().from(eventOutbox).where(isNull(eventOutbox.sentAt)).orderBy(asc(eventOutbox.createdAt)).limit(limit);
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
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(eventOutbox).where(isNull(eventOutbox.sentAt));
  return row?.n ?? 0;
}
