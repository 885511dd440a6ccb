import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '../db';
import { lockFilePath } from '../db/data-dir-lock';
import { verifyCredentials } from '../server/services/auth/viewers';
import { setPasswordWithLink } from '../server/services/users/password-links';
import { urlForDatabase } from '../test/global-setup';

// Each test starts Node processes that compile TypeScript as they start (tsx), up to four in a row: on a busy
// machine that alone can pass the suite's 30 s, which says nothing about the commands.
vi.setConfig({ testTimeout: 120_000 });

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const config = inject('testDatabase');
const scratch = mkdtempSync(path.join(tmpdir(), 'ppa-user-create-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function userCreate(args: string[], env: Record<string, string>) {
  return run(tsx, ['scripts/user-create.ts', ...args], { env: { ...process.env, PORT: '3000', AUTH_URL: '', ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe.skipIf(config.driver !== 'postgres')('npm run user:create on an empty PostgreSQL database', () => {
  it('migrates, creates the first admin (no demo data) and prints a link that sets the password', async () => {
    if (config.driver !== 'postgres') return;
    const name = `${config.prefix}_empty_${randomBytes(3).toString('hex')}`;
    const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = urlForDatabase(config.adminUrl, name);
    try {
      const created = await userCreate(['--email', 'First.Admin@Bangsamoro.example', '--name', 'First Admin', '--role', 'admin'], { DATABASE_URL: url });
      expect(created.code, created.stderr).toBe(0);
      const link = /http:\/\/localhost:3000\/set-password#token=(\S+)/.exec(created.stdout);
      expect(link, created.stdout).not.toBeNull();

      const handle = openDatabase({ url });
      try {
        await setPasswordWithLink({ db: handle.db, token: link![1]!, password: 'first admin passphrase' });
        expect(await verifyCredentials(handle.db, 'first.admin@bangsamoro.example', 'first admin passphrase')).toMatchObject({ role: 'admin' });
        expect(await verifyCredentials(handle.db, 'admin@example.org', 'ppa-demo-2026')).toBeNull();
      } finally {
        await handle.close();
      }

      const planner = await userCreate(['--email', 'p@mssd.example', '--name', 'P', '--role', 'planner'], { DATABASE_URL: url });
      expect(planner).toMatchObject({ code: 1 });
      expect(planner.stderr.trim()).toBe('Planners, viewers and MOA heads belong to a MOA: choose one.');
      const duplicate = await userCreate(['--email', 'first.admin@bangsamoro.example', '--name', 'Again', '--role', 'admin'], { DATABASE_URL: url });
      expect(duplicate.stderr.trim()).toBe('An account with that email already exists.');
      const unknownMoa = await userCreate(['--email', 'v@x.example', '--name', 'V', '--role', 'viewer', '--moa', 'NOPE'], { DATABASE_URL: url });
      expect(unknownMoa.stderr.trim()).toBe('There is no MOA with the code "NOPE".');
    } finally {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    }
  });
});

describe('npm run user:create refuses clearly', () => {
  it('names the bad argument and shows the usage, without a stack trace', async () => {
    const result = await userCreate(['--email', 'not-an-email', '--name', 'X', '--role', 'admin'], { DATABASE_URL: 'postgres://nowhere.invalid/db' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^--email: Enter an email address/);
    expect(result.stderr).toContain('Usage: npm run user:create');
    expect(result.stderr).not.toMatch(/\bat \S+\.ts:\d+/);
    expect((await userCreate(['--role', 'superuser', '--email', 'a@b.example', '--name', 'X'], {})).stderr).toMatch(/^--role: Choose a role/);
    expect((await userCreate(['--bogus'], {})).code).toBe(2);
  });

  it('while the app holds the embedded database', async () => {
    const dataDir = path.join(scratch, 'data');
    mkdirSync(dataDir, { recursive: true });
    // This test process plays the running app: a live pid in the lock file.
    writeFileSync(lockFilePath(dataDir), String(process.pid));
    const result = await userCreate(['--email', 'a@b.example', '--name', 'A', '--role', 'admin'], { DATABASE_URL: '', DATA_DIR: dataDir });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^The embedded database in .* is in use by process \d+\. Stop the app first \(or set DATABASE_URL\)\.$/);
  });
});

describe('the other database commands refuse as clearly', () => {
  it('db:migrate, db:seed, api-token and a second app print one line and exit 1 while the app holds the embedded database', async () => {
    const dataDir = path.join(scratch, 'held');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(lockFilePath(dataDir), String(process.pid));
    // server/main.ts is what `npm run dev` and `npm start` run: a second one on the same folder refuses too.
    for (const script of ['db/cli/migrate.ts', 'db/cli/seed.ts', 'scripts/api-token.ts', 'server/main.ts']) {
      const result = await run(tsx, [script, 'planner@example.org'], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PORT: '3199' } }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(result.code, script).toBe(1);
      expect(result.stderr.trim(), script).toMatch(/^The embedded database in .* is in use by process \d+\. Stop the app first \(or set DATABASE_URL\)\.$/);
    }
  });
});
