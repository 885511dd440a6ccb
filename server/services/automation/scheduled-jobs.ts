import type { Database } from '@/db';
import { raiseApprovalBottlenecks, raiseScheduleAlerts } from '../alerts/raise-alerts';
import { planDailyDigests } from '../notifications/digest';
import { raiseBehindPlanAlerts } from '../plans/behind-plan';
import { sendEmailsInBackground } from '../notifications/email-runner';
import { sendEmail, sendLeftoverEmails } from '../notifications/send-email';
import { failedBefore, recordJobRun, type JobRunner, type JobTrigger } from '../operations/job-runs';
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

/** The scheduled job an Inngest run belongs to: a failed part is recorded as a failed run (job-runs.ts). */
interface RecordedRun {
  job: string;
  runKey: string;
}

export function inngestSteps(db: Database, step: InngestStepTool, recorded?: RecordedRun): JobSteps {
  // Inngest hands back a part's result as JSON; every part here returns plain JSON data already.
  const part = <T>(id: string, work: () => Promise<T>) => step.run(id, recorded ? recordingFailure(db, recorded, work) : work) as Promise<T>;
  return {
    part,
    sendEmails: async (ids) => {
      for (const id of ids) await part(`send-email-${id}`, () => sendEmail(db, id));
    },
  };
}

/**
 * A part whose failure is recorded before Inngest retries it. The SDK never lets a failing part's error reach
 * the function's own code until its retries are spent (that attempt ends at the part), so this is where an
 * Inngest attempt's failure can be seen; an attempt after a failed one of the same run is a retry.
 */
function recordingFailure<T>(db: Database, run: RecordedRun, work: () => Promise<T>): () => Promise<T> {
  return async () => {
    const startedAt = new Date();
    try {
      return await work();
    } catch (error) {
      const trigger = (await failedBefore(db, run.job, run.runKey).catch(() => false)) ? 'retry' : 'schedule';
      await recordJobRun(db, {
        job: run.job,
        trigger,
        runner: 'inngest',
        runKey: run.runKey,
        startedAt,
        durationMs: Date.now() - startedAt.getTime(),
        outcome: 'failure',
        error: errorText(error),
      });
      throw error;
    }
  };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { message?: unknown } }).cause;
    return typeof cause?.message === 'string' && cause.message !== error.message ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
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

/**
 * One run of a scheduled job by the in-process scheduler (or the System page's "Run again"), recorded with its
 * outcome, duration and error (server/services/operations/job-runs.ts). The error is passed on after it is
 * recorded.
 */
export async function runRecorded(
  job: ScheduledJob,
  db: Database,
  options: { now: Date; steps: JobSteps; log: (line: string) => void; trigger: JobTrigger; runner?: JobRunner },
): Promise<unknown> {
  const startedAt = new Date();
  const record = (outcome: 'success' | 'failure', error?: string) =>
    recordJobRun(db, {
      job: job.id,
      trigger: options.trigger,
      runner: options.runner ?? 'in-process',
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      outcome,
      error,
    });
  try {
    const result = await job.run(db, options.now, options.steps, options.log);
    await record('success');
    return result;
  } catch (error) {
    await record('failure', errorText(error));
    throw error;
  }
}

/** The step tool and run id Inngest hands a function. */
export interface InngestRun {
  step: InngestStepTool;
  runId: string;
}

/**
 * One run of a scheduled job on Inngest, recorded: its start is kept as a step (so the final invocation knows
 * it), a failed part is recorded as it fails (recordingFailure), and the run's success as a step of its own,
 * a retry when an earlier attempt of the run failed.
 */
export async function runOnInngest(job: ScheduledJob, db: Database, run: InngestRun, log: (line: string) => void): Promise<unknown> {
  const startedAt = new Date((await run.step.run('job-started', async () => new Date().toISOString())) as string);
  const result = await job.run(db, new Date(), inngestSteps(db, run.step, { job: job.id, runKey: run.runId }), log);
  await run.step.run('record-run', async () => {
    const trigger = (await failedBefore(db, job.id, run.runId)) ? 'retry' : 'schedule';
    await recordJobRun(db, {
      job: job.id,
      trigger,
      runner: 'inngest',
      runKey: run.runId,
      startedAt,
      durationMs: Date.now() - startedAt.getTime(),
      outcome: 'success',
    });
    return trigger;
  });
  return result;
}
