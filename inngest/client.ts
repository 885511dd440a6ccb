import { Inngest } from 'inngest';
import { environment } from '@/server/lib/config';

/**
 * The Inngest client. Production points it at Inngest with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (and
 * INNGEST_BASE_URL for a self-hosted server); INNGEST_DEV=1 uses a local dev server. With none of them set,
 * the app runs the same jobs in-process (see README "Background jobs").
 */
export const inngest = new Inngest({ id: 'ppa-tracker' });

export function inngestConfigured(env: Record<string, string | undefined> = environment()): boolean {
  return Boolean(env.INNGEST_EVENT_KEY || env.INNGEST_DEV || env.INNGEST_BASE_URL);
}
