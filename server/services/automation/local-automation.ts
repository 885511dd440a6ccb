import type { Database } from '@/db';
import { nextManilaTime } from '../../domain/schedule';
import { OUTBOX_RESEND_MS } from '../events/outbox-resend';
import { publishAfterCommit } from '../events/publish';
import { inProcessSteps, runRecorded, SCHEDULED_JOBS } from './scheduled-jobs';
import { soleLeadership, type SchedulerLeadership } from './scheduler-leadership';
import { getLogger } from '../../lib/logger';

/**
 * The scheduled jobs when no Inngest server runs them: the jobs of SCHEDULED_JOBS (scheduled-jobs.ts), the
 * table the Inngest crons are built from too, at their Manila hours, plus a periodic re-send of the outbox. Returns a stop function (for shutdown) that
 * waits for a job still running and gives up the leadership.
 *
 * With several instances on one database, every instance keeps the schedule but a job that falls due runs
 * only on the leader (`leadership`, scheduler-leadership.ts), so it runs once per deployment. The outbox
 * re-send runs everywhere: sending claims its events (outbox.ts), so each is sent once.
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
  options: { now?: () => Date; log?: (line: string) => void; timers?: SchedulerTimers; leadership?: SchedulerLeadership } = {},
): () => Promise<void> {
  const now = options.now ?? (() => new Date());
  const leadership = options.leadership ?? soleLeadership;
  const log = options.log ?? ((line: string) => getLogger().info(line));
  const clock = options.timers ?? realTimers;
  const timers = new Set<unknown>();
  const running = new Set<Promise<unknown>>();
  const track = (job: Promise<unknown>) => {
    running.add(job);
    void job.finally(() => running.delete(job));
    return job;
  };

  /** Runs the job if this instance leads (asked when it falls due: a leader that died is replaced right then). */
  const runIfLeading = async (name: string, job: () => Promise<unknown>) => {
    if (!(await leadership.lead())) return log(`scheduled job ${name}: left to the leading instance`);
    log(`scheduled job ${name}: running`);
    await job();
  };
  const daily = (hour: number, job: () => Promise<unknown>, name: string) => {
    const schedule = () => {
      const timer = clock.setTimeout(
        async () => {
          timers.delete(timer);
          await track(runIfLeading(name, job).catch((error: unknown) => log(`scheduled job failed: ${String(error)}`)));
          schedule();
        },
        nextManilaTime(now(), hour).getTime() - now().getTime(),
      );
      timers.add(timer);
    };
    schedule();
  };
  const steps = inProcessSteps(db);
  // Each run is recorded (outcome, duration, error) for the System page and the metrics.
  for (const job of SCHEDULED_JOBS) daily(job.manilaHour, () => runRecorded(job, db, { now: now(), steps, log, trigger: 'schedule' }), job.title);
  // One re-send at a time: a slow database must not pile them up.
  let resending: Promise<unknown> | null = null;
  const retry = clock.setInterval(() => {
    resending ??= track(publishAfterCommit(db)).finally(() => (resending = null));
  }, OUTBOX_RESEND_MS);

  return async () => {
    for (const timer of timers) clock.clearTimeout(timer);
    clock.clearInterval(retry);
    await Promise.allSettled([...running]);
    await leadership.close();
  };
}
