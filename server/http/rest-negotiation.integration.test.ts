import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { restCallers } from '@/test/rest';
import { createFailureLimits } from '../services/rate-limits/failure-limits';
import { handleRestRequest } from './rest-handler';

// The allocation tree over REST as a client polling it sees it: ETag and 304, and the rules
// (who may see the tree) applied before any 304.
let handle: TestDatabase;
let plannerToken: string;
let mafarToken: string;
let viewerToken: string;
let livelihoodId: string;
const limits = createFailureLimits(null);

interface Node {
  id: string;
  actual: string;
  obligations: string;
  children: Node[];
}

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  ({ plannerToken, mafarToken, viewerToken, livelihoodId } = await restCallers(handle.db));
});
afterAll(() => handle.close());

function call(method: string, path: string, token: string, headers: Record<string, string> = {}, body?: unknown) {
  return handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    handle.db,
    { limits },
  );
}
const tree = (token: string, headers: Record<string, string> = {}) => call('GET', `/ppas/${livelihoodId}/budget-allocation-tree`, token, headers);
describe('the allocation tree over REST: ETag and 304', () => {
  it('answers 304 to an unchanged tree, and 200 with a new ETag once an expenditure is recorded', async () => {
    const first = await tree(plannerToken);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    const body = (await first.json()) as { tree: Node };
    const again = await tree(plannerToken, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');

    let leaf = body.tree;
    while (leaf.children.length > 0) leaf = leaf.children[0]!;
    const spent = await call(
      'POST',
      `/work-items/${leaf.id}/expenditures`,
      plannerToken,
      {},
      { kind: 'obligation', amount: '1500.00', date: '2026-03-02', description: 'Seedlings' },
    );
    expect(spent.status).toBe(200);
    expect(spent.headers.get('etag')).toBeNull();
    const changed = await tree(plannerToken, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const centavos = (pesos: string) => BigInt(pesos.replace('.', ''));
    expect(centavos(((await changed.json()) as { tree: Node }).tree.obligations) - centavos(body.tree.obligations)).toBe(150_000n);
  });

  it('checks who asks before any 304: another MOA’s planner holding the tag gets 404, a reviewer a tree of their own', async () => {
    const etag = (await tree(plannerToken)).headers.get('etag')!;
    const outsider = await tree(mafarToken, { 'if-none-match': etag });
    expect(outsider.status).toBe(404);
    expect(await outsider.json()).toMatchObject({ code: 'NOT_FOUND' });
    // The viewer sees the same work items but may not edit: a different answer, so no 304.
    const viewer = await tree(viewerToken, { 'if-none-match': etag });
    expect(viewer.status).toBe(200);
    expect(((await viewer.json()) as { ppa: { canEdit: boolean } }).ppa.canEdit).toBe(false);
    expect((await tree(plannerToken, { 'if-none-match': '*', authorization: 'Bearer ppa_not-a-token' })).status).toBe(401);
  });

  it('sends a refusal without an ETag, and 404 rather than 304 to If-None-Match: *', async () => {
    const refused = await call('GET', '/ppas/00000000-0000-4000-8000-000000000000/budget-allocation-tree', plannerToken, { 'if-none-match': '*' });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('etag')).toBeNull();
  });
});
