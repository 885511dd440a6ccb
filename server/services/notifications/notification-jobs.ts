import type { Database } from '@/db';
import { sendEmailsInBackground } from './email-runner';
import { recordNotifications, type AnnouncingEvent } from './record-notifications';

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
