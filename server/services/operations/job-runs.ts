import { and, desc, eq, gte, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { jobRuns } from '@/db/schema';
import { getMetrics } from '../../lib/metrics';
import { getLogger } from '../../lib/logger';
import { alertAdmins } from './admin-alerts';

export type JobTrigger = 'schedule' | 'event' | 'manual' | 'retry';
export type JobRunner = 'in-process' | 'inngest';

export interface JobRunRecord {
  job: string;
  trigger: JobTrigger;
  runner: JobRunner;
  /** Ties the attempts of one Inngest run together (its run id). */
  runKey?: string;
  startedAt: Date;
  durationMs: number;
  outcome: 'success' | 'failure';
  error?: string;
}

const MAX_ERROR_LENGTH = 2000;

/**
 * Records one run of a job (docs/operations.md): the row the System page reads, the metrics Prometheus scrapes,
 * and, for a failure, a notice to the admins (once per job per hour). A record that cannot be written is logged,
 * never thrown: the job's own outcome stands.
 */
export async function recordJobRun(db: Database, run: JobRunRecord): Promise<void> {
  const seconds = run.durationMs / 1000;
  const metrics = getMetrics();
  metrics.jobRuns.inc({ job_name: run.job, trigger: run.trigger, outcome: run.outcome });
  metrics.jobDuration.observe({ job_name: run.job, outcome: run.outcome }, seconds);
  const error = run.error === undefined ? null : run.error.slice(0, MAX_ERROR_LENGTH);
  try {
    await db.insert(jobRuns).values({ ...run, runKey: run.runKey ?? null, durationMs: Math.max(0, Math.round(run.durationMs)), error });
    if (run.outcome === 'failure') {
      const hour = run.startedAt.toISOString().slice(0, 13);
      await alertAdmins(db, {
        key: `job-failed:${run.job}:${hour}`,
        title: `Background job “${run.job}” failed`,
        body: `${error ?? 'No error message.'}\n\nThe System page shows its runs and can run it again.`,
      });
    }
  } catch (recordError) {
    getLogger().error({ err: recordError, job: run.job, outcome: run.outcome }, 'could not record a job run');
  }
}

/** Whether an earlier attempt of this Inngest run failed: the next attempt is then a retry. */
export async function failedBefore(db: Database, job: string, runKey: string): Promise<boolean> {
  const [row] = await db
    .select({ id: jobRuns.id })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.runKey, runKey), eq(jobRuns.outcome, 'failure')))
    .limit(1);
  return row !== undefined;
}

export interface JobSummary {
  job: string;
  day: { runs: number; successes: number; rate: number | null };
  week: { runs: number; successes: number; rate: number | null };
  lastRun: { startedAt: Date; outcome: 'success' | 'failure'; durationMs: number; trigger: string } | null;
}

/** Success rate per job over the last 24 hours and 7 days, and its last run; every job named, run or not. */
export async function summariseJobs(db: Database, jobs: readonly string[], now: Date = new Date()): Promise<JobSummary[]> {
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const dayAgo = sql`${new Date(now.getTime() - 86_400_000).toISOString()}::timestamptz`;
  const counts = await db
    .select({
      job: jobRuns.job,
      weekRuns: sql<number>`count(*)::int`,
      weekSuccesses: sql<number>`(count(*) filter (where ${jobRuns.outcome} = 'success'))::int`,
      dayRuns: sql<number>`(count(*) filter (where ${jobRuns.startedAt} >= ${dayAgo}))::int`,
      daySuccesses: sql<number>`(count(*) filter (where ${jobRuns.startedAt} >= ${dayAgo} and ${jobRuns.outcome} = 'success'))::int`,
    })
    .from(jobRuns)
    .where(gte(jobRuns.startedAt, weekAgo))
    .groupBy(jobRuns.job);
  const last = await db
    .selectDistinctOn([jobRuns.job], {
      job: jobRuns.job,
      startedAt: jobRuns.startedAt,
      outcome: jobRuns.outcome,
      durationMs: jobRuns.durationMs,
      trigger: jobRuns.trigger,
    })
    .from(jobRuns)
    .orderBy(jobRuns.job, desc(jobRuns.startedAt));
  const names = [...new Set([...jobs, ...counts.map((c) => c.job)])];
  const rate = (successes: number, runs: number) => (runs === 0 ? null : successes / runs);
  return names.map((job) => {
    const c = counts.find((row) => row.job === job);
    const l = last.find((row) => row.job === job);
    return {
      job,
      day: { runs: c?.dayRuns ?? 0, successes: c?.daySuccesses ?? 0, rate: rate(c?.daySuccesses ?? 0, c?.dayRuns ?? 0) },
      week: { runs: c?.weekRuns ?? 0, successes: c?.weekSuccesses ?? 0, rate: rate(c?.weekSuccesses ?? 0, c?.weekRuns ?? 0) },
      lastRun: l ? { startedAt: l.startedAt, outcome: l.outcome, durationMs: l.durationMs, trigger: l.trigger } : null,
    };
  });
}

/** The latest runs and the latest failures (with their errors), newest first. */
export async function recentJobRuns(db: Database, options: { failuresOnly?: boolean; limit?: number } = {}) {
  return db
    .select()
    .from(jobRuns)
    .where(options.failuresOnly ? eq(jobRuns.outcome, 'failure') : undefined)
    .orderBy(desc(jobRuns.startedAt))
    .limit(options.limit ?? 20);
}
