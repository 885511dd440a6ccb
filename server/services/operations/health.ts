import path from 'node:path';
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { rowsOf, type Queryable } from '@/db';

export interface HealthReport {
  /** 'starting': the app listens but is not serving yet (server/http/app-server.ts), whatever the database says. */
  status: 'ok' | 'unavailable' | 'starting';
  database: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
}

const defaultMigrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * The timestamps drizzle records for the migrations on disk (the journal's `when`). Read on every check, so a
 * migration added while the app runs shows as pending until it is applied.
 */
function shippedMigrations(migrationsFolder: string): number[] {
  return readMigrationFiles({ migrationsFolder }).map((m) => m.folderMillis);
}

/**
 * Whether the database answers and has every shipped migration applied, for load balancers and uptime
 * checks. A migration counts as applied when drizzle's table holds a row with its timestamp, the same test
 * drizzle's migrator makes (an applied file edited afterwards changes its hash but is not run again).
 */
export async function checkHealth(options: { db: Queryable; migrationsFolder?: string; timeoutMs?: number }): Promise<HealthReport> {
  const { db, migrationsFolder = defaultMigrationsFolder, timeoutMs = 5_000 } = options;
  const expected = shippedMigrations(migrationsFolder);
  let applied: Set<number> | null;
  try {
    applied = await withTimeout(readAppliedMigrations(db), timeoutMs);
  } catch {
    return { status: 'unavailable', database: 'unreachable', migrations: 'unknown' };
  }
  const current = applied !== null && expected.every((when) => applied.has(when));
  return current ? { status: 'ok', database: 'ok', migrations: 'current' } : { status: 'unavailable', database: 'ok', migrations: 'pending' };
}

/** The recorded migration timestamps, or null on a database that was never migrated. */
async function readAppliedMigrations(db: Queryable): Promise<Set<number> | null> {
  const [table] = rowsOf<{ present: boolean }>(await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`));
  if (!table?.present) return null;
  const rows = rowsOf<{ created_at: string | number | null }>(await db.execute(sql`select created_at from drizzle.__drizzle_migrations`));
  return new Set(rows.map((r) => Number(r.created_at)));
}

// A database that does not answer (a dropped network, a stuck connection attempt) must not hold the
// check longer than a load balancer waits for it.
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** 200 when healthy, 503 otherwise; never cached, since the answer changes from one moment to the next. */
export function healthResponse(report: HealthReport): Response {
  return Response.json(report, { status: report.status === 'ok' ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
