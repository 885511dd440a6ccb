import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { demoViewer } from '@/test/viewers';
import type { Viewer } from '../domain/types';
import { handleTrpcRequest } from './trpc-handler';

let handle: TestDatabase;
let planner: Viewer;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await demoViewer(handle.db, 'planner@example.org');
});
afterAll(() => handle.close());

function post(path: string, body: unknown, viewer: Viewer | null) {
  const req = new Request(`http://localhost/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return handleTrpcRequest(req, async () => ({ db: handle.db, viewer }));
}

function get(path: string, input: unknown, viewer: Viewer | null) {
  const req = new Request(`http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  return handleTrpcRequest(req, async () => ({ db: handle.db, viewer }));
}

describe('tRPC over HTTP', () => {
  it('answers bad input with 400, a planner-readable message and the field’s name', async () => {
    const res = await post(
      'ppa.create',
      { title: 'Kitchen', category: 'project', sector: 'social', fiscalYear: 2026, budgetCeiling: '100', budgetAllocation: '200' },
      planner,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { code: string; fieldErrors: Record<string, string[]> } } };
    expect(body.error.message).toBe('The budget allocation cannot be more than the budget ceiling.');
    expect(body.error.data.fieldErrors).toEqual({ budgetAllocation: ['The budget allocation cannot be more than the budget ceiling.'] });
  });

  it('names the field of a service’s own refusal too', async () => {
    const admin = await demoViewer(handle.db, 'admin@example.org');
    const res = await post('ppa.create', { title: 'Kitchen', category: 'project', sector: 'social', fiscalYear: 2026 }, admin);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { fieldErrors: Record<string, string[]> } } };
    expect(body.error.data.fieldErrors).toEqual({ moaId: ['Choose the implementing MOA.'] });
  });

  it('answers 401 without a session and 404 for another MOA’s PPA', async () => {
    expect((await get('ppa.list', {}, null)).status).toBe(401);
    const list = (await (await get('ppa.list', {}, planner)).json()) as { result: { data: { items: { id: string }[] } } };
    const mssdPpaId = list.result.data.items[0]!.id;
    const mafarPlanner = await demoViewer(handle.db, 'planner.mafar@example.org');
    expect((await get('ppa.get', { id: mssdPpaId }, mafarPlanner)).status).toBe(404);
    expect((await get('ppa.get', { id: mssdPpaId }, planner)).status).toBe(200);
  });

  it('answers 403 to a viewer who tries to create and 409 to a change of a locked budget', async () => {
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    expect((await post('ppa.create', { title: 'Kitchen', category: 'project', sector: 'social', fiscalYear: 2026 }, viewer)).status).toBe(403);
    const list = (await (await get('ppa.list', { q: 'Livelihood' }, planner)).json()) as { result: { data: { items: { id: string }[] } } };
    const res = await post('ppa.update', { id: list.result.data.items[0]!.id, budgetAllocation: '1.00' }, planner);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('locked');
  });
});
