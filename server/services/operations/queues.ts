import { isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { emailDeliveries, eventOutbox } from '@/db/schema';

export interface QueueFigures {
  outboxPending: number;
  outboxOldestAgeSeconds: number;
  emailPending: number;
  emailFailing: number;
}

/** The outbox and the email queue as an operator watches them: how much waits, how old, how much is failing. */
export async function queueFigures(db: Database, now: Date = new Date()): Promise<QueueFigures> {
  const [outbox] = await db
    .select({ pending: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${eventOutbox.createdAt})` })
    .from(eventOutbox)
    .where(isNull(eventOutbox.sentAt));
  const [email] = await db
    .select({ pending: sql<number>`count(*)::int`, failing: sql<number>`(count(*) filter (where ${emailDeliveries.attempts} > 0))::int` })
    .from(emailDeliveries)
    .where(isNull(emailDeliveries.sentAt));
  const oldest = outbox?.oldest ? new Date(outbox.oldest) : null;
  return {
    outboxPending: outbox?.pending ?? 0,
    outboxOldestAgeSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    emailPending: email?.pending ?? 0,
    emailFailing: email?.failing ?? 0,
  };
}
