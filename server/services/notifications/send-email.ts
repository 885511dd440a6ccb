import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { getMetrics } from '../../lib/metrics';
import type { Database } from '@/db';
import { emailDeliveries, notificationPreferences, notifications, users } from '@/db/schema';
import { digestEmail, getsDailyDigest, notificationEmail, type RenderedEmail } from '../../domain/notifications';
import type { NotificationKind, SignedInViewer } from '../../domain/types';
import { configuredAppOrigin } from '../../lib/app-origin';
import { digestQueue } from './digest-queue';
import { getMailer, type Mailer } from './mailer';

export type SendOutcome =
  /** Handed to the mail server (or the log) just now. */
  | 'sent'
  /** Sent before: a redelivery, a retry after success. */
  | 'already_sent'
  /** Another sender claimed this attempt. */
  | 'taken'
  /** No longer due (person deactivated, email switched off, nothing waits any more): the delivery is dropped. */
  | 'not_due';

export interface SendOptions {
  mailer?: Mailer;
  now?: Date;
  origin?: string;
}

async function emailSwitchedOff(db: Database, userId: string, kind: NotificationKind): Promise<boolean> {
  const [row] = await db
    .select({ on: notificationPreferences.emailEnabled })
    .from(notificationPreferences)
    .where(and(eq(notificationPreferences.userId, userId), eq(notificationPreferences.kind, kind)));
  return row?.on === false;
}

/** The message, written now: a notification's from its row; a digest from what waits on the person now. */
async function messageFor(
  db: Database,
  delivery: { notificationId: string | null; deliveryKey: string },
  recipient: SignedInViewer,
  now: Date,
  origin: string,
): Promise<RenderedEmail | null> {
  if (delivery.notificationId) {
    const [notification] = await db.select().from(notifications).where(eq(notifications.id, delivery.notificationId));
    if (!notification || (await emailSwitchedOff(db, recipient.userId, notification.kind))) return null;
    return notificationEmail(notification, origin);
  }
  if (!delivery.deliveryKey.startsWith('digest:') || !getsDailyDigest(recipient.role) || (await emailSwitchedOff(db, recipient.userId, 'daily_digest')))
    return null;
  const waiting = await digestQueue({ db, viewer: recipient, now });
  return waiting.length === 0 ? null : digestEmail(recipient.name, waiting, now, origin);
}

/**
 * An attempt in progress is marked on its row, `last_error` = "sending since <time>" (the column says why the
 * email is not sent yet): another sender (a retry, the sweep, another instance) leaves the row alone until the
 * attempt ends, or until the mark is older than any attempt can take (a sender that died mid-send).
 */
const SENDING = 'sending since ';
const SENDING_LEASE = sql.raw(`interval '10 minutes'`);
// A CASE, not an OR: its order is kept, so only a "sending since" mark is ever read as a time.
const notBeingSent = sql`(case when ${emailDeliveries.lastError} is null then true when left(${emailDeliveries.lastError}, ${SENDING.length}) <> ${SENDING} then true else substr(${emailDeliveries.lastError}, ${SENDING.length + 1})::timestamptz < now() - ${SENDING_LEASE} end)`;

/**
 * Sends one email delivery, at most once: a delivery already sent is left alone, and an attempt is claimed on
 * the row in one statement (above), so two senders never send the same email at once. A failure is recorded on
 * the row and thrown, for the caller to try again later (Inngest's retries, or the in-process runner's
 * backoff); it never touches the change that caused the email.
 */
export async function sendEmail(db: Database, deliveryId: string, options: SendOptions = {}): Promise<SendOutcome> {
  const [delivery] = await db
    .select({
      id: emailDeliveries.id,
      deliveryKey: emailDeliveries.deliveryKey,
      notificationId: emailDeliveries.notificationId,
      toAddress: emailDeliveries.toAddress,
      sentAt: emailDeliveries.sentAt,
      recipient: {
        userId: users.id,
        role: users.role,
        moaId: users.moaId,
        name: sql<string>`coalesce(${users.name}, ${users.email})`,
        deactivatedAt: users.deactivatedAt,
      },
    })
    .from(emailDeliveries)
    .innerJoin(users, eq(users.id, emailDeliveries.recipientId))
    .where(eq(emailDeliveries.id, deliveryId));
  if (!delivery) return 'not_due';
  if (delivery.sentAt) return 'already_sent';
  const claimed = await db
    .update(emailDeliveries)
    .set({ attempts: sql`${emailDeliveries.attempts} + 1`, lastError: sql`${SENDING} || now()::text` })
    .where(and(eq(emailDeliveries.id, deliveryId), isNull(emailDeliveries.sentAt), notBeingSent))
    .returning({ id: emailDeliveries.id });
  if (claimed.length === 0) return 'taken';

  const { deactivatedAt, ...recipient } = delivery.recipient;
  const message = deactivatedAt ? null : await messageFor(db, delivery, recipient, options.now ?? new Date(), options.origin ?? configuredAppOrigin());
  if (!message) {
    await db.delete(emailDeliveries).where(eq(emailDeliveries.id, deliveryId));
    return 'not_due';
  }
  try {
    await (options.mailer ?? getMailer()).send({ to: delivery.toAddress, ...message });
  } catch (error) {
    getMetrics().emailDeliveries.inc({ outcome: 'failed' });
    await db
      .update(emailDeliveries)
      .set({ lastError: String(error).slice(0, 1000) })
      .where(eq(emailDeliveries.id, deliveryId));
    throw error;
  }
  getMetrics().emailDeliveries.inc({ outcome: 'sent' });
  await db.update(emailDeliveries).set({ sentAt: new Date(), lastError: null }).where(eq(emailDeliveries.id, deliveryId));
  return 'sent';
}

/** Past this, an unsent email is no longer news; the sweep leaves it. */
const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
/** Younger than this, an unsent email may still be in some sender's hands (its retries); the sweep waits. */
export const SWEEP_AFTER_MS = 3 * 60 * 60 * 1000;

/**
 * Emails left unsent (every retry failed, or the process stopped before sending), from the last week: tried
 * once more each by the daily 07:00 job. Returns how many went.
 */
export async function sendLeftoverEmails(db: Database, now: Date, options: SendOptions = {}): Promise<{ sent: number; failed: number }> {
  const leftovers = await db
    .select({ id: emailDeliveries.id })
    .from(emailDeliveries)
    .where(
      and(
        isNull(emailDeliveries.sentAt),
        lt(emailDeliveries.createdAt, new Date(now.getTime() - SWEEP_AFTER_MS)),
        gt(emailDeliveries.createdAt, new Date(now.getTime() - STALE_AFTER_MS)),
      ),
    )
    .orderBy(emailDeliveries.createdAt);
  const counts = { sent: 0, failed: 0 };
  for (const { id } of leftovers) {
    try {
      if ((await sendEmail(db, id, { ...options, now })) === 'sent') counts.sent += 1;
    } catch {
      counts.failed += 1;
    }
  }
  return counts;
}
