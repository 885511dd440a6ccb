import { environment } from '../../lib/config';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@/db';
import { scheduledJobIds } from '../automation/run-again';
import { recentJobRuns, summariseJobs } from './job-runs';
import { getMaintenance } from './maintenance';
import { queueFigures } from './queues';
import { listSlowOperations } from './slow-operations';

/** What this instance runs: the app's version (APP_VERSION, else package.json's) and the Node.js version. */
export function runningVersion(env: Record<string, string | undefined> = environment()): { version: string; node: string } {
  let version = env.APP_VERSION?.trim();
  if (!version) {
    try {
      version = (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      version = 'unknown';
    }
  }
  return { version, node: process.version };
}

/** The newest migration applied to the database, and how many shipped ones are not (0 when current). */
export async function migrationLevel(
  db: Database,
  migrationsFolder = path.join(process.cwd(), 'db', 'migrations'),
): Promise<{ applied: string | null; pending: number }> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  const rows = rowsOf<{ created_at: string | number }>(await db.execute(sql`select created_at from drizzle.__drizzle_migrations`));
  const applied = new Set(rows.map((r) => Number(r.created_at)));
  const done = journal.entries.filter((e) => applied.has(e.when));
  return { applied: done.at(-1)?.tag ?? null, pending: journal.entries.length - done.length };
}

/** Everything the admin's System page shows, in one read. */
export async function systemStatus(db: Database, now: Date = new Date()) {
  const [jobs, lastRuns, failures, queues, slow, maintenance, migrations] = await Promise.all([
    summariseJobs(db, scheduledJobIds(), now),
    recentJobRuns(db, { limit: 15 }),
    recentJobRuns(db, { failuresOnly: true, limit: 10 }),
    queueFigures(db, now),
    listSlowOperations(db, 15),
    getMaintenance(db),
    migrationLevel(db),
  ]);
  return isoDates({ jobs, lastRuns, failures, queues, slow, maintenance, running: { ...runningVersion(), migrations } });
}

/** A value with each Date as its ISO string, as it crosses JSON (the API has no date transformer). */
export type IsoDates<T> = T extends Date ? string : T extends (infer U)[] ? IsoDates<U>[] : T extends object ? { [K in keyof T]: IsoDates<T[K]> } : T;

export function isoDates<T>(value: T): IsoDates<T> {
  if (value instanceof Date) return value.toISOString() as IsoDates<T>;
  if (Array.isArray(value)) return value.map((item) => isoDates(item)) as IsoDates<T>;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isoDates(v)])) as IsoDates<T>;
  return value as IsoDates<T>;
}

export type SystemStatus = Awaited<ReturnType<typeof systemStatus>>;
