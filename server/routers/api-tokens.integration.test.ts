import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { callerFor } from '@/test/viewers';
import { authenticateApiToken } from '../services/api-tokens/api-tokens';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('personal API tokens (profile page)', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const created = await planner.apiToken.create({ name: 'BPDA dashboard' });
    expect(created.token).toMatch(/^ppa_[\w-]{43}$/);
    expect((await authenticateApiToken(handle.db, created.token))?.role).toBe('planner');
    const listed = await planner.apiToken.list();
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: 'BPDA dashboard', revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(await planner.apiToken.revoke({ id: created.id })).toEqual({ ok: true });
    expect(await authenticateApiToken(handle.db, created.token)).toBeNull();
    const again = await planner.apiToken.revoke({ id: created.id }).catch((e: unknown) => e);
    expect((again as TRPCError).code).toBe('NOT_FOUND');
  });

  it('needs a name', async () => {
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    const error = (await viewer.apiToken.create({ name: '  ' }).catch((e: unknown) => e)) as TRPCError;
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Name the token after what will use it, like "BPDA dashboard".');
  });
});
