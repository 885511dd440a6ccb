import { and, eq, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notifications, slowOperations, users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { getMetrics } from '../../lib/metrics';
import { operationsHooks } from '../../lib/operations-hooks';
import { runInRequest } from '../../lib/request-context';
import { setLogger } from '../../lib/logger';
import { startOperations } from './operations-startup';
import { recordSlowOperation, resetSlowOperationSpacing, SLOW_ALERT_INTERVAL_MS } from './slow-operations';

/**
 * A statement over SLOW_QUERY_MS, timed at the driver (postgres.js or PGlite, whichever the run uses), is logged
 * with the id of the request that sent it and its normalised text, recorded, and told to every admin once per
 * statement per hour. Checked with a real slow statement: `select pg_sleep(…)`.
 */
let handle: TestDatabase;
let lines: Record<string, unknown>[];
const savedSlowQueryMs = process.env.SLOW_QUERY_MS;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  startOperations(handle);
});
afterAll(async () => {
  operationsHooks().onSlowOperation = undefined;
  await handle.close();
});
beforeEach(async () => {
  process.env.SLOW_QUERY_MS = '150';
  resetSlowOperationSpacing();
  lines = [];
  setLogger(pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }));
  await handle.db.delete(slowOperations).where(sql`true`);
  await handle.db.delete(notifications).where(eq(notifications.kind, 'system_alert'));
});
afterEach(() => {
  setLogger(undefined);
  if (savedSlowQueryMs === undefined) delete process.env.SLOW_QUERY_MS;
  else process.env.SLOW_QUERY_MS = savedSlowQueryMs;
});

async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const slowRow = () =>
  handle.db
    .select()
    .from(slowOperations)
    .then((rows) => rows[0]);
const adminAlerts = () =>
  handle.db
    .select({ title: notifications.title, body: notifications.body, link: notifications.link, email: users.email })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notifications.kind, 'system_alert'));

describe('slow statements', () => {
  it('logs a real slow statement with its request id and normalised text, records it and alerts the admins', async () => {
    const slowBefore = (await getMetrics().slowStatements.get()).values[0]?.value ?? 0;
    // Drizzle's query runs when awaited: inside the request, as a handler's statements do.
    await runInRequest({ requestId: 'req-slow-1' }, async () => {
      await handle.db.execute(sql`select pg_sleep(0.3), ${'secret@example.org'}::text as who, 'literal' as word`);
    });
    const row = await until(slowRow);
    expect(row).toMatchObject({ kind: 'query', statement: 'select pg_sleep(?), ?::text as who, ? as word', occurrences: 1, lastRequestId: 'req-slow-1' });
    expect(row.lastMs).toBeGreaterThanOrEqual(290);
    const logged = lines.find((l) => l.msg === 'slow database statement');
    expect(logged).toMatchObject({ level: 40, requestId: 'req-slow-1', statement: row.statement, fingerprint: row.fingerprint });
    expect(JSON.stringify(lines)).not.toContain('secret@example.org');
    const alerts = await until(async () => ((await adminAlerts()).length > 0 ? adminAlerts() : undefined));
    expect(alerts.map((a) => a.email)).toEqual(['admin@example.org']);
    expect(alerts[0]).toMatchObject({ link: '/admin/system', title: expect.stringMatching(/^A database statement took 0\.\d s$/) });
    expect(alerts[0]!.body).toContain('req-slow-1');
    expect((await getMetrics().slowStatements.get()).values[0]?.value).toBe(slowBefore + 1);
  });

  it('leaves a statement under the limit alone', async () => {
    await handle.db.execute(sql`select pg_sleep(0.01)`);
    await new Promise((r) => setTimeout(r, 200));
    expect(await slowRow()).toBeUndefined();
    expect(lines.filter((l) => l.msg === 'slow database statement')).toEqual([]);
  });

  it('tells the admins once per statement per hour, however often it is slow, and again after the hour', async () => {
    const at = new Date('2026-12-08T01:00:00Z');
    const op = { kind: 'query' as const, statement: 'select * from ppas where id = $1', ms: 1500, requestId: 'r1' };
    await recordSlowOperation(handle.db, op, () => at);
    resetSlowOperationSpacing();
    await recordSlowOperation(handle.db, { ...op, ms: 2500, requestId: 'r2' }, () => new Date(at.getTime() + 30 * 60_000));
    expect(await adminAlerts()).toHaveLength(1);
    expect(await slowRow()).toMatchObject({ occurrences: 2, lastMs: 2500, maxMs: 2500, lastRequestId: 'r2' });
    resetSlowOperationSpacing();
    await recordSlowOperation(handle.db, { ...op, ms: 1200 }, () => new Date(at.getTime() + SLOW_ALERT_INTERVAL_MS));
    expect(await adminAlerts()).toHaveLength(2);
    expect(await slowRow()).toMatchObject({ occurrences: 3, lastMs: 1200, maxMs: 2500 });
  });

  it('a statement slow again within seconds is logged every time but written once (a slow database cannot feed itself)', async () => {
    const op = { kind: 'query' as const, statement: 'select 1', ms: 1500 };
    await recordSlowOperation(handle.db, op);
    await recordSlowOperation(handle.db, op);
    expect(lines.filter((l) => l.msg === 'slow database statement')).toHaveLength(2);
    expect(await slowRow()).toMatchObject({ occurrences: 1 });
  });

  it('records a slow request by its route, never its path', async () => {
    await recordSlowOperation(handle.db, { kind: 'request', statement: 'GET /ppas/[id]', ms: 2300, requestId: 'req-r' });
    expect(await slowRow()).toMatchObject({ kind: 'request', statement: 'GET /ppas/[id]', lastRequestId: 'req-r' });
    expect((await adminAlerts())[0]!.title).toBe('A request took 2.3 s');
    expect(lines.find((l) => l.msg === 'slow request')).toMatchObject({ requestId: 'req-r' });
  });

  it('times statements inside transactions too', async () => {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_sleep(0.2)`);
    });
    expect(await until(slowRow)).toMatchObject({ statement: 'select pg_sleep(?)' });
    const admin = await handle.db
      .select()
      .from(users)
      .where(and(eq(users.role, 'admin')));
    expect(admin.length).toBeGreaterThan(0);
  });
});
