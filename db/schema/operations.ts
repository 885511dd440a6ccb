import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Every run of a background job (docs/operations.md): the in-process scheduler's and Inngest's alike, so the
 * System page can show success rates and failures whichever ran it. `runKey` ties the attempts of one Inngest
 * run together (its run id), so an attempt after a failed one is told apart as a retry.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    job: text('job').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'event', 'manual', 'retry'] }).notNull(),
    runner: text('runner', { enum: ['in-process', 'inngest'] }).notNull(),
    runKey: text('run_key'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
    error: text('error'),
  },
  (t) => [
    index('job_runs_job_started_idx').on(t.job, t.startedAt.desc()),
    index('job_runs_started_idx').on(t.startedAt.desc()),
    check('job_runs_duration_non_negative', sql`${t.durationMs} >= 0`),
  ],
);

/**
 * Statements and requests that took longer than their limit, one row per normalised statement (no parameter
 * values) or route: how often, how slow, the last request id, and when admins were last told (at most hourly).
 */
export const slowOperations = pgTable(
  'slow_operations',
  {
    fingerprint: text('fingerprint').primaryKey(),
    kind: text('kind', { enum: ['query', 'request'] }).notNull(),
    statement: text('statement').notNull(),
    occurrences: integer('occurrences').notNull().default(1),
    lastMs: integer('last_ms').notNull(),
    maxMs: integer('max_ms').notNull(),
    lastRequestId: text('last_request_id'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastAlertedAt: timestamp('last_alerted_at', { withTimezone: true }),
  },
  (t) => [index('slow_operations_last_seen_idx').on(t.lastSeenAt.desc())],
);

/**
 * Maintenance mode: one row (id 1), in the database so that every instance sees the same switch. While `on`,
 * every write is refused with 503 (server/services/operations/maintenance.ts).
 */
export const maintenanceMode = pgTable(
  'maintenance_mode',
  {
    id: integer('id').primaryKey().default(1),
    on: boolean('on').notNull().default(false),
    message: text('message').notNull().default(''),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedById: text('changed_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [check('maintenance_mode_one_row', sql`${t.id} = 1`)],
);
