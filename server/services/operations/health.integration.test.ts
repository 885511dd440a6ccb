import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, setDatabase } from '@/db';
import { GET } from '@/app/api/health/route';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { checkHealth, healthResponse } from './health';

describe('GET /api/health', () => {
  let handle: TestDatabase | undefined;
  afterEach(async () => {
    setDatabase(undefined);
    await handle?.close();
    handle = undefined;
  });

  it('answers 200 ok, uncached, on a migrated database', async () => {
    handle = await createTestDatabase();
    expect(await checkHealth({ db: handle.db })).toEqual({ status: 'ok', database: 'ok', migrations: 'current' });

    setDatabase(handle);
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok', migrations: 'current' });
  });

  it('answers 503 pending when a shipped migration has no row in drizzle’s table', async () => {
    handle = await createTestDatabase();
    await handle.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`);
    const response = healthResponse(await checkHealth({ db: handle.db }));
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'unavailable', database: 'ok', migrations: 'pending' });
  });

  it('answers 503 pending on a database that was never migrated', async () => {
    handle = await createTestDatabase();
    await handle.db.execute(sql`drop schema drizzle cascade`);
    expect(await checkHealth({ db: handle.db })).toEqual({ status: 'unavailable', database: 'ok', migrations: 'pending' });
  });

  it('answers 503 unreachable, with no error detail, when the database is closed', async () => {
    const closed = await createTestDatabase();
    await closed.close();
    setDatabase(closed);
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.text()).toBe(JSON.stringify({ status: 'unavailable', database: 'unreachable', migrations: 'unknown' }));
  });

  it('answers 503 unreachable when no server listens, and when the database does not answer in time', async () => {
    const nowhere = openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nowhere' });
    try {
      expect(await checkHealth({ db: nowhere.db })).toEqual({ status: 'unavailable', database: 'unreachable', migrations: 'unknown' });
    } finally {
      await nowhere.close();
    }

    const stuck = { execute: () => new Promise(() => {}) } as unknown as TestDatabase['db'];
    expect(await checkHealth({ db: stuck, timeoutMs: 50 })).toEqual({ status: 'unavailable', database: 'unreachable', migrations: 'unknown' });
  });
});
