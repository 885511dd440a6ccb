import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getMetrics } from '../server/lib/metrics';
import { operationsHooks, type SlowOperation } from '../server/lib/operations-hooks';
import { runInRequest } from '../server/lib/request-context';
import { createTestDatabase, type TestDatabase } from '../test/database';
import { openDatabase, type DatabaseHandle } from './index';

/**
 * Statements are timed at the driver, on both drivers, in transactions too: each lands in the duration
 * histogram by its first keyword, and one over SLOW_QUERY_MS reaches the operations hook with the request id.
 */
const seen: SlowOperation[] = [];
const savedSlowQueryMs = process.env.SLOW_QUERY_MS;
let pglite: DatabaseHandle;
let configured: TestDatabase;
beforeAll(async () => {
  pglite = openDatabase({ memory: true });
  configured = await createTestDatabase();
  operationsHooks().onSlowOperation = (op) => seen.push(op);
});
afterAll(async () => {
  operationsHooks().onSlowOperation = undefined;
  if (savedSlowQueryMs === undefined) delete process.env.SLOW_QUERY_MS;
  else process.env.SLOW_QUERY_MS = savedSlowQueryMs;
  await pglite.close();
  await configured.close();
});
afterEach(() => void seen.splice(0));

async function countOf(operation: string): Promise<number> {
  const metric = await getMetrics().statementDuration.get();
  return metric.values.find((v) => v.metricName === 'ppa_db_statement_duration_seconds_count' && v.labels.operation === operation)?.value ?? 0;
}

describe.each([
  ['PGlite', () => pglite],
  ['the configured test database', () => configured],
])('statement timing on %s', (_name, db) => {
  it('counts statements by operation, in and out of transactions, and leaves none in flight', async () => {
    const selects = await countOf('select');
    const others = await countOf('other');
    await db().db.execute(sql`select 1`);
    await db().db.transaction(async (tx) => {
      await tx.execute(sql`select 2`);
      await tx.execute(sql`create temporary table if not exists timing_probe (x int)`);
    });
    expect(await countOf('select')).toBeGreaterThanOrEqual(selects + 2);
    expect(await countOf('other')).toBeGreaterThan(others);
    expect((await getMetrics().statementsInFlight.get()).values[0]?.value).toBe(0);
  });

  it('hands a slow statement to the operations hook with the request that sent it; a failed one is timed too', async () => {
    process.env.SLOW_QUERY_MS = '100';
    await runInRequest({ requestId: 'timing-1' }, async () => {
      await db().db.execute(sql`select pg_sleep(0.15)`);
    });
    await expect(db().db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    process.env.SLOW_QUERY_MS = '100000';
    expect(seen).toEqual([expect.objectContaining({ kind: 'query', statement: 'select pg_sleep(0.15)', requestId: 'timing-1' })]);
    expect(seen[0]!.ms).toBeGreaterThanOrEqual(140);
    expect((await getMetrics().statementsInFlight.get()).values[0]?.value).toBe(0);
  });
});
