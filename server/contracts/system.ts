import { z } from 'zod';

/** The maintenance switch as everyone's banner reads it. */
export const zMaintenanceState = z.object({ on: z.boolean(), message: z.string(), changedAt: z.string().nullable() });

export const zSetMaintenanceRequest = z.object({
  on: z.boolean(),
  message: z.string().trim().max(500, 'Keep the message under 500 characters.').optional(),
});

export const zRunJobAgainRequest = z.object({
  job: z.string().min(1, 'Name the job to run.').max(100),
  afterFailure: z.boolean().default(false),
});

const zRate = z.object({ runs: z.number().int(), successes: z.number().int(), rate: z.number().nullable() });

const zJobRun = z.object({
  id: z.string(),
  job: z.string(),
  trigger: z.enum(['schedule', 'event', 'manual', 'retry']),
  runner: z.enum(['in-process', 'inngest']),
  runKey: z.string().nullable(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  outcome: z.enum(['success', 'failure']),
  error: z.string().nullable(),
});

/** Everything /admin/system shows. */
export const zSystemStatus = z.object({
  jobs: z.array(
    z.object({
      job: z.string(),
      day: zRate,
      week: zRate,
      lastRun: z.object({ startedAt: z.string(), outcome: z.enum(['success', 'failure']), durationMs: z.number().int(), trigger: z.string() }).nullable(),
    }),
  ),
  lastRuns: z.array(zJobRun),
  failures: z.array(zJobRun),
  queues: z.object({ outboxPending: z.number(), outboxOldestAgeSeconds: z.number(), emailPending: z.number(), emailFailing: z.number() }),
  slow: z.array(
    z.object({
      fingerprint: z.string(),
      kind: z.enum(['query', 'request']),
      statement: z.string(),
      occurrences: z.number().int(),
      lastMs: z.number().int(),
      maxMs: z.number().int(),
      lastRequestId: z.string().nullable(),
      firstSeenAt: z.string(),
      lastSeenAt: z.string(),
      lastAlertedAt: z.string().nullable(),
    }),
  ),
  maintenance: zMaintenanceState,
  running: z.object({ version: z.string(), node: z.string(), migrations: z.object({ applied: z.string().nullable(), pending: z.number().int() }) }),
});
