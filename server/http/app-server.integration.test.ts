import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@/db';
import { closedPort, databaseProxy, type DatabaseProxy } from '@/test/database-proxy';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { checkHealth, healthResponse } from '../services/operations/health';
import { prepareDatabaseWhenReachable, startupRetryDelayMs } from '../services/operations/database-startup';
import { createAppServer, edgeRefusal, type AppServer, type RequestHandler } from './app-server';
import { webSecurityConfigFromEnv } from './web-security';

/**
 * The app's own server (server/main.ts) in front of Next.js: it listens before the database is up and answers
 * 503 until it is, and it refuses malformed paths and oversized declared bodies itself, in the JSON error
 * shape with a request id. Before: a database that was down crashed the start with a stack (nothing listened),
 * and `/api/v1/%` answered a plain-text 500 that nobody logged.
 */

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A raw HTTP request (the path is sent exactly as given, malformed or not); `endless` keeps sending a body. */
function call(port: number, path: string, options: { method?: string; headers?: Record<string, string>; endless?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: kept as text
        }
        resolve({ status: res.statusCode!, headers: res.headers, body });
        req.destroy();
      });
    });
    req.on('error', (error) => (options.endless ? undefined : reject(error)));
    if (options.endless) {
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!req.destroyed && req.write(chunk));
        if (!req.destroyed) req.once('drain', pump);
      };
      pump();
    } else {
      req.end();
    }
  });
}

const webSecurity = webSecurityConfigFromEnv({ NODE_ENV: 'production' });
const servers: AppServer[] = [];
async function listening(): Promise<{ app: AppServer; port: number }> {
  const app = createAppServer({ trustProxy: false, webSecurity });
  servers.push(app);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  return { app, port: (app.server.address() as AddressInfo).port };
}
afterAll(async () => {
  for (const { server } of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A stand-in for Next.js that counts what reaches it. */
function nextStandIn(answer: RequestHandler = async (_req, res) => void res.end('from next')) {
  let reached = 0;
  return {
    reached: () => reached,
    handlers: {
      handleRequest: async (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => {
        reached += 1;
        await answer(req, res);
      },
      handleUpgrade: () => {},
    },
  };
}

describe('what the app server refuses before Next.js', () => {
  it('answers a path that is not valid percent-encoding with 400 in the JSON error shape, with the request id', async () => {
    const { app, port } = await listening();
    const next = nextStandIn();
    app.ready(next.handlers);
    for (const path of ['/api/v1/ppas/%ff%fe', '/api/v1/%', '/api/trpc/%', '/ppas/%', '/ppas/%E0%A4?q=1']) {
      const answer = await call(port, path);
      expect(answer.status, path).toBe(400);
      expect(answer.body, path).toEqual({
        code: 'BAD_REQUEST',
        message: 'path: the URL path is not valid UTF-8 percent-encoding.',
        requestId: answer.headers['x-request-id'],
      });
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['content-security-policy']).toBeTruthy();
    }
    expect((await call(port, '/ppas/%20ok?q=%ff')).status).toBe(200);
    expect(next.reached()).toBe(1);
  });

  it('answers a declared body over the limit with 413 before Next.js reads any of it, however long it goes on', async () => {
    const { app, port } = await listening();
    const next = nextStandIn();
    app.ready(next.handlers);
    const headers = { 'content-type': 'application/json', 'content-length': String(100 * 1024 * 1024) };
    const refused = await call(port, '/api/v1/ppas', { method: 'POST', headers, endless: true });
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'body: the request body is larger than this request takes (at most 4 MiB).',
      requestId: refused.headers['x-request-id'],
    });
    expect(refused.headers.connection).toBe('close');
    expect((await call(port, '/sign-in', { method: 'POST', headers: { 'content-length': String(1024 * 1024 + 1) }, endless: true })).status).toBe(413);
    expect(next.reached()).toBe(0);
  });

  it('gives each path its limit: 4 MiB where the handler holds each route to its own, 1 MiB elsewhere', () => {
    const over = (url: string, bytes: number) => edgeRefusal({ url, headers: { 'content-length': String(bytes) } })?.status ?? 200;
    expect(over('/api/trpc/budget.distribute', 4 * 1024 * 1024)).toBe(200);
    expect(over('/api/v1/ppas/x/distribute-budget', 4 * 1024 * 1024 + 1)).toBe(413);
    expect(over('/api/inngest', 3 * 1024 * 1024)).toBe(200);
    expect(over('/api/auth/callback/credentials', 1024 * 1024 + 1)).toBe(413);
    expect(over('/ppas/new', 1024 * 1024)).toBe(200);
  });

  it('answers an error Next.js lets through with a logged 500 in the JSON error shape', async () => {
    const { app, port } = await listening();
    app.ready(nextStandIn(async () => Promise.reject(new Error('boom'))).handlers);
    const answer = await call(port, '/ppas');
    expect(answer.status).toBe(500);
    expect(answer.body).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: answer.headers['x-request-id'] });
  });
});

describe('while the app starts', () => {
  it('listens at once: /api/health says 503 "starting", every other request 503 with a request id, a websocket 503', async () => {
    const { app, port } = await listening();
    const health = await call(port, '/api/health');
    expect(health).toMatchObject({ status: 503, body: { status: 'starting', database: 'unreachable', migrations: 'unknown' } });
    expect(health.headers['cache-control']).toBe('no-store');
    expect(health.headers['retry-after']).toBe('5');
    const page = await call(port, '/ppas');
    expect(page.status).toBe(503);
    expect(page.body).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      message: 'PPA Tracker is starting and its database is not answering yet. Try again in a minute.',
      requestId: page.headers['x-request-id'],
    });

    app.setProgress({ database: 'ok', migrations: 'current' });
    expect((await call(port, '/api/health')).body).toEqual({ status: 'starting', database: 'ok', migrations: 'current' });
    expect(((await call(port, '/ppas')).body as { message: string }).message).toBe('PPA Tracker is starting. Try again in a moment.');

    expect((await call(port, '/collab/x', { headers: { connection: 'upgrade', upgrade: 'websocket' } })).status).toBe(503);
  });

  it('waits longer after each failed attempt, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(startupRetryDelayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

const config = inject('testDatabase');

describe.skipIf(config.driver !== 'postgres')('starting on a database that is down, then comes back', () => {
  let testDatabase: TestDatabase;
  let proxy: DatabaseProxy | undefined;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
  });
  afterEach(async () => {
    await handle?.close();
    await proxy?.close();
    handle = undefined;
    proxy = undefined;
  });
  afterAll(() => testDatabase.close());

  async function startWith(databaseUrl: string) {
    const { app, port } = await listening();
    handle = openDatabase({ url: databaseUrl }, { connectTimeoutMs: 300, statementTimeoutMs: 5_000 });
    const db = handle.db;
    const lines: string[] = [];
    const started = prepareDatabaseWhenReachable(handle, {
      seedIfEmpty: false,
      log: (line) => lines.push(line),
      onProgress: app.setProgress,
      retryDelayMs: () => 50,
    }).then((result) => {
      // As server/main.ts does once the database is prepared: Next.js (here its health route) takes over.
      app.ready({ handleRequest: async (_req, res) => sendResponse(res, healthResponse(await checkHealth({ db }))), handleUpgrade: () => {} });
      return result;
    });
    const attempts = async (n: number) => {
      while (lines.length < n) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    return { port, lines, started, attempts };
  }

  it('a database that accepts connections and never answers: 503 and a log line per attempt, then ready', async () => {
    proxy = await databaseProxy('hang');
    const start = await startWith(proxy.url(testDatabase.url!));
    await start.attempts(2);
    expect(start.lines[0]).toMatch(/^Database not ready \(attempt 1, not answering: .*CONNECT_TIMEOUT.*\); trying again in 50 ms$/);
    expect(start.lines[1]).toMatch(/^Database not ready \(attempt 2, /);
    expect(await call(start.port, '/api/health')).toMatchObject({ status: 503, body: { status: 'starting', database: 'unreachable', migrations: 'unknown' } });

    proxy.forward();
    expect((await start.started).attempts).toBeGreaterThanOrEqual(3);
    expect(await call(start.port, '/api/health')).toMatchObject({ status: 200, body: { status: 'ok', database: 'ok', migrations: 'current' } });
  });

  it('no database server at all (connection refused): the same, until one listens', async () => {
    const port = await closedPort();
    const start = await startWith(new URL(`postgres://postgres@127.0.0.1:${port}/${new URL(testDatabase.url!).pathname.slice(1)}`).toString());
    await start.attempts(2);
    expect(start.lines[0]).toMatch(/^Database not ready \(attempt 1, not answering: .*ECONNREFUSED/);
    expect((await call(start.port, '/api/health')).status).toBe(503);

    proxy = await databaseProxy('forward', port);
    await start.started;
    expect((await call(start.port, '/api/health')).status).toBe(200);
  });
});

async function sendResponse(res: Parameters<RequestHandler>[1], response: Response) {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
