import type { Database } from '@/db';
import { planDailyDigests } from './digest';
import { sendEmailsInBackground } from './email-runner';
import { recordNotifications, type AnnouncingEvent } from './record-notifications';
import { sendLeftoverEmails } from './send-email';

/**
 * The in-process job of an announcing event (no Inngest server; server/services/events/event-jobs.ts): the
 * notifications are written now, the emails go in the background, so the change's request never waits on the
 * mail server. With Inngest, inngest/functions.ts runs the same two parts as steps, with Inngest's retries.
 */
export async function notifyInProcess(db: Database, event: AnnouncingEvent): Promise<{ notified: number; emails: number }> {
  const { notified, emails } = await recordNotifications(db, event);
  sendEmailsInBackground(db, emails);
  return { notified, emails: emails.length };
}

/** The 07:00 job in-process (local-automation.ts): plan the digests, send them in the background, sweep leftovers. */
export async function sendDailyDigestsInProcess(db: Database, now: Date): Promise<{ digests: number; leftovers: { sent: number; failed: number } }> {
  const digests = await planDailyDigests(db, now);
  sendEmailsInBackground(db, digests);
  return { digests: digests.length, leftovers: await sendLeftoverEmails(db, now) };
}
