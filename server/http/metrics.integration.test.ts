import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowOperations } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { startOpsInstance, type OpsInstance } from '@/test/ops-server';
import { demoApiToken } from '@/test/viewers';
import { operationsHooks } from '../lib/operations-hooks';
import { startOperations } from '../services/operations/operations-startup';

/**
 * GET /api/metrics through the app's own server: protected by METRICS_TOKEN, in Prometheus's text format, with
 * every metric the operations guide names, and every label value bounded (route patterns, procedure paths,
 * REST operations; never an id or a raw path).
 */
let handle: TestDatabase;
let app: OpsInstance;
let token: string;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  startOperations(handle);
  app = await startOpsInstance(handle.db);
  token = await demoApiToken(handle.db, 'planner@example.org');
});
afterAll(async () => {
  operationsHooks().onSlowOperation = undefined;
  await app.close();
  await handle.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`${app.url}/api/metrics`, { headers: { authorization: 'Bearer test-metrics-token' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** Every label value of the app's own metrics (ppa_*), as `name{label}` → values. */
function labelValues(text: string): Map<string, Set<string>> {
  const values = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const match = /^(ppa_\w+?)(?:_bucket|_sum|_count)?\{(.*)\} /.exec(line);
    if (!match) continue;
    for (const [, label, value] of match[2]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      if (label === 'le') continue;
      const key = `${match[1]}{${label}}`;
      values.set(key, (values.get(key) ?? new Set()).add(value!));
    }
  }
  return values;
}

describe('GET /api/metrics', () => {
  it('is 404 without METRICS_TOKEN configured, 401 without the right token', async () => {
    const bare = await startOpsInstance(handle.db, {});
    try {
      expect((await fetch(`${bare.url}/api/metrics`, { headers: { authorization: 'Bearer anything' } })).status).toBe(404);
    } finally {
      await bare.close();
    }
    expect((await fetch(`${app.url}/api/metrics`)).status).toBe(401);
    const wrong = await fetch(`${app.url}/api/metrics`, { headers: { authorization: 'Bearer test-metrics-tokeX' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('names every figure the operations guide watches', async () => {
    const text = await scrape();
    for (const name of [
      'ppa_http_requests_total',
      'ppa_http_request_duration_seconds',
      'ppa_procedure_duration_seconds',
      'ppa_db_statement_duration_seconds',
      'ppa_db_statements_in_flight',
      'ppa_db_pool_size',
      'ppa_db_slow_statements_total',
      'ppa_http_slow_requests_total',
      'ppa_job_runs_total',
      'ppa_job_run_duration_seconds',
      'ppa_outbox_pending',
      'ppa_outbox_oldest_age_seconds',
      'ppa_email_pending',
      'ppa_email_failing',
      'ppa_email_deliveries_total',
      'ppa_rate_limit_refusals_total',
      'ppa_maintenance_mode',
      'ppa_maintenance_refusals_total',
      'ppa_collab_rooms',
      'ppa_collab_connections',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(/^ppa_outbox_pending \d+$/m);
    expect(text).toMatch(/^ppa_maintenance_mode 0$/m);
    expect(text).toMatch(/^ppa_db_pool_size (10|1)$/m);
  });

  it('labels requests by route pattern, REST operation and procedure, never by id or raw path', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) expect((await fetch(`${app.url}/ppas/${id}/allocate`)).status).toBe(200);
    for (const id of ids) await fetch(`${app.url}/api/v1/ppas/${id}`, { headers: { authorization: `Bearer ${token}` } });
    await fetch(`${app.url}/api/v1/ppas?q=${ids[0]}`, { headers: { authorization: `Bearer ${token}` } });
    // A scanner's guesses all land in one label value.
    for (let i = 0; i < 20; i++) await fetch(`${app.url}/missing-${randomUUID()}/${i}`);
    const text = await scrape();
    for (const id of ids) expect(text).not.toContain(id);
    expect(text).toContain('ppa_http_requests_total{route="/ppas/[id]/allocate",method="GET",status="200"} 3');
    expect(text).toContain('ppa_http_requests_total{route="GET /api/v1/ppas/{id}",method="GET",status="404"} 3');
    expect(text).toContain('ppa_http_requests_total{route="GET /api/v1/ppas",method="GET",status="200"} 1');
    expect(text).toContain('ppa_http_requests_total{route="unmatched",method="GET",status="404"} 20');
    expect(text).toMatch(/ppa_procedure_duration_seconds_count\{procedure="ppa\.list",type="query",outcome="ok"\} \d+/);
    const labels = labelValues(text);
    for (const [key, values] of labels) {
      for (const value of values) expect(value, key).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|\/\d+(\/|$)|\?/);
    }
    expect([...labels.get('ppa_http_requests_total{route}')!].length).toBeLessThan(10);
  });

  it('counts a request over 2 s as slow, by route, and records it for the System page with its request id; a stream is never slow', async () => {
    const stream = await fetch(`${app.url}/stream`);
    await stream.text();
    const res = await fetch(`${app.url}/slow-page`);
    const requestId = res.headers.get('x-request-id');
    const text = await scrape();
    expect(text).toContain('ppa_http_slow_requests_total{route="unmatched"} 1');
    for (let i = 0; i < 100; i++) {
      const [row] = await handle.db.select().from(slowOperations).where(eq(slowOperations.kind, 'request'));
      if (row) {
        expect(row).toMatchObject({ statement: 'GET unmatched', lastRequestId: requestId });
        return;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the slow request was not recorded');
  });
});
