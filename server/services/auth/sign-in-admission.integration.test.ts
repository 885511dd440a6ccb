import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { admitSignIn } from './sign-in-admission';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe('sign-in admission', () => {
  it('admits email + password at this step (authorize has already checked the password)', async () => {
    expect(await admitSignIn({ db: handle.db, provider: 'credentials', email: 'nobody@example.org' })).toBe(true);
    expect(await admitSignIn({ db: handle.db, provider: 'credentials', email: undefined })).toBe(true);
  });

  it('admits a sign-in without a provider account (next-auth gave none)', async () => {
    expect(await admitSignIn({ db: handle.db, provider: undefined, email: 'nobody@example.org' })).toBe(true);
  });

  it('admits single sign-on for a known, active user, whatever the case of the email', async () => {
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: 'planner@example.org' })).toBe(true);
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: ' Planner@Example.ORG ' })).toBe(true);
  });

  it('refuses single sign-on for an email no admin has given an account', async () => {
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: 'stranger@example.org' })).toBe(false);
  });

  it('refuses single sign-on when the provider reports no email', async () => {
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: undefined })).toBe(false);
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: null })).toBe(false);
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: '' })).toBe(false);
  });

  it('refuses single sign-on for a deactivated user', async () => {
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'viewer@example.org'));
    expect(await admitSignIn({ db: handle.db, provider: 'oidc', email: 'viewer@example.org' })).toBe(false);
    // Email + password for the same person is refused earlier, by authorize, not here.
    expect(await admitSignIn({ db: handle.db, provider: 'credentials', email: 'viewer@example.org' })).toBe(true);
  });
});
