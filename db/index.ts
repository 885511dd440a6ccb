import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { processSingleton, replaceProcessSingleton } from '../server/lib/process-singletons';
import { retryLostRaces } from './retry-transactions';
import { timedPglite, timedPostgres } from './statement-timing';
import * as schema from './schema';
import { environment } from '../server/lib/config';

export { schema };

/** The query builder both drivers share; nothing outside this file needs to know which one is behind it. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a service can run queries on: the database or an open transaction. */
export type Queryable = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  driver: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

export interface OpenOptions {
  /**
   * Called for every statement sent to PostgreSQL, with its parameters (benchmarks count the statements of a
   * request and replay them with postgres.js alone, as the floor a request is measured against).
   */
  onStatement?: (sql: string, parameters: readonly unknown[]) => void;
  /** PostgreSQL only: how long opening a connection may take before it fails (postgres.js waits 30 s by default). */
  connectTimeoutMs?: number;
  /**
   * PostgreSQL only: the server cancels a statement that runs longer (`statement_timeout`; 0 or unset: never).
   * Migrations run on a connection of their own without it: creating an index on a large table may take longer.
   */
  statementTimeoutMs?: number;
}

/** The app's bounds on its database (README "Configuration"): a request never waits on it for long. */
export const DEFAULT_DATABASE_TIMEOUTS = { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 } as const;

/** DATABASE_CONNECT_TIMEOUT_MS and DATABASE_STATEMENT_TIMEOUT_MS, whole milliseconds (statement 0: no limit). */
export function databaseTimeoutsFromEnv(
  env: Record<string, string | undefined> = environment(),
): Required<Pick<OpenOptions, 'connectTimeoutMs' | 'statementTimeoutMs'>> {
  const read = (name: string, fallback: number, min: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new Error(`${name} must be a whole number of milliseconds${min > 0 ? ` of at least ${min}` : ''}, not "${raw}".`);
    return Number(raw);
  };
  return {
    connectTimeoutMs: read('DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.connectTimeoutMs, 1),
    statementTimeoutMs: read('DATABASE_STATEMENT_TIMEOUT_MS', DEFAULT_DATABASE_TIMEOUTS.statementTimeoutMs, 0),
  };
}

/**
 * The longest an API request waits on the database in all before it is answered 503: a connection attempt and
 * a statement together (15 s by default), or no limit when statements have none. It is the backstop for what
 * the server's statement_timeout cannot catch: a database that stops answering on a connection already open.
 */
export function requestDeadlineMs(env: Record<string, string | undefined> = environment()): number | null {
  const { connectTimeoutMs, statementTimeoutMs } = databaseTimeoutsFromEnv(env);
  return statementTimeoutMs ? connectTimeoutMs + statementTimeoutMs : null;
}

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export function openDatabase(target: DatabaseTarget, options: OpenOptions = {}): DatabaseHandle {
  if ('url' in target) {
    // postgres.js takes its connect timeout in seconds; statement_timeout goes to the server with each connection.
    const connectTimeout = options.connectTimeoutMs === undefined ? {} : { connect_timeout: options.connectTimeoutMs / 1000 };
    const statementTimeout = options.statementTimeoutMs ? { connection: { statement_timeout: options.statementTimeoutMs } } : {};
    // drizzle's postgres.js driver already keeps numeric and date values as text.
    const client = postgres(target.url, {
      max: 10,
      onnotice: () => {},
      ...connectTimeout,
      ...statementTimeout,
      ...(options.onStatement ? { debug: (_connection: number, query: string, parameters: unknown[]) => options.onStatement!(query, parameters) } : {}),
    });
    // Every statement is timed at the driver (statement-timing.ts): /api/metrics and the slow-query log.
    const db = retryLostRaces(drizzlePostgres(timedPostgres(client), { schema }));
    const migrateWithoutStatementTimeout = async () => {
      const own = postgres(target.url, { max: 1, onnotice: () => {}, ...connectTimeout });
      try {
        await migratePostgres(drizzlePostgres(own, { schema }), { migrationsFolder });
      } finally {
        await own.end({ timeout: 5 });
      }
    };
    return {
      db: db as unknown as Database,
      driver: 'postgres',
      migrate: options.statementTimeoutMs ? migrateWithoutStatementTimeout : () => migratePostgres(db, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  let client: PGlite;
  if ('dataDir' in target) {
    mkdirSync(target.dataDir, { recursive: true });
    client = new PGlite(target.dataDir);
  } else {
    client = new PGlite();
  }
  const db = drizzlePglite(timedPglite(client), { schema });
  return {
    db: db as unknown as Database,
    driver: 'pglite',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

/** Where this process's database lives, from the environment (see README "Configuration"). */
export function databaseTargetFromEnv(env: Record<string, string | undefined> = environment()): DatabaseTarget {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { dataDir: path.resolve(env.DATA_DIR || '.data', 'pglite') };
}

/** This process's database (one per process: see server/lib/process-singletons.ts), opened from the environment on first use. */
export function getDatabase(): DatabaseHandle {
  return processSingleton('database', () => openDatabase(databaseTargetFromEnv(), databaseTimeoutsFromEnv()));
}

/** Tests put their own database in place (undefined: the next getDatabase() opens the environment's). */
export function setDatabase(handle: DatabaseHandle | undefined): void {
  replaceProcessSingleton('database', handle);
}

/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
