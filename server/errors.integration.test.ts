import { Writable } from 'node:stream';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, createTestDatabase, type TestDatabase } from '@/test/database';
import { demoViewer } from '@/test/viewers';
import type { Viewer } from './domain/types';
import { INTERNAL_ERROR_MESSAGE } from './errors';
import { handleCalendarRequest } from './http/calendar-handler';
import { handleAllocationExport } from './http/downloads';
import { handleRestRequest } from './http/rest-handler';
import { setLogger } from './lib/logger';
import { createFailureLimits } from './services/rate-limits/failure-limits';
import { protectedProcedure, router } from './trpc';

let handle: TestDatabase;
let closed: TestDatabase;
let planner: Viewer;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await demoViewer(handle.db, 'planner@example.org');
  closed = await createTestDatabase();
  await closed.close(); // a database that has gone away: every query fails in the driver
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => void (logLines.push(JSON.parse(chunk.toString())), done()) });
  setLogger(pino({ level: 'info' }, sink));
});
afterAll(async () => {
  setLogger(undefined);
  await handle.close();
});

const SECRET = 'p4ssword-in-a-parameter';

/** The body leaks nothing the log keeps: no SQL, no parameter, no stack. */
function expectSanitised(text: string) {
  expect(text).not.toMatch(/no_such_table|select|p4ssword|\bat \S+:\d+|\.ts:\d+/i);
}

function loggedUnder(requestId: string) {
  return logLines.find((line) => line.requestId === requestId);
}

describe('an unexpected error', () => {
  it('over tRPC: the generic message and the request id; the log holds the SQL under that id', async () => {
    const failing = router({
      explode: protectedProcedure.mutation(async ({ ctx }) => {
        await ctx.db.execute(sql`select * from no_such_table where secret = ${SECRET}`);
      }),
    });
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request('http://localhost/api/trpc/explode', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      router: failing,
      createContext: async () => ({ db: handle.db, viewer: planner, requestId: 'req-trpc-1' }),
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expectSanitised(text);
    const body = JSON.parse(text) as { error: { message: string; data: { code: string; requestId: string } } };
    expect(body.error.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(body.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-trpc-1' });
    expect(JSON.stringify(loggedUnder('req-trpc-1'))).toContain('no_such_table');
  });

  it('over REST, exports and the calendar: `{ code, message, requestId }` with a 500, detail only in the log', async () => {
    const token = 'ppa_any-token-at-all';
    const rest = await handleRestRequest(
      new Request('http://localhost/api/v1/ppas', { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-rest-1' } }),
      closed.db,
      { limits: createFailureLimits(null) },
    );
    const exported = await handleAllocationExport(closed.db, planner, '00000000-0000-4000-8000-000000000000', 'csv', 'req-export-1');
    const calendar = await handleCalendarRequest(
      new Request('http://localhost/api/v1/ppas/x/calendar.ics', { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-ics-1' } }),
      closed.db,
      '00000000-0000-4000-8000-000000000000',
    );
    for (const [res, requestId] of [
      [rest, 'req-rest-1'],
      [exported, 'req-export-1'],
      [calendar, 'req-ics-1'],
    ] as const) {
      expect(res.status, requestId).toBe(500);
      const text = await res.text();
      expectSanitised(text);
      expect(JSON.parse(text)).toEqual({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, requestId });
      expect(loggedUnder(requestId), requestId).toMatchObject({ level: 50, msg: 'unexpected error' });
    }
  });

  it('a value the database cannot hold is a 400, and a rule it enforces a 409, never a 500', async () => {
    const failing = router({
      outOfRange: protectedProcedure.mutation(async ({ ctx }) => void (await ctx.db.execute(sql`select ${'0000-01-01'}::date`))),
    });
    const res = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request('http://localhost/api/trpc/outOfRange', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      router: failing,
      createContext: async () => ({ db: handle.db, viewer: planner }),
    });
    expect(res.status).toBe(400);
    expectSanitised(await res.text());
  });
});
