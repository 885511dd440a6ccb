import type { Database } from '@/db';
import { AppError } from '../../errors';
import { getLogger } from '../../lib/logger';
import { inProcessSteps, runRecorded, SCHEDULED_JOBS } from './scheduled-jobs';

/**
 * The System page's "Run again": the job runs now in this instance, in the background (a digest may take a
 * while; the page shows its run when it is recorded). After a failure it is recorded as a retry, otherwise as
 * a manual run. It runs here whichever scheduler normally runs it: every job is safe to run twice (each keeps
 * its own "once" in the database: one digest per person and day, one alert per item).
 */
export function runJobAgain(db: Database, options: { job: string; afterFailure: boolean }): { started: string } {
  const job = SCHEDULED_JOBS.find((j) => j.id === options.job);
  if (!job) throw AppError.badField('job', `There is no background job “${options.job}”.`);
  const log = (line: string) => getLogger().info({ job: job.id }, line);
  const trigger = options.afterFailure ? 'retry' : 'manual';
  void runRecorded(job, db, { now: new Date(), steps: inProcessSteps(db), log, trigger }).catch((error: unknown) =>
    getLogger().warn({ err: error, job: job.id }, 'background job run from the System page failed'),
  );
  return { started: job.id };
}

/** The ids of the scheduled jobs (the System page lists each, run or not). */
export function scheduledJobIds(): string[] {
  return SCHEDULED_JOBS.map((job) => job.id);
}
