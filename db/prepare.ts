import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from './index';
import { users } from './schema';
import { seedDemoData } from './seed/seed';

/**
 * Brings a database up to date: applies pending migrations, and on an empty database (no users yet)
 * writes the demo data, so a fresh clone needs no setup step.
 */
export async function prepareDatabase(handle: DatabaseHandle, options: { seedIfEmpty: boolean }): Promise<{ seeded: boolean }> {
  await handle.migrate();
  if (!options.seedIfEmpty) return { seeded: false };
  const [row] = await handle.db.select({ count: sql<number>`count(*)::int` }).from(users);
  if ((row?.count ?? 0) > 0) return { seeded: false };
  await seedDemoData(handle.db);
  return { seeded: true };
}
