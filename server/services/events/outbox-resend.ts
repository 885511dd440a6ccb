import type { Database } from '@/db';
import { publishAfterCommit } from './publish';

/** How often the outbox is sent again: what a failed send (Inngest unreachable, a job that threw) left behind. */
export const OUTBOX_RESEND_MS = 60_000;

export interface IntervalTimers {
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

const realTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

/**
 * Sends what the outbox still holds every `everyMs` (server/main.ts, when Inngest runs the jobs; with no
 * Inngest server, the in-process automation re-sends on its own schedule). Returns the stop function.
 */
export function startOutboxResend(db: Database, options: { everyMs?: number; timers?: IntervalTimers } = {}): () => void {
  const timers = options.timers ?? realTimers;
  const handle = timers.setInterval(() => void publishAfterCommit(db), options.everyMs ?? OUTBOX_RESEND_MS);
  return () => timers.clearInterval(handle);
}
