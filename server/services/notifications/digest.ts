import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '@/db';
import { emailDeliveries, notificationPreferences, users } from '@/db/schema';
import { digestDeliveryKey, digestSubject, getsDailyDigest } from '../../domain/notifications';
import { USER_ROLES } from '../../domain/types';
import { digestQueue } from './digest-queue';

/**
 * The morning's digests: one email delivery for each reviewer and executive on whom something waits (their
 * review queue, oldest first), unless they switched the digest off. One per person per Manila day, held by the
 * delivery key, so a second run the same day adds nothing. Returns the day's digests not yet sent.
 */
export async function planDailyDigests(db: Database, now: Date): Promise<string[]> {
  const roles = USER_ROLES.filter(getsDailyDigest);
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, moaId: users.moaId })
    .from(users)
    .where(and(inArray(users.role, roles), isNull(users.deactivatedAt)))
    .orderBy(users.email);
  if (people.length === 0) return [];
  const switchedOff = await db
    .select({ userId: notificationPreferences.userId })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.kind, 'daily_digest'), eq(notificationPreferences.emailEnabled, false)));
  const off = new Set(switchedOff.map((s) => s.userId));
  const keys: string[] = [];
  for (const person of people) {
    if (off.has(person.id)) continue;
    const waiting = await digestQueue({ db, viewer: { userId: person.id, role: person.role, moaId: person.moaId, name: person.name ?? person.email }, now });
    if (waiting.length === 0) continue;
    const deliveryKey = digestDeliveryKey(person.id, now);
    keys.push(deliveryKey);
    await db
      .insert(emailDeliveries)
      .values({
        deliveryKey,
        recipientId: person.id,
        toAddress: person.email,
        subject: digestSubject(waiting.length, now, waiting.filter((w) => w.modification).length),
      })
      .onConflictDoNothing();
  }
  if (keys.length === 0) return [];
  const unsent = await db
    .select({ id: emailDeliveries.id })
    .from(emailDeliveries)
    .where(and(inArray(emailDeliveries.deliveryKey, keys), isNull(emailDeliveries.sentAt)))
    .orderBy(emailDeliveries.deliveryKey);
  return unsent.map((u) => u.id);
}
