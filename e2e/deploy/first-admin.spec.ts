import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';

/**
 * README "Deploy", walked exactly: an empty PostgreSQL database, `npm run user:create` for the first admin,
 * `npm start` (production, no demo data), the one-time link, a password, and the admin signed in.
 * Uses the production build the other e2e tests run on (NEXT_DIST_DIR=.next-e2e, built by playwright.config.ts).
 */
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const databaseName = `ppa_deploy_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
const port = Number(process.env.E2E_DEPLOY_PORT || 3101);
const baseUrl = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), 'ppa-deploy-'));
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production' as const,
  DATABASE_URL: databaseUrl,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  AUTH_URL: baseUrl,
  PORT: String(port),
  DATA_DIR: dataDir,
  NEXT_DIST_DIR: '.next-e2e',
  SEED_DEMO_DATA: '',
};

let server: ChildProcess | undefined;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

test.beforeAll(async () => {
  await admin.unsafe(`create database "${databaseName}"`);
});

test.afterAll(async () => {
  // npm does not pass the signal on to the app it started: end the whole process group.
  if (server?.pid && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once('exit', resolve));
    process.kill(-server.pid, 'SIGTERM');
    await exited;
  }
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end({ timeout: 5 });
  rmSync(dataDir, { recursive: true, force: true });
});

async function waitForHealth(): Promise<void> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the deployed app did not become healthy');
}

test('from an empty PostgreSQL database to the first admin signed in', async ({ page }) => {
  test.setTimeout(180_000);
  const run = promisify(execFile);
  const { stdout } = await run(
    'npm',
    ['run', '--silent', 'user:create', '--', '--email', 'ict.admin@bangsamoro.example', '--name', 'ICT Administrator', '--role', 'admin'],
    { env },
  );
  const link = /https?:\/\/\S+\/set-password#token=\S+/.exec(stdout)?.[0];
  expect(link, stdout).toMatch(new RegExp(`^${baseUrl}/set-password#token=`));

  server = spawn('npm', ['start'], { env, stdio: 'ignore', detached: true });
  await waitForHealth();
  const health = await (await fetch(`${baseUrl}/api/health`)).json();
  expect(health).toMatchObject({ status: 'ok', database: 'ok', migrations: 'current' });

  // No demo data in production: the published demo password opens nothing.
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill('admin@example.org');
  await page.getByLabel('Password').fill('ppa-demo-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();

  await page.goto(link!);
  await page.getByLabel('New password').fill('short');
  await page.getByLabel('Type it again').fill('short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'at least 12 characters' })).toBeVisible();
  await page.getByLabel('New password').fill('mindanao sunrise over lanao');
  await page.getByLabel('Type it again').fill('mindanao sunrise over lanao');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByRole('status')).toContainText('ict.admin@bangsamoro.example');
  await page.getByRole('link', { name: 'Sign in' }).click();

  await page.getByLabel('Email').fill('ict.admin@bangsamoro.example');
  await page.getByLabel('Password').fill('mindanao sunrise over lanao');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${baseUrl}/`); // the portfolio dashboard
  await page.getByRole('link', { name: 'Users' }).click();
  await expect(page.getByTestId('user-ict.admin@bangsamoro.example')).toContainText('Administrator');

  // The link worked once: opened again, it says so before any password is typed.
  await page.goto(link!);
  await expect(page.getByRole('alert').filter({ hasText: 'expired or was already used' })).toBeVisible();
  await expect(page.getByLabel('New password')).toHaveCount(0);

  // Someone guessing the admin's password: after 10 failures on the account the form says when to try again,
  // and even the right password is refused for it; a script posting to next-auth directly gets 429 with
  // Retry-After. (The address's own limit is an office's: 100.)
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email').fill('ict.admin@bangsamoro.example');
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel('Password').fill(`guess number ${attempt}`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByRole('alert').filter({ hasText: 'do not match' })).toBeVisible();
    // A failed attempt keeps the email, so only the password is typed again.
    await expect(page.getByLabel('Email')).toHaveValue('ict.admin@bangsamoro.example');
  }
  await page.getByLabel('Password').fill('mindanao sunrise over lanao');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Too many failed sign-ins .* Try again in 15 minutes\./ })).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  const scripted = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'ict.admin@bangsamoro.example', password: 'mindanao sunrise over lanao' }),
  });
  expect(scripted.status).toBe(429);
  expect(Number(scripted.headers.get('retry-after'))).toBeGreaterThan(800);
});
