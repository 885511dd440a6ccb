import type { Database } from '@/db';
import { raiseApprovalBottlenecks, raiseScheduleAlerts } from '../alerts/raise-alerts';
import { planDailyDigests } from '../notifications/digest';
import { raiseBehindPlanAlerts } from '../plans/behind-plan';
import { sendEmailsInBackground } from '../notifications/email-runner';
import { sendEmail, sendLeftoverEmails } from '../notifications/send-email';
import { syncAllTrackedPpas } from './automation-jobs';

/**
 * How a job's parts run. Under Inngest each part is a step (memoised, retried on its own) and each email a step
 * of its own; in-process (no Inngest server) a part just runs, and emails go in the background so a mail
 * server that is down never holds the schedule (email-runner.ts retries them).
 */
export interface JobSteps {
  part<T>(id: string, work: () => Promise<T>): Promise<T>;
  sendEmails(deliveryIds: readonly string[]): Promise<void>;
}

export function inProcessSteps(db: Database): JobSteps {
  return {
    part: (_id, work) => work(),
    sendEmails: async (ids) => sendEmailsInBackground(db, ids),
  };
}

/** The step runner Inngest hands a function: the one method of it a job uses. */
export interface InngestStepTool {
  run<T>(id: string, work: () => Promise<T>): Promise<unknown>;
}

export function inngestSteps(db: Database, step: InngestStepTool): JobSteps {
  // Inngest hands back a part's result as JSON; every part here returns plain JSON data already.
  const part = <T>(id: string, work: () => Promise<T>) => step.run(id, work) as Promise<T>;
  return {
    part,
    sendEmails: async (ids) => {
      for (const id of ids) await part(`send-email-${id}`, () => sendEmail(db, id));
    },
  };
}

export interface ScheduledJob {
  /** The Inngest function's id. */
  id: string;
  /** How the in-process scheduler's log names it. */
  title: string;
  /** It runs daily at this hour, Asia/Manila. */
  manilaHour: number;
  /** Inngest's retries after a failed step (in-process, the next day's run is the retry). */
  retries: number;
  run(db: Database, now: Date, steps: JobSteps, log: (line: string) => void): Promise<unknown>;
}

/**
 * The scheduled jobs: the one table from which both the Inngest functions (inngest/functions.ts) and the
 * in-process scheduler (local-automation.ts) are built, so a job's hour and parts are written once.
 */
export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    id: 'nightly-progress-sync',
    title: 'nightly sync',
    manilaHour: 2,
    retries: 2,
    // Re-sync progress and status of every tracked PPA from its work items.
    run: (db, _now, steps, log) => steps.part('sync-all-tracked-ppas', () => syncAllTrackedPpas(db, log)),
  },
  {
    id: 'daily-approval-bottlenecks',
    title: 'bottleneck check',
    manilaHour: 6,
    retries: 2,
    // PPAs waiting in review more than 7 / 14 days; then underspending and missed milestones, a part of its own
    // so a retry does not run the first again.
    run: async (db, now, steps) => ({
      bottlenecks: await steps.part('raise-approval-bottlenecks', () => raiseApprovalBottlenecks(db, now)),
      schedule: await steps.part('raise-schedule-alerts', () => raiseScheduleAlerts(db, now)),
      // After a quarter closes: obligations and indicators against the plans, once per PPA and quarter.
      behindPlan: await steps.part('raise-behind-plan-alerts', () => raiseBehindPlanAlerts(db, now)),
    }),
  },
  {
    id: 'daily-review-digest',
    title: 'daily digest',
    // In the inbox before the working day starts.
    manilaHour: 7,
    retries: 6,
    // Each reviewer's and executive's digest of what waits on them; then the emails earlier sends left behind.
    run: async (db, now, steps) => {
      const digests = await steps.part('plan-digests', () => planDailyDigests(db, now));
      await steps.sendEmails(digests);
      const leftovers = await steps.part('send-leftover-emails', () => sendLeftoverEmails(db, now));
      return { digests: digests.length, leftovers };
    },
  },
];

export function scheduledJob(id: string): ScheduledJob {
  const job = SCHEDULED_JOBS.find((j) => j.id === id);
  if (!job) throw new Error(`no scheduled job ${id}`);
  return job;
}

/** Inngest's cron for a job's Manila hour. */
export function manilaDailyCron(hour: number): string {
  return `TZ=Asia/Manila 0 ${hour} * * *`;
}
