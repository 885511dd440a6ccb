import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEMO_PASSWORD } from '../helpers';

/**
 * docs/deploy.md, run for real: two production instances (`npm start`) on one fresh PostgreSQL database and one
 * Redis, behind nginx configured from deploy/nginx.conf. nginx's public port spreads requests over both; its two
 * pinned ports reach one instance each (the other only while the first is down), so each client below is on
 * the instance the test means. Uses the production build the other e2e tests run on (E2E_DIST_DIR, default
 * .next-e2e, built by playwright.config.ts); nginx must be installed (.ci/run installs it): without it this fails.
 */
const adminUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const distDir = process.env.E2E_DIST_DIR || '.next-e2e';
const appPort = Number(process.env.E2E_MULTI_APP_PORT || 3102);
const appPorts = [appPort, appPort + 1];
const nginxPort = Number(process.env.E2E_MULTI_NGINX_PORT || 3110);
const [publicPort, pinnedPort1, pinnedPort2] = [nginxPort, nginxPort + 1, nginxPort + 2];
const through = (port: number) => `http://127.0.0.1:${port}`;
const pinned = [through(pinnedPort1), through(pinnedPort2)] as const;

const databaseName = `ppa_multi_${randomBytes(4).toString('hex')}`;
const databaseUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
})();
/** Logs, data folders and nginx's prefix: made when the tests start (not when Playwright lists them). */
let workDir = '';
let anyFailed = false;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const db = postgres(databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 5 });

/** What every instance shares: the database, Redis (this run's own keys), the secret that signs sessions and tokens. */
const sharedEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_DIST_DIR: distDir,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: `ppa-e2e-${randomBytes(4).toString('hex')}:`,
  AUTH_SECRET: randomBytes(32).toString('base64url'),
  TRUST_PROXY: 'true',
  HOSTNAME: '127.0.0.1', // a shell's HOSTNAME names the machine, not an interface to listen on
  SEED_DEMO_DATA: 'true',
  AUTH_URL: '',
};

interface Instance {
  name: string;
  port: number;
  process: ChildProcess;
  log: string;
}
let instances: Instance[] = [];
let nginx: ChildProcess | undefined;

function startInstance(index: number): Instance {
  const name = `app-${index + 1}`;
  const log = path.join(workDir, `${name}.log`);
  const out = openSync(log, 'a');
  const dataDir = path.join(workDir, `${name}-data`);
  mkdirSync(dataDir);
  const child = spawn('npm', ['start'], {
    env: { ...sharedEnv, PORT: String(appPorts[index]), DATA_DIR: dataDir },
    stdio: ['ignore', out, out],
    detached: true,
  });
  return { name, port: appPorts[index]!, process: child, log };
}

/** npm does not pass signals on to the app it started: signal the whole process group. */
async function stopProcess(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid, signal);
  } catch {
    return;
  }
  await exited;
}

async function waitFor(url: string, what: string, seconds = 120): Promise<void> {
  for (let attempt = 0; attempt < seconds * 4; attempt++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer at ${url}; logs in ${workDir}`);
}

function nginxBinary(): string {
  if (process.env.NGINX_BIN) return process.env.NGINX_BIN;
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

async function startNginx(): Promise<ChildProcess> {
  const prefix = path.join(workDir, 'nginx');
  for (const dir of ['logs', 'temp']) mkdirSync(path.join(prefix, dir), { recursive: true });
  const config = readFileSync('deploy/nginx.conf', 'utf8')
    .replaceAll('{{APP_1}}', `127.0.0.1:${appPorts[0]}`)
    .replaceAll('{{APP_2}}', `127.0.0.1:${appPorts[1]}`)
    .replaceAll('{{LISTEN_1}}', String(pinnedPort1))
    .replaceAll('{{LISTEN_2}}', String(pinnedPort2))
    .replaceAll('{{LISTEN}}', String(publicPort))
    .replace('worker_processes auto;', 'worker_processes 1;');
  expect(config).not.toContain('{{');
  writeFileSync(path.join(prefix, 'nginx.conf'), config);
  const errorLog = path.join(prefix, 'logs', 'error.log');
  const child = spawn(nginxBinary(), ['-p', prefix, '-c', 'nginx.conf', '-e', errorLog, '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`nginx could not start (is it installed? .ci/run installs it): ${error.message}`)));
    child.once('exit', (code) => reject(new Error(`nginx exited (${code}): ${stderr}`)));
  });
  await Promise.race([waitFor(`${through(publicPort)}/api/health`, 'nginx', 30), failed]);
  return child;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  workDir = mkdtempSync(path.join(tmpdir(), 'ppa-multi-'));
  anyFailed = true; // until everything is up: a failed start keeps its logs
  await admin.unsafe(`create database "${databaseName}"`);
  // Both at once, as a deployment starts them: one migrates and seeds, the other waits for it (db/prepare.ts).
  instances = [startInstance(0), startInstance(1)];
  await Promise.all(instances.map((instance) => waitFor(`${through(instance.port)}/api/health`, instance.name)));
  nginx = await startNginx();
  anyFailed = false;
});

test.afterAll(async () => {
  await Promise.all(instances.map((instance) => stopProcess(instance.process)));
  await stopProcess(nginx, 'SIGQUIT');
  await db.end({ timeout: 5 });
  await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
  await admin.end({ timeout: 5 });
  if (!anyFailed) rmSync(workDir, { recursive: true, force: true });
  else console.log(`multi-instance logs kept in ${workDir}`);
});

test.afterEach(({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) anyFailed = true;
});

/** Cookies as a script keeps them: name → value, from each response's Set-Cookie. */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Signs in by posting to next-auth, as a script would: the CSRF token, then the credentials. */
async function signInOverHttp(base: string, email: string, password = DEMO_PASSWORD): Promise<{ jar: CookieJar; response: Response }> {
  const jar = new CookieJar();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: '/ppas' }),
  });
  jar.take(response);
  return { jar, response };
}

async function trpc<T>(base: string, jar: CookieJar, procedure: string, input: unknown): Promise<T> {
  const response = await fetch(`${base}/api/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: jar.header() },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!response.ok || !body.result) throw new Error(`${procedure} failed (${response.status}): ${JSON.stringify(body.error)}`);
  return body.result.data;
}

async function ppaIdOf(title: string): Promise<string> {
  const [row] = await db<{ id: string }[]>`select id from ppas where title = ${title} and fiscal_year = 2026`;
  return row!.id;
}

interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  rows: Y.Map<Y.Map<string>>;
}

function connect(base: string, ppaId: string, token: string): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/collab`, ppaId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
  });
  return { doc, provider, rows: doc.getMap<Y.Map<string>>('rows') };
}

function setRow(client: Client, row: string, value: string) {
  client.doc.transact(() => {
    const map = client.rows.get(row) ?? new Y.Map<string>();
    if (!client.rows.has(row)) client.rows.set(row, map);
    map.set('amount', value);
  });
}

const valueIn = (client: Client | Y.Doc, row: string) => ('rows' in client ? client.rows : client.getMap<Y.Map<string>>('rows')).get(row)?.get('amount');

async function storedDraft(ppaId: string): Promise<Y.Doc> {
  const [row] = await db<{ state: Uint8Array }[]>`select state from collab_documents where ppa_id = ${ppaId}`;
  const doc = new Y.Doc();
  if (row) Y.applyUpdate(doc, row.state);
  return doc;
}

const presenceName = (seer: Client, of: Client) => (seer.provider.awareness.getStates().get(of.doc.clientID)?.user as { name?: string } | undefined)?.name;

/** Sessions signed in through one instance, used on the other (the collab tokens too): set by the first test. */
const sessions: { planner?: CookieJar; admin?: CookieJar } = {};

test('two websocket clients on different instances co-edit one draft; the stored draft holds both clients’ edits', async () => {
  const ppaId = await ppaIdOf('Child and Youth Welfare Program');
  // Signed in through instance 1, the token asked of instance 2 (and the other way round): one secret for all.
  sessions.planner = (await signInOverHttp(pinned[0], 'planner@example.org')).jar;
  sessions.admin = (await signInOverHttp(pinned[1], 'admin@example.org')).jar;
  const plannerToken = await trpc<{ token: string; mode: string }>(pinned[1], sessions.planner, 'collab.token', { ppaId });
  const adminToken = await trpc<{ token: string; mode: string }>(pinned[0], sessions.admin, 'collab.token', { ppaId });
  expect([plannerToken.mode, adminToken.mode]).toEqual(['edit', 'edit']);

  const alice = connect(pinned[0], ppaId, plannerToken.token);
  const bob = connect(pinned[1], ppaId, adminToken.token);
  try {
    await expect.poll(() => alice.provider.synced && bob.provider.synced).toBe(true);
    for (let i = 0; i < 25; i++) {
      setRow(alice, `alice-${i}`, String(1000 + i));
      setRow(bob, `bob-${i}`, String(2000 + i));
    }
    setRow(alice, 'shared', 'from alice');
    await expect
      .poll(() =>
        Array.from({ length: 25 }, (_, i) => valueIn(bob, `alice-${i}`) === String(1000 + i) && valueIn(alice, `bob-${i}`) === String(2000 + i)).every(Boolean),
      )
      .toBe(true);
    setRow(bob, 'shared', 'from bob');
    await expect.poll(() => valueIn(alice, 'shared')).toBe('from bob');

    alice.provider.awareness.setLocalStateField('user', { name: 'Norhaya Planner (MSSD)' });
    bob.provider.awareness.setLocalStateField('user', { name: 'Amina Admin' });
    await expect.poll(() => [presenceName(bob, alice), presenceName(alice, bob)]).toEqual(['Norhaya Planner (MSSD)', 'Amina Admin']);
    alice.provider.awareness.setLocalStateField('editing', 'alice-3');
    await expect.poll(() => bob.provider.awareness.getStates().get(alice.doc.clientID)?.editing).toBe('alice-3');
    alice.provider.disconnect();
    await expect.poll(() => bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(false);
  } finally {
    alice.provider.destroy();
    bob.provider.destroy();
  }
  await expect
    .poll(
      async () => {
        const stored = await storedDraft(ppaId);
        return valueIn(stored, 'alice-24') === '1024' && valueIn(stored, 'bob-24') === '2024' && valueIn(stored, 'shared') === 'from bob';
      },
      { timeout: 15_000 },
    )
    .toBe(true);
});

test('a budget locked through one instance turns the form read-only on the other at once', async () => {
  const ppaId = await ppaIdOf('Bangsamoro Immunization Program');
  const { token } = await trpc<{ token: string }>(pinned[1], sessions.admin!, 'collab.token', { ppaId });
  const bob = connect(pinned[1], ppaId, token);
  const carol = connect(pinned[0], ppaId, token);
  try {
    await expect.poll(() => bob.provider.synced && carol.provider.synced).toBe(true);
    await trpc(pinned[0], sessions.admin!, 'budget.lockBudget', { id: ppaId, reason: 'Enacted figures are final' });
    await expect.poll(() => bob.doc.getMap('meta').get('locked')).toBe(true);
    // Instance 2 drops Bob's write: it never reaches Carol on instance 1.
    setRow(bob, 'while-locked', '1');
    await new Promise((r) => setTimeout(r, 500));
    expect(valueIn(carol, 'while-locked')).toBeUndefined();
    await trpc(pinned[1], sessions.admin!, 'budget.unlockBudget', { id: ppaId, reason: 'Correction requested' });
    await expect.poll(() => carol.doc.getMap('meta').get('locked')).toBe(false);
  } finally {
    bob.provider.destroy();
    carol.provider.destroy();
  }
});

async function openForm(browser: Browser, base: string, email: string, ppaId: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // Signing in lands on the portfolio, the home page.
  await expect(page).toHaveURL(/:\d+\/$/);
  await page.goto(`/ppas/${ppaId}/allocate`);
  await expect(page.getByTestId('connection')).toHaveText('● Live');
  return page;
}

const amount = (page: Page, title: string) => page.getByRole('textbox', { name: title, exact: true });

test('two browsers, one on each instance, co-edit the allocation form; a save on one shows “Saved by” on the other', async ({ browser }) => {
  const ppaId = await ppaIdOf("Women's Welfare Program");
  const norhaya = await openForm(browser, pinned[0], 'planner@example.org', ppaId);
  const amina = await openForm(browser, pinned[1], 'admin@example.org', ppaId);

  await expect(norhaya.getByTestId('presence')).toContainText('Amina Admin');
  await expect(amina.getByTestId('presence')).toContainText('Norhaya Planner (MSSD)');
  // Amounts read as pesos where they are not being edited.
  await amount(norhaya, 'Planning & Design').fill('11000000.00');
  await expect(amount(amina, 'Planning & Design')).toHaveValue('₱11,000,000.00');
  await expect(amina.getByTestId('row-Planning & Design')).toContainText('Norhaya Planner (MSSD)');
  await amina.getByLabel('Note on Implementation').fill('Two cohorts, Cotabato and Marawi');
  await expect(norhaya.getByLabel('Note on Implementation')).toHaveValue('Two cohorts, Cotabato and Marawi');

  await norhaya.getByRole('button', { name: 'Save allocation' }).click();
  await expect(amina.getByTestId('saved')).toContainText(/^Saved by Norhaya Planner \(MSSD\) on \w{3} \d{1,2}, \d{4} at \d\d:\d\d$/);
  await expect(amount(amina, 'Planning & Design')).toHaveValue('₱11,000,000.00');
  await Promise.all([norhaya.context().close(), amina.context().close()]);
});

test('sign-in failures spread over both instances reach the one shared limit', async () => {
  const email = `guess-${randomBytes(3).toString('hex')}@example.org`;
  // Ten failures, alternating instances: each saw five, and still the limit (10) is reached on both.
  for (let attempt = 0; attempt < 10; attempt++) {
    const { response } = await signInOverHttp(pinned[attempt % 2]!, email, `wrong guess ${attempt}`);
    expect(response.status, `attempt ${attempt + 1}`).not.toBe(429);
  }
  for (const base of pinned) {
    const { response } = await signInOverHttp(base, email, 'another guess');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
  }
});

test('killing an instance during editing: its clients reconnect through nginx to the survivor and lose nothing; the scheduler gets a new leader', async () => {
  test.setTimeout(90_000);
  const leads = (instance: Instance) => readFileSync(instance.log, 'utf8').includes('this instance now runs the scheduled jobs');
  await expect.poll(() => instances.filter(leads).length).toBe(1);
  const leader = instances.findIndex(leads);
  const survivor = instances[1 - leader]!;

  const ppaId = await ppaIdOf('Regulatory and Quarantine Services');
  const { token } = await trpc<{ token: string }>(pinned[0], sessions.admin!, 'collab.token', { ppaId });
  // One client on the instance about to die, one on the survivor.
  const doomed = connect(pinned[leader]!, ppaId, token);
  const steady = connect(pinned[1 - leader]!, ppaId, token);
  const edits = 60;
  try {
    await expect.poll(() => doomed.provider.synced && steady.provider.synced).toBe(true);
    for (let i = 0; i < edits; i++) {
      setRow(doomed, `doomed-${i}`, String(i));
      setRow(steady, `steady-${i}`, String(i));
      if (i === edits / 2) await stopProcess(instances[leader]!.process, 'SIGKILL');
      await new Promise((r) => setTimeout(r, 25));
    }
    const all = (client: Client) =>
      Array.from({ length: edits }, (_, i) => valueIn(client, `doomed-${i}`) === String(i) && valueIn(client, `steady-${i}`) === String(i)).every(Boolean);
    await expect.poll(() => all(doomed) && all(steady), { timeout: 30_000 }).toBe(true);
    // The survivor takes the scheduler over within its leadership poll (15 s).
    await expect.poll(() => leads(survivor), { timeout: 30_000 }).toBe(true);
  } finally {
    doomed.provider.destroy();
    steady.provider.destroy();
  }
  await expect
    .poll(
      async () => {
        const stored = await storedDraft(ppaId);
        return Array.from({ length: edits }, (_, i) => valueIn(stored, `doomed-${i}`) === String(i) && valueIn(stored, `steady-${i}`) === String(i)).every(
          Boolean,
        );
      },
      { timeout: 15_000 },
    )
    .toBe(true);
});
