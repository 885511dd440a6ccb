import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openApiDocument, handleRestRequest } from '@/server/http/rest-handler';
import { handleTrpcRequest } from '@/server/http/trpc-handler';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor, demoApiToken, demoViewer } from '@/test/viewers';
import { getMetrics } from '../../lib/metrics';
import { DEFAULT_MAINTENANCE_MESSAGE, forgetMaintenanceState, getMaintenance, MaintenanceError, maintenanceKnown, setMaintenance } from './maintenance';

/**
 * Maintenance mode (docs/deploy.md): while on, every write is refused with 503 MAINTENANCE (every REST write
 * route of the OpenAPI document, every tRPC mutation but the admin's own switch), reads go on, and it is one
 * switch in the database for every instance.
 */
let handle: TestDatabase;
let adminToken: string;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  adminToken = await demoApiToken(handle.db, 'admin@example.org');
});
afterAll(() => handle.close());
beforeEach(async () => {
  await setMaintenance(handle.db, { on: false });
});

const SOME_ID = '00000000-0000-4000-8000-000000000000';

function restRoutes(): { method: string; path: string }[] {
  const paths = openApiDocument('http://localhost').paths ?? {};
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.keys(item ?? {})
      .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, SOME_ID) })),
  );
}

function rest(method: string, path: string) {
  const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify({});
  return handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, { method, body, headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' } }),
    handle.db,
  );
}

describe('maintenance mode', () => {
  it('refuses every write route of the OpenAPI document with 503 MAINTENANCE and the admin’s message, and lets every read through', async () => {
    const routes = restRoutes();
    const writes = routes.filter((r) => r.method !== 'GET');
    const reads = routes.filter((r) => r.method === 'GET');
    expect(writes.length).toBeGreaterThan(10);
    expect(reads.length).toBeGreaterThan(5);
    await setMaintenance(handle.db, { on: true, message: 'Upgrading; back by 18:30.' });
    const refusedBefore = (await getMetrics().maintenanceRefusals.get()).values[0]?.value ?? 0;
    for (const route of writes) {
      const res = await rest(route.method, route.path);
      expect({ route, status: res.status }).toEqual({ route, status: 503 });
      expect(await res.json()).toEqual({ code: 'MAINTENANCE', message: 'Upgrading; back by 18:30.' });
      expect(res.headers.get('retry-after')).toBe('60');
    }
    expect((await getMetrics().maintenanceRefusals.get()).values[0]?.value).toBe(refusedBefore + writes.length);
    for (const route of reads) {
      const res = await rest(route.method, route.path);
      expect({ route, status: res.status }).not.toEqual({ route, status: 503 });
    }
  });

  it('with maintenance off, the same writes reach their procedures (a 4xx of their own, never 503)', async () => {
    for (const route of restRoutes()
      .filter((r) => r.method !== 'GET')
      .slice(0, 8)) {
      const res = await rest(route.method, route.path);
      expect(res.status).not.toBe(503);
    }
  });

  it('refuses tRPC mutations (the browser’s and server actions’ path) but not queries, and nothing is changed', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const [first] = (await planner.ppa.list({})).items;
    await setMaintenance(handle.db, { on: true });
    const refused = await planner.ppa.update({ id: first!.id, title: 'Renamed during maintenance' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect((refused as TRPCError).cause).toBeInstanceOf(MaintenanceError);
    expect((refused as TRPCError).message).toBe(DEFAULT_MAINTENANCE_MESSAGE);
    expect((await planner.ppa.get({ id: first!.id })).title).toBe(first!.title);
  });

  it('answers a tRPC mutation over HTTP with 503 and appCode MAINTENANCE', async () => {
    await setMaintenance(handle.db, { on: true, message: 'Back soon.' });
    const viewer = await demoViewer(handle.db, 'planner@example.org');
    const res = await handleTrpcRequest(
      new Request('http://localhost/api/trpc/ppa.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'x' }),
      }),
      async () => ({ db: handle.db, viewer }),
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { message: string; data: { appCode: string; httpStatus: number } } };
    expect(body.error.message).toBe('Back soon.');
    expect(body.error.data).toMatchObject({ appCode: 'MAINTENANCE', httpStatus: 503 });
  });

  it('keeps the admin’s own switch working, and only an admin may use it', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const planner = await callerFor(handle.db, 'planner@example.org');
    await expect(planner.system.setMaintenance({ on: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await admin.system.setMaintenance({ on: true, message: '  Upgrade  ' })).message).toBe('Upgrade');
    expect(await planner.system.maintenance()).toMatchObject({ on: true, message: 'Upgrade' });
    expect((await admin.system.setMaintenance({ on: false })).on).toBe(false);
    await expect(planner.system.maintenance()).resolves.toMatchObject({ on: false, message: '' });
    await expect(admin.system.setMaintenance({ on: true, message: 'x'.repeat(501) })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('is one switch for every instance: another instance sees it once its brief cache expires', async () => {
    const other = Object.create(handle.db) as typeof handle.db; // another instance: its own cache, the same database
    const now = Date.now();
    expect((await getMaintenance(other, now)).on).toBe(false);
    await setMaintenance(handle.db, { on: true });
    expect((await getMaintenance(other, now + 500)).on).toBe(false); // still cached
    expect((await getMaintenance(other, now + 2_500)).on).toBe(true);
    forgetMaintenanceState(other);
    expect(maintenanceKnown(other)).toBe(false); // not read yet: a read starts in the background
    await getMaintenance(other);
    expect(maintenanceKnown(other)).toBe(true);
  });
});
