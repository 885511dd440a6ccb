import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { checkHealth } from '../server/services/operations/health';
import { getAllocationTree } from '../server/services/budget/allocation-tree';
import type { AllocationTreeResponse } from '../server/contracts/budget';
import { createSeededTestDatabase, type TestDatabase } from '../test/database';
import { urlForDatabase } from '../test/global-setup';
import { callerFor, demoViewer } from '../test/viewers';
import { backupDatabase, backupFormatOf, restoreDatabase } from './backup';
import { lockFilePath } from './data-dir-lock';
import { openDatabase, rowsOf, type Database } from './index';
import { seedDemoData } from './seed/seed';

/** Every PPA's allocation tree, as the admin (who sees them all) gets it. */
async function everyTree(db: Database): Promise<Map<string, AllocationTreeResponse>> {
  const admin = await demoViewer(db, 'admin@example.org');
  const ids = rowsOf<{ id: string }>(await db.execute(sql`select id from ppas order by id`)).map((r) => r.id);
  const trees = new Map<string, AllocationTreeResponse>();
  for (const ppaId of ids) trees.set(ppaId, await getAllocationTree({ db, viewer: admin, ppaId }));
  return trees;
}

/** Spending on two leaf work items of MSSD's approved PPAs, so the backup carries more than the seed. */
async function recordSpending(db: Database): Promise<void> {
  const leaves = rowsOf<{ id: string }>(
    await db.execute(sql`
      select w.id from work_items w join ppas p on p.id = w.ppa_id join moas m on m.id = p.moa_id
      where m.code = 'MSSD' and p.approval_stage in ('stakeholder_consultation', 'executive_approval', 'approved', 'enacted')
        and not exists (select 1 from work_items c where c.parent_id = w.id)
      order by w.id limit 2`),
  );
  expect(leaves).toHaveLength(2);
  const planner = await callerFor(db, 'planner@example.org');
  for (const [i, leaf] of leaves.entries()) {
    await planner.workItem.recordExpenditure({
      id: leaf.id,
      kind: 'obligation',
      amount: `${1234 + i}.56`,
      date: `2026-03-0${i + 1}`,
      description: 'Backup round trip contract',
    });
    await planner.workItem.recordExpenditure({ id: leaf.id, amount: `${1234 + i}.56`, date: `2026-03-0${i + 1}`, description: 'Backup round trip' });
  }
}

function expectSameTrees(restored: Map<string, AllocationTreeResponse>, source: Map<string, AllocationTreeResponse>) {
  expect(restored.size).toBeGreaterThan(0);
  expect([...restored.keys()]).toEqual([...source.keys()]);
  for (const [ppaId, tree] of source) expect(restored.get(ppaId), ppaId).toEqual(tree);
  expect([...source.values()].some((t) => t.tree && t.tree.actual !== '0.00')).toBe(true);
}

/** A tar archive of empty files with these names (only what the backup check reads of a header). */
function tarOf(names: string[]): Buffer {
  const headers = names.map((name) => {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'latin1');
    header.write('00000000000\0', 124, 'latin1');
    header.write('ustar\0', 257, 'latin1');
    return header;
  });
  return Buffer.concat([...headers, Buffer.alloc(1024)]);
}

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'ppa-backup-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const config = inject('testDatabase');

describe.skipIf(config.driver !== 'postgres')('backup and restore on PostgreSQL', () => {
  let source: TestDatabase;
  let admin: postgres.Sql;
  const restoredName = config.driver === 'postgres' ? `${config.prefix}_restored_${randomBytes(4).toString('hex')}` : '';

  beforeAll(async () => {
    if (config.driver !== 'postgres') return;
    source = await createSeededTestDatabase();
    admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await source?.close();
    await admin?.unsafe(`drop database if exists "${restoredName}" with (force)`);
    await admin?.end({ timeout: 5 });
  });

  it('restores into a fresh empty database, and over a changed one, with every allocation tree as it was', async () => {
    if (config.driver !== 'postgres') return;
    await recordSpending(source.db);
    const expected = await everyTree(source.db);
    const file = path.join(scratch, 'postgres.backup');
    expect(await backupDatabase({ url: source.url! }, file)).toMatchObject({ format: 'pg_dump' });
    expect(backupFormatOf(file)).toBe('pg_dump');

    await admin.unsafe(`create database "${restoredName}"`);
    const url = urlForDatabase(config.adminUrl, restoredName);
    await restoreDatabase({ url }, file);
    const restored = openDatabase({ url });
    try {
      expectSameTrees(await everyTree(restored.db), expected);
      expect(await checkHealth({ db: restored.db })).toMatchObject({ status: 'ok', migrations: 'current' });

      // Restoring again over a database that has moved on puts it back to the backup's state.
      await recordSpending(restored.db);
      await restoreDatabase({ url }, file);
      expectSameTrees(await everyTree(restored.db), expected);
    } finally {
      await restored.close();
    }
  });
});

describe('backup and restore on the embedded database (PGlite)', () => {
  it('restores into a new data folder with every allocation tree as it was; refuses to overwrite one without --force', async () => {
    const sourceDir = path.join(scratch, 'source', 'pglite');
    const source = openDatabase({ dataDir: sourceDir });
    let expected: Map<string, AllocationTreeResponse>;
    try {
      await source.migrate();
      await seedDemoData(source.db);
      await recordSpending(source.db);
      expected = await everyTree(source.db);
    } finally {
      await source.close();
    }
    const file = path.join(scratch, 'embedded.backup');
    expect(await backupDatabase({ dataDir: sourceDir }, file)).toMatchObject({ format: 'pglite' });
    expect(existsSync(lockFilePath(path.dirname(sourceDir)))).toBe(false);

    const targetDir = path.join(scratch, 'target', 'pglite');
    expect(await restoreDatabase({ dataDir: targetDir }, file)).toEqual({ movedAsideTo: undefined });
    const restored = openDatabase({ dataDir: targetDir });
    try {
      expectSameTrees(await everyTree(restored.db), expected);
      expect(await checkHealth({ db: restored.db })).toMatchObject({ status: 'ok', migrations: 'current' });
    } finally {
      await restored.close();
    }

    await expect(restoreDatabase({ dataDir: targetDir }, file)).rejects.toThrow(/already holds a database\. Add --force/);
    const { movedAsideTo } = await restoreDatabase({ dataDir: targetDir }, file, { force: true });
    expect(movedAsideTo).toMatch(/pglite\.before-restore-\d{4}-/);
    expect(existsSync(path.join(movedAsideTo!, 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(targetDir, 'PG_VERSION'))).toBe(true);

    // Our parent process stands in for a running app: it is alive and is not us.
    writeFileSync(lockFilePath(path.dirname(targetDir)), String(process.ppid));
    await expect(backupDatabase({ dataDir: targetDir }, path.join(scratch, 'again.backup'))).rejects.toThrow(/is in use by process \d+\. Stop the app first/);
    await expect(restoreDatabase({ dataDir: targetDir }, file, { force: true })).rejects.toThrow(/is in use by process \d+\. Stop the app first/);
    expect(existsSync(path.join(scratch, 'again.backup'))).toBe(false);
  }, 240_000);
});

describe('refusals before anything is touched', () => {
  const url = 'postgres://postgres@127.0.0.1:1/never-reached';
  const dataDir = () => path.join(scratch, 'untouched', 'pglite');

  it('a missing file, a file that is no backup, a backup of the other kind of database', async () => {
    await expect(restoreDatabase({ url }, path.join(scratch, 'nothing.backup'))).rejects.toThrow(/nothing\.backup does not exist\.$/);
    const text = path.join(scratch, 'notes.txt');
    writeFileSync(text, 'not a backup');
    await expect(restoreDatabase({ url }, text)).rejects.toThrow(/notes\.txt is not a backup made by db:backup\.$/);
    await expect(restoreDatabase({ dataDir: dataDir() }, text)).rejects.toThrow(/notes\.txt is not a backup made by db:backup\.$/);

    const gzipped = path.join(scratch, 'other.tar.gz');
    writeFileSync(gzipped, gzipSync('just some text'));
    await expect(restoreDatabase({ url }, gzipped)).rejects.toThrow(/backup of the embedded database; restore it with DATABASE_URL unset/);
    await expect(restoreDatabase({ dataDir: dataDir() }, gzipped)).rejects.toThrow(/is not a backup made by db:backup \(no database folder/);
    writeFileSync(gzipped, gzipSync(tarOf(['/base', '/global'])));
    await expect(restoreDatabase({ dataDir: dataDir() }, gzipped)).rejects.toThrow(/is not a backup made by db:backup \(no database folder/);
    writeFileSync(gzipped, gzipSync(tarOf(['/PG_VERSION', '/../../escaped'])));
    await expect(restoreDatabase({ dataDir: dataDir() }, gzipped)).rejects.toThrow(/names files outside the database folder/);
    writeFileSync(gzipped, Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    await expect(restoreDatabase({ dataDir: dataDir() }, gzipped)).rejects.toThrow(/is not a backup made by db:backup \(not a readable archive\)/);

    const dump = path.join(scratch, 'looks-like.pgdump');
    writeFileSync(dump, 'PGDMP and then nothing');
    await expect(restoreDatabase({ dataDir: dataDir() }, dump)).rejects.toThrow(/is a PostgreSQL backup; restore it with DATABASE_URL set/);
    expect(existsSync(dataDir())).toBe(false);
  });

  it('nothing to back up, no folder to write into, no server', async () => {
    await expect(backupDatabase({ dataDir: dataDir() }, path.join(scratch, 'empty.backup'))).rejects.toThrow(/There is no embedded database in/);
    await expect(backupDatabase({ url }, path.join(scratch, 'no', 'such', 'folder.backup'))).rejects.toThrow(/The folder .* does not exist\./);
    await expect(backupDatabase({ url }, path.join(scratch, 'unreachable.backup'))).rejects.toThrow(/^pg_dump failed: /);
    expect(existsSync(path.join(scratch, 'unreachable.backup'))).toBe(false);
    expect(existsSync(path.join(scratch, 'unreachable.backup.partial'))).toBe(false);
  });
});

describe('the command line', () => {
  const run = promisify(execFile);
  const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');

  async function cli(script: 'backup' | 'restore', args: string[], dataDir: string) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    try {
      const { stdout } = await run(tsx, [path.join('db', 'cli', `${script}.ts`), ...args], { env });
      return { code: 0, stdout, stderr: '' };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  }

  it('refuses in one line with exit code 1: no FILE, a missing file, the app running', async () => {
    const dataDir = path.join(scratch, 'cli');
    expect(await cli('backup', [], dataDir)).toEqual({ code: 1, stdout: '', stderr: 'db:backup: Usage: npm run db:backup -- FILE\n' });
    const missing = path.join(scratch, 'nothing.backup');
    expect(await cli('restore', [missing, '--force'], dataDir)).toEqual({ code: 1, stdout: '', stderr: `db:restore: ${missing} does not exist.\n` });

    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true });
    writeFileSync(path.join(dataDir, 'pglite', 'PG_VERSION'), '17\n');
    writeFileSync(lockFilePath(dataDir), String(process.ppid));
    const held = await cli('backup', [path.join(scratch, 'cli.backup')], dataDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/^db:backup: The embedded database in \S+ is in use by process \d+\. Stop the app first \(or set DATABASE_URL\)\.\n$/);
  }, 60_000);
});
