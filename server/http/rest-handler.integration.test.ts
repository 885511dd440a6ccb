import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { restCallers } from '@/test/rest';
import { demoViewer } from '@/test/viewers';
import { createApiToken, hashToken, listApiTokens, revokeApiToken } from '../services/api-tokens/api-tokens';
import { handleCalendarRequest } from './calendar-handler';
import { handleRestRequest, openApiDocument } from './rest-handler';

let handle: TestDatabase;
let plannerToken: string;
let mafarToken: string;
let viewerToken: string;
let livelihoodId: string;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  ({ plannerToken, mafarToken, viewerToken, livelihoodId } = await restCallers(handle.db));
});
afterAll(() => handle.close());

function call(method: string, path: string, token: string | null, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    handle.db,
  );
}

interface Node {
  title: string;
  allocated: string;
  actual: string;
  children: Node[];
}

describe('REST API authentication', () => {
  it('answers 401 without a token, with a bad token, and with a revoked one', async () => {
    expect((await call('GET', '/ppas', null)).status).toBe(401);
    expect((await call('GET', '/ppas', 'ppa_not-a-real-token')).status).toBe(401);
    expect((await call('GET', '/ppas', 'something-else')).status).toBe(401);
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    const temp = await createApiToken({ db: handle.db, viewer, name: 'temporary' });
    expect((await call('GET', '/ppas', temp.token)).status).toBe(200);
    await revokeApiToken({ db: handle.db, viewer, tokenId: temp.id });
    const revoked = await call('GET', '/ppas', temp.token);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toEqual({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  });

  it('stores only a hash, lists a user’s own tokens, and refuses to revoke another user’s', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const [stored] = await handle.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hashToken(plannerToken)));
    expect(stored?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(plannerToken);
    expect(stored?.lastUsedAt).not.toBeNull();
    const mine = await listApiTokens({ db: handle.db, viewer: planner });
    expect(mine.map((t) => t.displayPrefix)).toEqual([plannerToken.slice(0, 10)]);
    const mafar = await demoViewer(handle.db, 'planner.mafar@example.org');
    await expect(revokeApiToken({ db: handle.db, viewer: mafar, tokenId: mine[0]!.id })).rejects.toThrow('not found');
  });

  it('refuses an expired token', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const expiring = await createApiToken({ db: handle.db, viewer: planner, name: 'short' });
    await handle.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expiring.id));
    expect((await call('GET', '/ppas', expiring.token)).status).toBe(401);
  });
});

describe('REST API endpoints', () => {
  it('lists only what the caller may see, with filters by MOA code and stage', async () => {
    const res = await call('GET', '/ppas?fiscalYear=2026&approvalStage=enacted&moa=mssd', plannerToken);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { title: string; budgetAllocation: string }[] };
    expect(body.items).toEqual([expect.objectContaining({ title: 'Livelihood Training for OBC Women', budgetAllocation: '5000000.00' })]);
    const mafarView = (await (await call('GET', '/ppas?moa=MSSD', mafarToken)).json()) as { items: unknown[] };
    expect(mafarView.items).toEqual([]);
  });

  it('returns the Livelihood Training allocation tree with the mock-up’s amounts', async () => {
    const res = await call('GET', `/ppas/${livelihoodId}/budget-allocation-tree`, plannerToken);
    expect(res.status).toBe(200);
    const { ppa, tree } = (await res.json()) as { ppa: { budgetAllocation: string }; tree: Node };
    expect(ppa.budgetAllocation).toBe('5000000.00');
    const flat = (n: Node): [string, string][] => [[n.title, n.allocated], ...n.children.flatMap(flat)];
    expect(flat(tree)).toEqual([
      ['Livelihood Training for OBC Women', '5000000.00'],
      ['Preparation', '750000.00'],
      ['Venue Booking', '300000.00'],
      ['Invitations', '450000.00'],
      ['Execution', '3750000.00'],
      ['Training Sessions', '3750000.00'],
      ['Completion & Reporting', '500000.00'],
      ['M&E Report', '500000.00'],
    ]);
  });

  it('gives 404 for another MOA’s PPA, 403 to a viewer’s write, 409 for a locked budget', async () => {
    expect((await call('GET', `/ppas/${livelihoodId}/budget-allocation-tree`, mafarToken)).status).toBe(404);
    expect((await call('GET', `/ppas/${livelihoodId}`, mafarToken)).status).toBe(404);
    const viewerWrite = await call('PATCH', `/ppas/${livelihoodId}`, viewerToken, { title: 'Renamed by a viewer' });
    expect(viewerWrite.status).toBe(403);
    const tree = ((await (await call('GET', `/ppas/${livelihoodId}/budget-allocation-tree`, plannerToken)).json()) as { tree: { id: string } }).tree;
    const locked = await call('POST', `/ppas/${livelihoodId}/distribute-budget`, plannerToken, { parentId: tree.id, mode: 'equal' });
    expect(locked.status).toBe(409);
    expect((await locked.json()) as { code: string; message: string }).toEqual({ code: 'CONFLICT', message: expect.stringContaining('locked') });
  });

  it('gives 400 with a message that names the field, and changes nothing', async () => {
    const res = await call('POST', '/ppas', plannerToken, {
      title: 'Kitchen',
      category: 'project',
      sector: 'social',
      fiscalYear: 2026,
      budgetCeiling: '100',
      budgetAllocation: '200',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'BAD_REQUEST',
      message: 'budgetAllocation: The budget allocation cannot be more than the budget ceiling.',
      fieldErrors: { budgetAllocation: ['The budget allocation cannot be more than the budget ceiling.'] },
    });
    const bad = await call('POST', `/work-items/${livelihoodId}/expenditures`, plannerToken, { amount: 'ten pesos', date: '2026-01-01', description: 'x' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe('amount: Enter an amount in pesos, like 1500000.00.');
  });

  it('runs the planner’s whole flow: create, enable tracking, add, distribute, undo, spend, sync, delete', async () => {
    const created = await call('POST', '/ppas', plannerToken, {
      title: 'Madrasah Teachers Training',
      category: 'activity',
      sector: 'social',
      fiscalYear: 2026,
      budgetCeiling: '2000000',
      budgetAllocation: '2000000',
    });
    expect(created.status).toBe(200);
    const ppaId = ((await created.json()) as { id: string }).id;
    const enabled = await call('POST', `/ppas/${ppaId}/enable-workitem-tracking`, plannerToken, { template: 'default' });
    const root = ((await enabled.json()) as { tree: Node & { id: string; children: (Node & { id: string })[] } }).tree;
    expect(root.children.map((c) => c.allocated)).toEqual(['300000.00', '1500000.00', '200000.00']);
    const execution = root.children[1]!;
    const added = await call('POST', '/work-items', plannerToken, { parentId: execution.id, title: 'Batch 1', workType: 'task' });
    expect(added.status).toBe(200);
    const batch1 = (await added.json()) as { id: string };
    await call('POST', '/work-items', plannerToken, { parentId: execution.id, title: 'Batch 2', workType: 'task' });
    // Distribute and undo answer with the whole tree: Execution's ₱1,500,000.00 split in two, then taken back.
    const executionIn = async (res: Response) => {
      expect(res.status).toBe(200);
      const { tree } = (await res.json()) as { tree: Node };
      return tree.children.find((c) => c.title === 'Execution')!;
    };
    const split = await executionIn(await call('POST', `/ppas/${ppaId}/distribute-budget`, plannerToken, { parentId: execution.id, mode: 'equal' }));
    expect(split.children.map((c) => [c.title, c.allocated])).toEqual([
      ['Batch 1', '750000.00'],
      ['Batch 2', '750000.00'],
    ]);
    expect(split.allocated).toBe('1500000.00');
    const undo = await executionIn(await call('POST', `/ppas/${ppaId}/undo-distribution`, plannerToken, { parentId: execution.id }));
    expect(undo.children.map((c) => [c.title, c.allocated])).toEqual([
      ['Batch 1', '0.00'],
      ['Batch 2', '0.00'],
    ]);
    expect(undo.allocated).toBe('1500000.00');
    // What the responses said is what is stored: read back over REST.
    const stored = (await (await call('GET', `/ppas/${ppaId}/budget-allocation-tree`, plannerToken)).json()) as { tree: Node };
    expect(stored.tree.children[1]!.children.map((c) => c.allocated)).toEqual(['0.00', '0.00']);
    // A second undo has nothing left to undo.
    expect((await call('POST', `/ppas/${ppaId}/undo-distribution`, plannerToken, { parentId: execution.id })).status).toBe(409);
    const patched = await call('PATCH', `/work-items/${batch1.id}`, plannerToken, { status: 'completed', allocatedBudget: '750000' });
    expect(((await patched.json()) as { progress: number }).progress).toBe(100);
    // A draft has no approved budget to spend: the ledger refuses, and writes nothing.
    const spent = await call('POST', `/work-items/${batch1.id}/expenditures`, plannerToken, {
      kind: 'obligation',
      amount: '800000.00',
      date: '2026-06-01',
      description: 'Trainers and venue',
    });
    expect(spent.status).toBe(409);
    expect(((await spent.json()) as { message: string }).message).toContain('approved out of budget review');
    const ledger = (await (await call('GET', `/work-items/${batch1.id}/expenditures`, plannerToken)).json()) as { amount: string }[];
    expect(ledger).toEqual([]);
    const synced = await call('POST', `/ppas/${ppaId}/sync-from-workitem`, plannerToken);
    // Batch 1 holds all of Execution's allocated money, so Execution is 100% and the project 1.5M of 2M = 75%:
    // a project under way, so the PPA is ongoing (its status follows the project's).
    expect(await synced.json()).toEqual({ progress: 75, status: 'ongoing' });
    const moved = await call('POST', `/work-items/${batch1.id}/move`, plannerToken, { parentId: execution.id, position: 1 });
    expect(((await moved.json()) as { sortOrder: number }).sortOrder).toBe(1);
    const batch2 = (await (await call('GET', `/ppas/${ppaId}/budget-allocation-tree`, plannerToken)).json()) as {
      tree: Node & { children: (Node & { children: (Node & { id: string })[] })[] };
    };
    const deleted = await call('DELETE', `/work-items/${batch2.tree.children[1]!.children[0]!.id}`, plannerToken);
    expect(((await deleted.json()) as { deletedIds: string[] }).deletedIds).toHaveLength(1);
    const submitted = await call('POST', `/ppas/${ppaId}/transitions`, plannerToken, { to: 'technical_review', comment: 'Ready for review' });
    expect(((await submitted.json()) as { approvalStage: string }).approvalStage).toBe('technical_review');
    const skip = await call('POST', `/ppas/${ppaId}/transitions`, plannerToken, { to: 'enacted' });
    expect(skip.status).toBe(409);
    const approvals = (await (await call('GET', `/ppas/${ppaId}/approvals`, plannerToken)).json()) as { decision: string; comment: string }[];
    expect(approvals).toEqual([expect.objectContaining({ decision: 'submit', comment: 'Ready for review' })]);
    const alertsRes = await call('GET', `/alerts?ppaId=${ppaId}&open=true`, plannerToken);
    // Nothing was spent, so nothing is over budget.
    expect(await alertsRes.json()).toEqual([]);
    const moas = (await (await call('GET', '/moas', plannerToken)).json()) as { code: string }[];
    expect(moas.map((m) => m.code)).toEqual(['MSSD']);
  });

  it('publishes an OpenAPI 3 document generated from the procedures', () => {
    const doc = openApiDocument('https://ppa.example.gov.ph') as unknown as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.servers[0]!.url).toBe('https://ppa.example.gov.ph/api/v1');
    for (const [path, method] of [
      ['/ppas', 'get'],
      ['/ppas', 'post'],
      ['/ppas/{id}', 'get'],
      ['/ppas/{id}', 'patch'],
      ['/ppas/{id}/enable-workitem-tracking', 'post'],
      ['/ppas/{id}/budget-allocation-tree', 'get'],
      ['/ppas/{id}/distribute-budget', 'post'],
      ['/ppas/{id}/undo-distribution', 'post'],
      ['/ppas/{id}/sync-from-workitem', 'post'],
      ['/ppas/{id}/transitions', 'post'],
      ['/ppas/{id}/approvals', 'get'],
      ['/alerts', 'get'],
      ['/review-queue', 'get'],
      ['/work-items', 'post'],
      ['/work-items/{id}', 'patch'],
      ['/work-items/{id}', 'delete'],
      ['/work-items/{id}/expenditures', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined();
    }
  });
});

describe('calendar feed', () => {
  it('has one VEVENT per dated work item, valid RFC 5545 lines, with the token in the query', async () => {
    const res = await handleCalendarRequest(
      new Request(`http://localhost/api/v1/ppas/${livelihoodId}/calendar.ics?token=${plannerToken}`),
      handle.db,
      livelihoodId,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const body = await res.text();
    const lines = body.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.filter((l) => l.startsWith('PRODID:'))).toHaveLength(1);
    expect(lines.at(-1) === 'END:VCALENDAR' || lines.at(-2) === 'END:VCALENDAR').toBe(true);
    expect(body.replaceAll('\r\n', '')).not.toContain('\n'); // every line ends in CRLF
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    // Dated in the seed: the project and the four tasks.
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(5);
    expect(lines.filter((l) => l.startsWith('UID:')).length).toBe(5);
    expect(lines.filter((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l))).toHaveLength(5);
    expect(lines).toContain('SUMMARY:Venue Booking');
    expect(lines).toContain('DTSTART;VALUE=DATE:20260201');
    expect(lines).toContain('DTEND;VALUE=DATE:20261201');
  });

  it('refuses without a token and for another MOA', async () => {
    const url = `http://localhost/api/v1/ppas/${livelihoodId}/calendar.ics`;
    expect((await handleCalendarRequest(new Request(url), handle.db, livelihoodId)).status).toBe(401);
    expect((await handleCalendarRequest(new Request(url, { headers: { authorization: `Bearer ${mafarToken}` } }), handle.db, livelihoodId)).status).toBe(404);
    expect((await handleCalendarRequest(new Request(url, { headers: { authorization: `Bearer ${mafarToken}` } }), handle.db, 'not-a-uuid')).status).toBe(404);
  });
});
