import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { oidcProviderFromEnv } from './oidc-config';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { findViewerByEmail, loadViewer, verifyCredentials } from './viewers';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('password sign-in', () => {
  it('accepts the right password, case-insensitive email, and carries role and MOA', async () => {
    const viewer = await verifyCredentials(handle.db, ' Planner@Example.org ', 'ppa-demo-2026');
    expect(viewer).toMatchObject({ role: 'planner', name: 'Norhaya Planner (MSSD)' });
    expect(viewer?.moaId).toBeTruthy();
  });

  it('refuses a wrong password, an unknown email, and an account without a password', async () => {
    expect(await verifyCredentials(handle.db, 'planner@example.org', 'wrong')).toBeNull();
    expect(await verifyCredentials(handle.db, 'nobody@example.org', 'ppa-demo-2026')).toBeNull();
    await handle.db.insert(users).values({ email: 'sso-only@example.org', role: 'executive' });
    expect(await verifyCredentials(handle.db, 'sso-only@example.org', '')).toBeNull();
  });

  it('stores only a bcrypt hash', async () => {
    const [row] = await handle.db.select({ hash: users.passwordHash }).from(users).where(eq(users.email, 'admin@example.org'));
    expect(row?.hash).toMatch(/^\$2[aby]\$10\$/);
    expect(row?.hash).not.toContain('ppa-demo-2026');
    const hash = await hashPassword('s3cret');
    expect(await verifyPassword('s3cret', hash)).toBe(true);
    expect(await verifyPassword('S3cret', hash)).toBe(false);
  });
});

describe('loading the viewer of a session', () => {
  it('reads the current role and MOA, so a changed role takes effect at once', async () => {
    const planner = await findViewerByEmail(handle.db, 'planner@example.org');
    await handle.db.update(users).set({ role: 'viewer' }).where(eq(users.id, planner!.userId));
    expect((await loadViewer(handle.db, planner!.userId))?.role).toBe('viewer');
    await handle.db.update(users).set({ role: 'planner' }).where(eq(users.id, planner!.userId));
  });

  it('falls back to the email for a user without a name, and finds nobody for an unknown id', async () => {
    const [row] = await handle.db.insert(users).values({ email: 'noname@example.org', role: 'admin' }).returning();
    expect((await loadViewer(handle.db, row!.id))?.name).toBe('noname@example.org');
    expect(await loadViewer(handle.db, 'no-such-user')).toBeNull();
    expect(await findViewerByEmail(handle.db, 'nobody@example.org')).toBeNull();
  });
});

describe('single sign-on configuration', () => {
  it('stays off unless issuer, client id and secret are all set', () => {
    expect(oidcProviderFromEnv({})).toBeNull();
    expect(oidcProviderFromEnv({ AUTH_OIDC_ISSUER: 'https://id.bangsamoro.gov.ph/realms/barmm', AUTH_OIDC_CLIENT_ID: 'ppa' })).toBeNull();
  });

  it('turns on with the three variables, named after AUTH_OIDC_NAME', () => {
    const env = { AUTH_OIDC_ISSUER: 'https://id.example/realms/barmm', AUTH_OIDC_CLIENT_ID: 'ppa', AUTH_OIDC_CLIENT_SECRET: 's' };
    expect(oidcProviderFromEnv(env)).toMatchObject({ id: 'oidc', type: 'oidc', name: 'Single sign-on', issuer: env.AUTH_OIDC_ISSUER });
    expect(oidcProviderFromEnv({ ...env, AUTH_OIDC_NAME: 'BARMM ID' })?.name).toBe('BARMM ID');
  });
});
