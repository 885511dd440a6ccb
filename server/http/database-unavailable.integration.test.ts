import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_DATABASE_TIMEOUTS, databaseTimeoutsFromEnv, openDatabase, requestDeadlineMs, type DatabaseHandle } from '@/db';
import { sql } from 'drizzle-orm';
import { databaseProxy, type DatabaseProxy } from '@/test/database-proxy';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { demoApiToken, demoViewer } from '@/test/viewers';
import { DATABASE_UNAVAILABLE_MESSAGE } from '../errors';
import { loadViewer } from '../services/auth/viewers';
import { serveSessionDownload } from './downloads';
import { handleRestRequest } from './rest-handler';
import { handleTrpcRequest } from './trpc-handler';

/**
 * Every query and connection attempt is bounded (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS) and
 * a database that does not answer in time is a 503 the caller may retry, with a request id. Before: while the
 * database hung, requests hung for more than 20 s and then answered 500.
 */

describe('database timeouts from the environment', () => {
  it('default to 5 s to connect and 10 s a statement; whole milliseconds, 0 switching the statement limit off', () => {
    expect(databaseTimeoutsFromEnv({})).toEqual({ connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
    expect(DEFAULT_DATABASE_TIMEOUTS).toEqual({ connectTimeoutMs: 5_000, statementTimeoutMs: 10_000 });
    // A request waits on the database at most a connection attempt and a statement together.
    expect(requestDeadlineMs({})).toBe(15_000);
    expect(requestDeadlineMs({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toBeNull();
    expect(databaseTimeoutsFromEnv({ DATABASE_CONNECT_TIMEOUT_MS: '2500', DATABASE_STATEMENT_TIMEOUT_MS: ' 0 ' })).toEqual({
      connectTimeoutMs: 2_500,
      statementTimeoutMs: 0,
    });
    expect(() => databaseTimeoutsFromEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '10s' })).toThrow(
      'DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds, not "10s".',
    );
    expect(() => databaseTimeoutsFromEnv({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(
      /DATABASE_CONNECT_TIMEOUT_MS must be a whole number of milliseconds of at least 1/,
    );
  });
});

const config = inject('testDatabase');

describe.skipIf(config.driver !== 'postgres')('a database that does not answer in time', () => {
  let seeded: TestDatabase;
  let plannerToken: string;
  const opened: DatabaseHandle[] = [];
  const proxies: DatabaseProxy[] = [];
  beforeAll(async () => {
    seeded = await createSeededTestDatabase();
    plannerToken = await demoApiToken(seeded.db, 'planner@example.org');
  });
  afterAll(async () => {
    for (const handle of opened) await handle.close();
    for (const proxy of proxies) await proxy.close();
    await seeded.close();
  });

  const open = (url: string, options: Parameters<typeof openDatabase>[1]) => {
    const handle = openDatabase({ url }, options);
    opened.push(handle);
    return handle;
  };
  const restGet = (handle: DatabaseHandle, path: string) =>
    handleRestRequest(
      new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${plannerToken}`, 'x-request-id': 'req-db-down' } }),
      handle.db,
      { limits: NEVER_BLOCKING_LIMITS },
    );

  it('cannot connect (it accepts and never answers): REST and tRPC answer 503 once the connect timeout passes', async () => {
    const proxy = await databaseProxy('hang');
    proxies.push(proxy);
    const hanging = open(proxy.url(seeded.url!), { connectTimeoutMs: 300 });

    const rest = await restGet(hanging, '/ppas');
    expect(rest.status).toBe(503);
    expect(await rest.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, requestId: 'req-db-down' });

    // The session's viewer is read while the context is made; then a procedure's own query.
    const planner = await demoViewer(seeded.db, 'planner@example.org');
    const trpc = (createContext: () => Promise<{ db: typeof hanging.db; viewer: typeof planner | null }>) =>
      handleTrpcRequest(new Request('http://localhost/api/trpc/ppa.list?input=%7B%7D'), createContext);
    const noContext = await trpc(async () => ({ db: hanging.db, viewer: await loadViewer(hanging.db, planner.userId) }));
    expect(noContext.status).toBe(503);
    const procedure = await trpc(async () => ({ db: hanging.db, viewer: planner }));
    expect(procedure.status).toBe(503);
    expect(((await procedure.json()) as { error: { message: string; data: { code: string } } }).error).toMatchObject({
      message: DATABASE_UNAVAILABLE_MESSAGE,
      data: { code: 'SERVICE_UNAVAILABLE' },
    });

    // A download route reads its signed-in viewer (resolveCaller, from the session) before its handler runs.
    const downloadRequest = new Request('http://localhost/api/ppas/export.csv', { headers: { 'x-request-id': 'req-download' } });
    const seen: unknown[] = [];
    const download = (db: DatabaseHandle) =>
      serveSessionDownload(downloadRequest, async (_db, viewer) => (seen.push(viewer), new Response('file')), {
        db: db.db,
        sessionUserId: async () => planner.userId,
      });
    const refused = await download(hanging);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, requestId: 'req-download' });
    expect(seen).toEqual([]);
    expect((await download(seeded)).status).toBe(200);
    expect(seen).toEqual([planner]);
  });

  it('a statement that runs past the statement timeout (here: waiting on a lock) is cancelled by the server: 503', async () => {
    const bounded = open(seeded.url!, { statementTimeoutMs: 300 });
    const holder = postgres(seeded.url!, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.begin(async (tx) => {
      await tx`lock table ppas in access exclusive mode`;
      locked();
      await held;
    });
    try {
      await isLocked;
      const answer = await restGet(bounded, '/ppas');
      expect(answer.status).toBe(503);
      expect(((await answer.json()) as { code: string }).code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      release();
      await holding;
      await holder.end({ timeout: 5 });
    }
    expect((await restGet(bounded, '/ppas')).status).toBe(200);
  });

  // What statement_timeout cannot catch: the server stops answering on a connection the app already holds.
  it('stops answering on an open connection: REST and tRPC answer 503 at the request’s deadline', async () => {
    const proxy = await databaseProxy('forward');
    proxies.push(proxy);
    const silent = open(proxy.url(seeded.url!), { connectTimeoutMs: 300, statementTimeoutMs: 300 });
    expect((await restGet(silent, '/ppas')).status).toBe(200); // the pool's connection is open
    proxy.freeze();

    const rest = await handleRestRequest(
      new Request('http://localhost/api/v1/ppas', { headers: { authorization: `Bearer ${plannerToken}`, 'x-request-id': 'req-frozen' } }),
      silent.db,
      { limits: NEVER_BLOCKING_LIMITS, deadlineMs: 800 },
    );
    expect(rest.status).toBe(503);
    expect(await rest.json()).toEqual({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, requestId: 'req-frozen' });

    const planner = await demoViewer(seeded.db, 'planner@example.org');
    const trpc = await handleTrpcRequest(new Request('http://localhost/api/trpc/ppa.list?input=%7B%7D'), async () => ({
      db: silent.db,
      viewer: planner,
      deadlineMs: 800,
    }));
    expect(trpc.status).toBe(503);
    const late = await handleTrpcRequest(
      new Request('http://localhost/api/trpc/ppa.list?input=%7B%7D'),
      async () => ({ db: silent.db, viewer: await loadViewer(silent.db, planner.userId) }),
      { deadlineMs: 800 },
    );
    expect(late.status).toBe(503);
    const download = await serveSessionDownload(new Request('http://localhost/api/ppas/export.csv'), async () => new Response('file'), {
      db: silent.db,
      sessionUserId: async () => planner.userId,
      deadlineMs: 800,
    });
    expect(download.status).toBe(503);
  });

  it('migrations run on their own connection, without the statement timeout: they wait out a lock the app’s queries may not', async () => {
    const strict = open(seeded.url!, { statementTimeoutMs: 200 });
    await strict.db.execute(sql`select 1`); // the pool's first connection made (its own set-up queries are quick)
    const holder = postgres(seeded.url!, { max: 1, onnotice: () => {} });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = holder.begin(async (tx) => {
      await tx`lock table drizzle.__drizzle_migrations in access exclusive mode`;
      locked();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    });
    try {
      await isLocked;
      await expect(strict.db.execute(sql`select count(*) from drizzle.__drizzle_migrations`)).rejects.toThrow();
      await expect(strict.migrate()).resolves.toBeUndefined();
    } finally {
      await holding;
      await holder.end({ timeout: 5 });
    }
  });
});
