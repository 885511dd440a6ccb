import type { Database } from '@/db';
import { nextManilaTime } from '../../domain/schedule';
import { raiseApprovalBottlenecks } from '../alerts/raise-alerts';
import { OUTBOX_RESEND_MS } from '../events/outbox-resend';
import { publishAfterCommit } from '../events/publish';
import { syncAllTrackedPpas } from './automation-jobs';

export const NIGHTLY_SYNC_HOUR = 2;
export const BOTTLENECK_CHECK_HOUR = 6;

/**
 * The scheduled jobs when no Inngest server runs them: the same two jobs as the Inngest crons, at the
 * same Manila hours, plus a periodic re-send of the outbox. Returns a stop function (for shutdown) that
 * waits for a job still running.
 */
export interface SchedulerTimers {
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  setInterval: (callback: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

const realTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export function startLocalAutomation(
  db: Database,
  options: { now?: () => Date; log?: (line: string) => void; timers?: SchedulerTimers } = {},
): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? console.log;
  const clock = options.timers ?? realTimers;
  const timers = new Set<unknown>();
  const running = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    running.add(job);
    void job.finally(() => running.delete(job));
    return job;
  };

  const daily = (hour: number, job: () => Promise<unknown>) => {
    const schedule = () => {
      const timer = clock.setTimeout(async () => {
        timers.delete(timer);
        await track(job().catch((error: unknown) => log(`scheduled job failed: ${String(error)}`)));
        schedule();
      }, nextManilaTime(now(), hour).getTime() - now().getTime());
      timers.add(timer);
    };
    schedule();
  };
  daily(NIGHTLY_SYNC_HOUR, () => syncAllTrackedPpas(db, log));
  daily(BOTTLENECK_CHECK_HOUR, () => raiseApprovalBottlenecks(db, now()));
  // One re-send at a time: a slow database must not pile them up.
  let resending: Promise<unknown> | null = null;
  const retry = clock.setInterval(() => {
    resending ??= track(publishAfterCommit(db)).finally(() => (resending = null));
  }, OUTBOX_RESEND_MS);

  return async () => {
    for (const timer of timers) clock.clearTimeout(timer);
    clock.clearInterval(retry);
    await Promise.allSettled([...running]);
  };
}
