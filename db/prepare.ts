import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from './index';
import { users } from './schema';
import { seedDemoData } from './seed/seed';

/**
 * The app's PostgreSQL advisory locks, each two int4 keys as pg_locks shows them (classid, objid; objsubid 2):
 * the app's namespace and the lock's number. The scheduler's is held by its leader (scheduler-leadership.ts).
 */
export const ADVISORY_LOCKS = { namespace: 0x50504154 /* "PPAT" */, scheduler: 1, prepare: 2 } as const;

const PREPARE_LOCK = sql`select pg_advisory_xact_lock(${ADVISORY_LOCKS.namespace}::int, ${ADVISORY_LOCKS.prepare}::int)`;

/**
 * Brings a database up to date: applies pending migrations, and on an empty database (no users yet)
 * writes the demo data, so a fresh clone needs no setup step. Several instances starting at once on one
 * PostgreSQL take turns (an advisory lock held by a transaction while the others wait): the first migrates
 * and seeds, the others find it done. PGlite is one process's, and its one connection is the migration's.
 */
export async function prepareDatabase(handle: DatabaseHandle, options: { seedIfEmpty: boolean }): Promise<{ seeded: boolean }> {
  if (handle.driver === 'pglite') return prepareNow(handle, options);
  return handle.db.transaction(async (tx) => {
    await tx.execute(PREPARE_LOCK);
    return prepareNow(handle, options);
  });
}

async function prepareNow(handle: DatabaseHandle, options: { seedIfEmpty: boolean }): Promise<{ seeded: boolean }> {
  await handle.migrate();
  if (!options.seedIfEmpty) return { seeded: false };
  const [row] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(users);
  if ((row?.count ?? 0) > 0) return { seeded: false };
  await seedDemoData(handle.db);
  return { seeded: true };
}
