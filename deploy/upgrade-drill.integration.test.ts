import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../db/backup';
import { rowsOf } from '../db';
import { ppas } from '../db/schema';
import { MAINTENANCE_CACHE_MS, setMaintenance } from '../server/services/operations/maintenance';
import { createSeededTestDatabase, type TestDatabase } from '../test/database';
import { startOpsInstance, type OpsInstance } from '../test/ops-server';
import { demoApiToken } from '../test/viewers';

/**
 * docs/deploy.md's upgrade and rollback procedures, walked on PostgreSQL with two app instances serving one
 * database: backup, maintenance on (both instances refuse writes, reads go on), migrate under it, restart the
 * instances one at a time (the other keeps serving), smoke test, maintenance off (writes work on both); then the
 * rollback: maintenance on, stop, restore the backup, start the previous version, smoke test. The "new version"
 * is this one's migrations plus one more (a column), in a folder of its own.
 */
let handle: TestDatabase;
let token: string;
let work: string;
let oldMigrations: string;
let newMigrations: string;
const running = new Set<OpsInstance>();

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  expect(handle.url, 'the upgrade drill needs PostgreSQL (TEST_DATABASE_URL or 127.0.0.1:5432)').toBeDefined();
  token = await demoApiToken(handle.db, 'planner@example.org');
  work = mkdtempSync(path.join(tmpdir(), 'ppa-upgrade-'));
  oldMigrations = path.join(process.cwd(), 'db', 'migrations');
  newMigrations = path.join(work, 'migrations');
  cpSync(oldMigrations, newMigrations, { recursive: true });
  const journalFile = path.join(newMigrations, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as {
    entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
  };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_upgrade_drill' });
  writeFileSync(journalFile, JSON.stringify(journal));
  writeFileSync(path.join(newMigrations, '9999_upgrade_drill.sql'), 'ALTER TABLE "ppas" ADD COLUMN "drill_note" text;');
});

afterAll(async () => {
  for (const instance of running) await instance.close();
  await handle?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function start(migrationsFolder: string): Promise<OpsInstance> {
  const instance = await startOpsInstance(handle.db, {}, { migrationsFolder });
  running.add(instance);
  return instance;
}
async function stop(instance: OpsInstance): Promise<void> {
  running.delete(instance);
  await instance.close();
}

const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
const health = async (i: OpsInstance) => {
  const res = await fetch(`${i.url}/api/health`);
  return { status: res.status, body: await res.json() };
};
const read = async (i: OpsInstance) => (await fetch(`${i.url}/api/v1/ppas?q=Livelihood`, { headers: auth() })).status;
const write = async (i: OpsInstance, title: string) => {
  const res = await fetch(`${i.url}/api/v1/ppas`, {
    method: 'POST',
    headers: auth(),
    body: JSON.stringify({ title, category: 'project', sector: 'social', fiscalYear: 2026, budgetCeiling: '1000.00', budgetAllocation: '500.00' }),
  });
  return { status: res.status, body: (await res.json()) as { code?: string } };
};
/** What every instance sees once its cached maintenance switch has expired. */
const settle = () => new Promise((r) => setTimeout(r, MAINTENANCE_CACHE_MS + 200));

async function migrateTo(folder: string): Promise<void> {
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(client), { migrationsFolder: folder });
  } finally {
    await client.end({ timeout: 5 });
  }
}

describe('upgrade and rollback drill (docs/deploy.md), two instances on PostgreSQL', () => {
  it('walks the upgrade, then the rollback', async () => {
    let a = await start(oldMigrations);
    let b = await start(oldMigrations);
    expect((await health(a)).status).toBe(200);
    expect((await write(a, 'Before the upgrade')).status).toBe(200);

    // 1. Backup.
    const backup = path.join(work, 'before-upgrade.dump');
    await backupDatabase({ url: handle.url! }, backup);

    // 2. Maintenance on: every instance refuses writes, reads go on.
    await setMaintenance(handle.db, { on: true, message: 'Upgrading to the new release.' });
    await settle();
    for (const instance of [a, b]) {
      expect(await write(instance, 'During maintenance')).toEqual({ status: 503, body: { code: 'MAINTENANCE', message: 'Upgrading to the new release.' } });
      expect(await read(instance)).toBe(200);
    }

    // 3. Migrate under maintenance mode (the old instances keep serving reads meanwhile).
    // A new-version instance started before the migration says so: a load balancer keeps it out.
    const early = await start(newMigrations);
    expect(await health(early)).toEqual({ status: 503, body: { status: 'unavailable', database: 'ok', migrations: 'pending' } });
    await stop(early);
    await migrateTo(newMigrations);
    expect(await read(a)).toBe(200);

    // 4. Restart the instances one at a time: while one restarts, the other serves.
    await stop(a);
    expect(await read(b)).toBe(200);
    a = await start(newMigrations);
    expect(await health(a)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });
    await stop(b);
    expect(await read(a)).toBe(200);
    b = await start(newMigrations);

    // 5. Smoke test: healthy, reads work, writes still refused.
    for (const instance of [a, b]) {
      expect((await health(instance)).status).toBe(200);
      expect(await read(instance)).toBe(200);
      expect((await write(instance, 'Still in maintenance')).status).toBe(503);
    }

    // 6. Maintenance off: writes work on both.
    await setMaintenance(handle.db, { on: false });
    await settle();
    expect((await write(a, 'After the upgrade on A')).status).toBe(200);
    expect((await write(b, 'After the upgrade on B')).status).toBe(200);
    const columns = rowsOf<{ column_name: string }>(
      await handle.db.execute(sql`select column_name from information_schema.columns where table_name = 'ppas' and column_name = 'drill_note'`),
    );
    expect(columns).toHaveLength(1);

    // Rollback. 1. Maintenance on; 2. stop every instance; 3. restore the backup taken before the upgrade.
    await setMaintenance(handle.db, { on: true, message: 'Rolling back.' });
    await settle();
    expect((await write(a, 'During rollback')).status).toBe(503);
    await stop(a);
    await stop(b);
    await restoreDatabase({ url: handle.url! }, backup);

    // 4. Start the previous version: its migrations are the database's again.
    a = await start(oldMigrations);
    b = await start(oldMigrations);
    await settle();
    for (const instance of [a, b]) {
      expect(await health(instance)).toEqual({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });
      expect(await read(instance)).toBe(200);
    }
    // The database is as it was before the upgrade: what was written after it is gone, the upgrade's column too,
    // and the maintenance switch is the backup's (off): writes work again.
    const titles = (
      await handle.db
        .select({ title: ppas.title })
        .from(ppas)
        .where(sql`${ppas.title} in ('Before the upgrade', 'After the upgrade on A', 'After the upgrade on B')`)
    ).map((r) => r.title);
    expect(titles).toEqual(['Before the upgrade']);
    expect(
      rowsOf(await handle.db.execute(sql`select 1 from information_schema.columns where table_name = 'ppas' and column_name = 'drill_note'`)),
    ).toHaveLength(0);
    expect((await write(b, 'After the rollback')).status).toBe(200);
    expect(await handle.db.select({ id: ppas.id }).from(ppas).where(eq(ppas.title, 'After the rollback'))).toHaveLength(1);
  });
});
