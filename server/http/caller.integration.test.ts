import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { NEVER_BLOCKING_LIMITS } from '@/test/failure-limits';
import { restCallers } from '@/test/rest';
import { demoApiToken, demoViewer } from '@/test/viewers';
import type { SignedInViewer } from '../domain/types';
import { AppError, UNAUTHORIZED_MESSAGE, UNSUPPORTED_MEDIA_TYPE_MESSAGE } from '../errors';
import type { FailureLimits } from '../services/rate-limits/failure-limits';
import { resolveCaller, signedIn, type Credentials } from './caller';
import { handleCalendarRequest } from './calendar-handler';
import { handleAllocationExport, handlePpaListExport, handleReportDownload, serveSessionDownload } from './downloads';
import { handleRestRequest } from './rest-handler';

/**
 * One resolveCaller for every HTTP edge: a session, a bearer token, a calendar token (header or ?token=); and one
 * wording for its refusals (401, 415, 429 with Retry-After) whichever edge gives them.
 */

let handle: TestDatabase;
let planner: SignedInViewer;
let plannerToken: string;
let livelihoodId: string;

/** Limits whose unknown-token count is already over: every unknown token is told to wait 90 s. */
const overLimit: FailureLimits = { ...NEVER_BLOCKING_LIMITS, apiTokenPerIp: { ...NEVER_BLOCKING_LIMITS.apiTokenPerIp, recordFailure: async () => 90 } };

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await demoViewer(handle.db, 'planner@example.org');
  ({ plannerToken, livelihoodId } = await restCallers(handle.db));
});
afterAll(() => handle.close());

const resolve = (req: Request, credentials: Credentials, limits: FailureLimits = NEVER_BLOCKING_LIMITS) =>
  resolveCaller(req, { db: handle.db, credentials, limits, deadlineMs: null });

describe('resolveCaller', () => {
  it('reads a session, a bearer token, and a calendar token from the header or the query', async () => {
    const bare = new Request('http://localhost/x');
    expect(await resolve(bare, { kind: 'session', userId: async () => planner.userId })).toEqual(planner);
    expect(await resolve(bare, { kind: 'session', userId: async () => undefined })).toBeNull();
    const bearer = new Request('http://localhost/x', { headers: { authorization: `Bearer ${plannerToken}` } });
    expect(await resolve(bearer, { kind: 'bearer' })).toEqual(planner);
    expect(await resolve(bearer, { kind: 'calendar' })).toEqual(planner);
    const query = new Request(`http://localhost/x?token=${plannerToken}`);
    expect(await resolve(query, { kind: 'calendar' })).toEqual(planner);
    // Only calendar apps may put the token in the URL (it ends up in logs): REST ignores it there.
    expect(await resolve(query, { kind: 'bearer' })).toBeNull();
    // A session does not read tokens, nor a token route the session.
    expect(await resolve(bearer, { kind: 'session', userId: async () => null })).toBeNull();
  });

  it('a deactivated user is nobody, by session or token', async () => {
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    const token = await demoApiToken(handle.db, 'viewer@example.org');
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, viewer.userId));
    try {
      expect(await resolve(new Request('http://localhost/x'), { kind: 'session', userId: async () => viewer.userId })).toBeNull();
      expect(await resolve(new Request('http://localhost/x', { headers: { authorization: `Bearer ${token}` } }), { kind: 'bearer' })).toBeNull();
    } finally {
      await handle.db.update(users).set({ deactivatedAt: null }).where(eq(users.id, viewer.userId));
    }
  });

  it('an unknown token past the address limit is a 429 worded once, with when to come back; a valid token never is', async () => {
    const unknown = new Request('http://localhost/x', { headers: { authorization: 'Bearer ppa_unknown' } });
    const refusal = await resolve(unknown, { kind: 'bearer' }, overLimit).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many requests with unknown API tokens. Try again in 2 minutes.',
      retryAfterSeconds: 90,
    });
    const valid = new Request('http://localhost/x', { headers: { authorization: `Bearer ${plannerToken}` } });
    expect(await resolve(valid, { kind: 'bearer' }, overLimit)).toEqual(planner);
  });

  it('signedIn turns nobody into the one 401', () => {
    expect(signedIn(planner)).toBe(planner);
    expect(() => signedIn(null)).toThrow(UNAUTHORIZED_MESSAGE);
  });
});

describe('one wording at every edge', () => {
  const unauthorized = { code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE };

  it('401: REST, the calendar, and every session download say the same', async () => {
    const rest = await handleRestRequest(new Request('http://localhost/api/v1/ppas'), handle.db, { limits: NEVER_BLOCKING_LIMITS });
    const calendar = await handleCalendarRequest(new Request(`http://localhost/api/v1/ppas/${livelihoodId}/calendar.ics`), handle.db, livelihoodId, {
      limits: NEVER_BLOCKING_LIMITS,
    });
    const anonymous = (download: () => Promise<Response>) =>
      serveSessionDownload(new Request('http://localhost/api/ppas/export.csv'), download, { db: handle.db, sessionUserId: async () => null });
    const list = await anonymous(() => handlePpaListExport(handle.db, null, {}, 'csv'));
    for (const res of [rest, calendar, list]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(unauthorized);
    }
    for (const res of [
      await handleAllocationExport(handle.db, null, livelihoodId, 'csv'),
      await handleReportDownload(handle.db, null, 'budget-execution', new URLSearchParams('fiscalYear=2026')),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(unauthorized);
    }
  });

  it('415: a REST write whose body is not JSON', async () => {
    const res = await handleRestRequest(
      new Request('http://localhost/api/v1/ppas', {
        method: 'POST',
        headers: { authorization: `Bearer ${plannerToken}`, 'content-type': 'text/plain' },
        body: '{}',
      }),
      handle.db,
      { limits: NEVER_BLOCKING_LIMITS },
    );
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: UNSUPPORTED_MEDIA_TYPE_MESSAGE });
  });

  it('429: REST and the calendar answer an address over its limit alike, with Retry-After', async () => {
    const unknown = { headers: { authorization: 'Bearer ppa_unknown' } };
    const rest = await handleRestRequest(new Request('http://localhost/api/v1/ppas', unknown), handle.db, { limits: overLimit });
    const calendar = await handleCalendarRequest(new Request(`http://localhost/api/v1/ppas/${livelihoodId}/calendar.ics`, unknown), handle.db, livelihoodId, {
      limits: overLimit,
    });
    for (const res of [rest, calendar]) {
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('90');
      expect(await res.json()).toEqual({ code: 'TOO_MANY_REQUESTS', message: 'Too many requests with unknown API tokens. Try again in 2 minutes.' });
    }
  });
});

describe('the session downloads run the REST procedures', () => {
  it('a report workbook is the very file REST answers for the same query', async () => {
    const params = 'fiscalYear=2026&moa=MSSD';
    const session = await handleReportDownload(handle.db, planner, 'coa-variance', new URLSearchParams(params));
    const rest = await handleRestRequest(
      new Request(`http://localhost/api/v1/reports/coa-variance.xlsx?${params}`, { headers: { authorization: `Bearer ${plannerToken}` } }),
      handle.db,
      { limits: NEVER_BLOCKING_LIMITS },
    );
    expect(session.status).toBe(200);
    expect([...session.headers.entries()]).toEqual([...rest.headers.entries()]);
    // The same bad input gets the same 400 from both.
    const bad = await handleReportDownload(handle.db, planner, 'coa-variance', new URLSearchParams('fiscalYear=twenty'));
    const restBad = await handleRestRequest(
      new Request('http://localhost/api/v1/reports/coa-variance.xlsx?fiscalYear=twenty', { headers: { authorization: `Bearer ${plannerToken}` } }),
      handle.db,
      { limits: NEVER_BLOCKING_LIMITS },
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual(await restBad.json());
  });

  it('the allocation tree download is the tree the REST procedure answers, and another MOA’s PPA is not found', async () => {
    const csv = await (await handleAllocationExport(handle.db, planner, livelihoodId, 'csv')).text();
    const rest = await handleRestRequest(
      new Request(`http://localhost/api/v1/ppas/${livelihoodId}/budget-allocation-tree`, { headers: { authorization: `Bearer ${plannerToken}` } }),
      handle.db,
      { limits: NEVER_BLOCKING_LIMITS },
    );
    type Node = { title: string; children?: Node[] };
    const titles = (node: Node): string[] => [node.title, ...(node.children ?? []).flatMap(titles)];
    const { tree } = (await rest.json()) as { tree: Node };
    expect(titles(tree).length).toBeGreaterThan(3);
    for (const title of titles(tree)) expect(csv).toContain(title);
    const mafar = await demoViewer(handle.db, 'planner.mafar@example.org');
    const hidden = await handleAllocationExport(handle.db, mafar, livelihoodId, 'csv');
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ code: 'NOT_FOUND', message: 'That PPA was not found, or you do not have access to it.' });
  });
});
