import type { Database } from '@/db';
import { getLogger } from '../../lib/logger';
import { sendEmail } from './send-email';

/**
 * With no Inngest server, emails are sent here, in the background: the request that made the change has
 * answered already, and a mail server that is down is tried again after each of these delays (about two and a
 * half hours in all). After the last, the email waits for the 07:00 job's sweep (sendLeftoverEmails).
 */
export const EMAIL_RETRY_DELAYS_MS: readonly number[] = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];

// Plain module state: each module copy runs the sends it started (see server/lib/process-singletons.ts).
let retryDelays: readonly number[] = EMAIL_RETRY_DELAYS_MS;
const running = new Set<Promise<void>>();

/** Tests shorten the backoff; undefined: back to EMAIL_RETRY_DELAYS_MS. */
export function setEmailRetryDelays(delays: readonly number[] | undefined): void {
  retryDelays = delays ?? EMAIL_RETRY_DELAYS_MS;
}

async function sendWithRetries(db: Database, deliveryId: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await sendEmail(db, deliveryId);
      return;
    } catch (error) {
      const delay = retryDelays[attempt];
      if (delay === undefined) {
        getLogger().error({ deliveryId, attempts: attempt + 1, err: String(error) }, 'email not sent; the 07:00 job tries it again');
        return;
      }
      getLogger().warn({ deliveryId, attempt: attempt + 1, retryInMs: delay, err: String(error) }, 'email not sent yet; trying again');
      // unref: a pending retry does not keep a stopping process alive (the sweep picks the email up later).
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}

/** Sends each delivery in the background, retrying with backoff; returns at once. */
export function sendEmailsInBackground(db: Database, deliveryIds: readonly string[]): void {
  for (const id of deliveryIds) {
    const job = sendWithRetries(db, id);
    running.add(job);
    void job.finally(() => running.delete(job));
  }
}

/** Resolves once every background send started here has finished (sent, or given up). */
export async function emailSendsSettled(): Promise<void> {
  while (running.size > 0) await Promise.allSettled([...running]);
}
