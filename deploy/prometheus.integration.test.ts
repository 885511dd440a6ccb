import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationsHooks } from '../server/lib/operations-hooks';
import { inProcessSteps, runRecorded, scheduledJob } from '../server/services/automation/scheduled-jobs';
import { startOperations } from '../server/services/operations/operations-startup';
import { createSeededTestDatabase, type TestDatabase } from '../test/database';
import { startOpsInstance, type OpsInstance } from '../test/ops-server';

/**
 * The dashboards-and-alerts-as-code of docs/operations.md, on the real tools: Debian's Prometheus (installed
 * by .ci/run) scrapes an app instance with its bearer token, and a request counter and a job metric come
 * back through Prometheus's own query API, with deploy/alerts.yml loaded; promtool checks the rules and runs
 * their unit tests (deploy/alerts.test.yml).
 */
const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const deployDir = path.join(process.cwd(), 'deploy');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('promtool', () => {
  it('finds deploy/alerts.yml valid', () => {
    expect(existsSync(PROMTOOL), 'promtool is missing: apt-get install prometheus (.ci/run does)').toBe(true);
    const check = spawnSync(PROMTOOL, ['check', 'rules', path.join(deployDir, 'alerts.yml')], { encoding: 'utf8' });
    expect(check.stdout + check.stderr).toContain('SUCCESS: 9 rules found');
    expect(check.status).toBe(0);
  });

  it('passes the rules’ own unit tests: each alert fires when it should and not otherwise', () => {
    const run = spawnSync(PROMTOOL, ['test', 'rules', 'alerts.test.yml'], { cwd: deployDir, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});

describe('Prometheus scraping the app', () => {
  let handle: TestDatabase;
  let app: OpsInstance;
  let prometheus: ChildProcess | undefined;
  let dir: string;
  let promUrl: string;
  let promLog = '';

  beforeAll(async () => {
    expect(existsSync(PROMETHEUS), 'prometheus is missing: apt-get install prometheus (.ci/run does)').toBe(true);
    handle = await createSeededTestDatabase();
    startOperations(handle);
    app = await startOpsInstance(handle.db, { METRICS_TOKEN: 'scrape-secret' });
    dir = mkdtempSync(path.join(tmpdir(), 'ppa-prometheus-'));
    writeFileSync(path.join(dir, 'token'), 'scrape-secret\n');
    // The shipped config with this test's target, token file and a fast scrape.
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        `rule_files: ['${path.join(deployDir, 'alerts.yml')}']`,
        'scrape_configs:',
        '  - job_name: ppa-tracker',
        '    metrics_path: /api/metrics',
        `    authorization: { type: Bearer, credentials_file: '${path.join(dir, 'token')}' }`,
        `    static_configs: [{ targets: ['127.0.0.1:${app.port}'] }]`,
      ].join('\n'),
    );
    const port = await freePort();
    promUrl = `http://127.0.0.1:${port}`;
    prometheus = spawn(
      PROMETHEUS,
      [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    prometheus.stdout!.on('data', (chunk: Buffer) => (promLog += chunk.toString()));
    prometheus.stderr!.on('data', (chunk: Buffer) => (promLog += chunk.toString()));
  });

  afterAll(async () => {
    operationsHooks().onSlowOperation = undefined;
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      await exited;
    }
    await app?.close();
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await res.json()) as { status: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
    expect(body.status).toBe('success');
    return body.data.result;
  }

  /** Asks until Prometheus has a sample that passes, or fails with what it last had and its log. */
  async function eventually(expr: string, pass: (value: number) => boolean, timeoutMs = 30_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown = null;
    for (;;) {
      try {
        const result = await query(expr);
        last = result;
        const value = result[0] ? Number(result[0].value[1]) : NaN;
        if (pass(value)) return value;
      } catch (error) {
        last = error; // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`Prometheus never answered ${expr} as expected; last ${JSON.stringify(last)}\n${promLog.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it('reads a request counter and a job metric back through its query API, and loads the alert rules', async () => {
    for (let i = 0; i < 5; i++) expect((await fetch(`${app.url}/ppas/${crypto.randomUUID()}`)).status).toBe(200);
    const job = scheduledJob('nightly-progress-sync');
    await runRecorded(job, handle.db, { now: new Date(), steps: inProcessSteps(handle.db), log: () => {}, trigger: 'manual' });

    expect(await eventually('up{job="ppa-tracker"}', (v) => v === 1)).toBe(1);
    expect(await eventually('sum(ppa_http_requests_total{route="/ppas/[id]",status="200"})', (v) => v >= 5)).toBe(5);
    expect(await eventually('ppa_job_runs_total{job_name="nightly-progress-sync",outcome="success",trigger="manual"}', (v) => v >= 1)).toBe(1);
    expect(await eventually('ppa_outbox_pending', (v) => v >= 0)).toBeGreaterThanOrEqual(0);

    const rules = (await (await fetch(`${promUrl}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string }[] }[] } };
    const loaded = rules.data.groups.flatMap((g) => g.rules);
    expect(loaded).toHaveLength(9);
    expect(loaded.map((r) => r.name)).toContain('PpaJobSuccessBelowGoal');
  });
});
