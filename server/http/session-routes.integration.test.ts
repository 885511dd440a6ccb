import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { restCallers } from '@/test/rest';
import { demoViewer } from '@/test/viewers';
import { UNAUTHORIZED_MESSAGE } from '../errors';

/** The session next-auth would read from the cookie: whoever the test says is signed in. */
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/auth', () => ({ auth: async () => (session.userId ? { user: { id: session.userId } } : null) }));

const { serveAllocationExport, servePpaListExport, serveReportDownload, serveTrpc } = await import('./session-routes');

/**
 * The routes the browser reaches with its session (what app/api/trpc and the six download routes call): the
 * session's caller is resolved once, like a token for REST, and nobody signed in gets the one 401.
 */

let handle: TestDatabase;
let livelihoodId: string;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setDatabase(handle);
  ({ livelihoodId } = await restCallers(handle.db));
});
afterAll(async () => {
  setDatabase(undefined);
  await handle.close();
});

const get = (path: string) => new Request(`http://localhost${path}`, { headers: { 'x-request-id': 'req-session' } });

describe('session routes', () => {
  it('serve the signed-in planner: tRPC, both exports, the allocation tree and a report workbook', async () => {
    session.userId = (await demoViewer(handle.db, 'planner@example.org')).userId;
    const trpc = await serveTrpc(get('/api/trpc/ppa.list?input=%7B%7D'));
    expect(trpc.status).toBe(200);
    const list = await servePpaListExport(get('/api/ppas/export.csv?q=Livelihood'), 'csv');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Livelihood');
    const tree = await serveAllocationExport(get(`/api/ppas/${livelihoodId}/allocation-tree.xlsx`), livelihoodId, 'xlsx');
    expect(tree.status).toBe(200);
    expect(tree.headers.get('content-disposition')).toMatch(/^attachment; filename="allocation-MSSD-/);
    const report = await serveReportDownload(get('/api/reports/budget-execution.xlsx?fiscalYear=2026'), 'budget-execution');
    expect(report.status).toBe(200);
  });

  it('refuse nobody signed in, in the one wording, and tRPC says the same', async () => {
    session.userId = null;
    for (const res of [
      await servePpaListExport(get('/api/ppas/export.xlsx'), 'xlsx'),
      await serveAllocationExport(get(`/api/ppas/${livelihoodId}/allocation-tree.csv`), livelihoodId, 'csv'),
      await serveReportDownload(get('/api/reports/coa-variance.xlsx?fiscalYear=2026'), 'coa-variance'),
    ]) {
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
    }
    const trpc = await serveTrpc(get('/api/trpc/ppa.list?input=%7B%7D'));
    expect(trpc.status).toBe(401);
    expect(((await trpc.json()) as { error: { message: string } }).error.message).toBe(UNAUTHORIZED_MESSAGE);
  });

  it('a session whose user is not in the database is nobody', async () => {
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    session.userId = viewer.userId;
    expect((await servePpaListExport(get('/api/ppas/export.csv'), 'csv')).status).toBe(200);
    session.userId = 'no-such-user';
    expect((await servePpaListExport(get('/api/ppas/export.csv'), 'csv')).status).toBe(401);
  });
});
