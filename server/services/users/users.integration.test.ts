import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, moas, passwordLinks, users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { anonymousCaller, callerFor, demoViewer } from '@/test/viewers';
import { handleRestRequest } from '../../http/rest-handler';
import { authenticateApiToken, createApiToken } from '../api-tokens/api-tokens';
import { loadViewer, verifyCredentials } from '../auth/viewers';
import { createFailureLimits } from '../rate-limits/failure-limits';
import { updateUser } from './manage-users';
import { passwordLinkUsable, setPasswordWithLink } from './password-links';

let handle: TestDatabase;
let mssdId: string;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const [mssd] = await handle.db.select().from(moas).where(eq(moas.code, 'MSSD'));
  mssdId = mssd!.id;
});
afterAll(() => handle.close());

const secretOf = (url: string) => new URL(url).hash.replace('#token=', '');
const userCount = async () => (await handle.db.select({ id: users.id }).from(users)).length;

describe('creating accounts', () => {
  it('an admin creates a planner with a MOA and gets a one-time link that sets the password once', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { user, passwordLink } = await admin.user.create({ email: ' Amina.Planner@MSSD.example ', name: 'Amina', role: 'planner', moaId: mssdId });
    expect(user).toMatchObject({ email: 'amina.planner@mssd.example', role: 'planner', moaCode: 'MSSD', active: true, hasPassword: false });
    expect(passwordLink.url).toMatch(/^http:\/\/localhost:3000\/set-password#token=[\w-]{40,}$/);
    const [stored] = await handle.db.select().from(passwordLinks).where(eq(passwordLinks.userId, user.id));
    expect(stored!.tokenHash).not.toContain(secretOf(passwordLink.url));

    const anonymous = anonymousCaller(handle.db);
    expect(await anonymous.user.checkPasswordLink({ token: secretOf(passwordLink.url) })).toEqual({ usable: true });
    expect((await refusal(anonymous.user.setPassword({ token: secretOf(passwordLink.url), password: 'too short' }))).code).toBe('BAD_REQUEST');
    expect(await anonymous.user.setPassword({ token: secretOf(passwordLink.url), password: 'a long enough passphrase' })).toEqual({ email: user.email });
    // Used: the page says so before anyone types a password.
    expect(await anonymous.user.checkPasswordLink({ token: secretOf(passwordLink.url) })).toEqual({ usable: false });
    expect(await verifyCredentials(handle.db, user.email, 'a long enough passphrase')).toMatchObject({ role: 'planner', moaId: mssdId });
    const again = await refusal(anonymous.user.setPassword({ token: secretOf(passwordLink.url), password: 'another passphrase!' }));
    expect(again.message).toMatch(/expired or was already used/);
    expect(await verifyCredentials(handle.db, user.email, 'another passphrase!')).toBeNull();
  });

  it('refuses a planner or viewer without a MOA, a reviewer with one, a duplicate email, a bad role; writes nothing', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const before = await userCount();
    expect((await refusal(admin.user.create({ email: 'v@x.example', name: 'V', role: 'viewer' }))).message).toMatch(/belong to a MOA/);
    expect((await refusal(admin.user.create({ email: 'r@x.example', name: 'R', role: 'mfbm_reviewer', moaId: mssdId }))).message).toMatch(
      /leave the MOA empty/,
    );
    expect((await refusal(admin.user.create({ email: 'planner@example.org', name: 'Dup', role: 'executive' }))).code).toBe('CONFLICT');
    expect((await refusal(admin.user.create({ email: 'x@x.example', name: 'X', role: 'root' as never }))).code).toBe('BAD_REQUEST');
    expect(
      (await refusal(admin.user.create({ email: 'x@x.example', name: 'X', role: 'planner', moaId: '00000000-0000-4000-8000-000000000000' }))).message,
    ).toMatch(/MOA does not exist/);
    expect(await userCount()).toBe(before);
  });

  it('nobody but an admin lists, creates, edits or issues links', async () => {
    const target = await demoViewer(handle.db, 'viewer@example.org');
    const before = await userCount();
    for (const email of ['planner@example.org', 'reviewer@example.org', 'executive@example.org', 'viewer@example.org']) {
      const caller = await callerFor(handle.db, email);
      expect((await refusal(caller.user.list())).code).toBe('FORBIDDEN');
      expect((await refusal(caller.user.create({ email: `new-${email}`, name: 'N', role: 'admin' }))).code).toBe('FORBIDDEN');
      expect((await refusal(caller.user.update({ id: target.userId, role: 'admin' }))).code).toBe('FORBIDDEN');
      expect((await refusal(caller.user.issuePasswordLink({ id: target.userId }))).code).toBe('FORBIDDEN');
    }
    expect((await refusal(anonymousCaller(handle.db).user.list())).code).toBe('UNAUTHORIZED');
    expect(await userCount()).toBe(before);
    expect((await loadViewer(handle.db, target.userId))?.role).toBe('viewer');
  });
});

describe('editing, deactivating and reactivating', () => {
  it('a deactivated user is refused from the next request on: session, password, API token; reactivation restores them', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    const token = (await createApiToken({ db: handle.db, viewer, name: 'dashboard' })).token;
    expect(await authenticateApiToken(handle.db, token)).not.toBeNull();

    const deactivated = await admin.user.update({ id: viewer.userId, active: false });
    expect(deactivated.active).toBe(false);
    expect(await loadViewer(handle.db, viewer.userId)).toBeNull();
    expect(await verifyCredentials(handle.db, 'viewer@example.org', 'ppa-demo-2026')).toBeNull();
    expect(await authenticateApiToken(handle.db, token)).toBeNull();
    const rest = await handleRestRequest(new Request('http://localhost/api/v1/ppas', { headers: { authorization: `Bearer ${token}` } }), handle.db, {
      limits: createFailureLimits(null),
    });
    expect(rest.status).toBe(401);
    const [audit] = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, viewer.userId));
    expect(audit).toMatchObject({ entityType: 'user', action: 'deactivate' });
    expect((await refusal(admin.user.issuePasswordLink({ id: viewer.userId }))).message).toMatch(/Reactivate/);

    await admin.user.update({ id: viewer.userId, active: true });
    expect(await loadViewer(handle.db, viewer.userId)).toMatchObject({ role: 'viewer' });
    expect(await authenticateApiToken(handle.db, token)).not.toBeNull();
  });

  it('changes role and MOA together; a move to a cross-MOA role drops the MOA; {} changes nothing', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { user } = await admin.user.create({ email: 'moved@x.example', name: 'Moved', role: 'viewer', moaId: mssdId });
    expect(await admin.user.update({ id: user.id, role: 'executive' })).toMatchObject({ role: 'executive', moaId: null });
    expect((await refusal(admin.user.update({ id: user.id, role: 'planner' }))).message).toMatch(/belong to a MOA/);
    expect(await admin.user.update({ id: user.id, role: 'planner', moaId: mssdId, name: 'Moved Again' })).toMatchObject({
      role: 'planner',
      moaCode: 'MSSD',
      name: 'Moved Again',
    });
    expect((await refusal(admin.user.update({ id: user.id }))).message).toBe('Send at least one field to change.');
    expect((await refusal(admin.user.update({ id: 'no-such-user', active: false }))).code).toBe('NOT_FOUND');
  });

  it('an admin cannot lock themselves out, and the last active admin stays one', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const self = await demoViewer(handle.db, 'admin@example.org');
    expect((await refusal(admin.user.update({ id: self.userId, active: false }))).message).toMatch(/cannot remove your own admin access/);
    expect((await refusal(admin.user.update({ id: self.userId, role: 'viewer', moaId: mssdId }))).code).toBe('CONFLICT');

    const { user: second } = await admin.user.create({ email: 'second.admin@x.example', name: 'Second', role: 'admin' });
    await handle.db.update(users).set({ passwordHash: 'x' }).where(eq(users.id, second.id));
    const other = await callerFor(handle.db, 'second.admin@x.example');
    // With two admins, one may demote the other, but not themselves.
    expect((await other.user.update({ id: self.userId, role: 'executive' })).role).toBe('executive');
    // The next request of the demoted admin already runs with the new role.
    expect((await refusal((await callerFor(handle.db, 'admin@example.org')).user.list())).code).toBe('FORBIDDEN');
    expect((await refusal(other.user.update({ id: second.id, active: false }))).message).toMatch(/cannot remove your own admin access/);
    await other.user.update({ id: self.userId, role: 'admin' });
    // Two admins deactivating each other at once: whoever comes second finds no other active admin.
    await admin.user.update({ id: second.id, active: false });
    const outsider = { userId: 'a-concurrent-admin', role: 'admin' as const, moaId: null, name: 'Concurrent' };
    await expect(updateUser({ db: handle.db, actor: outsider, userId: self.userId, changes: { active: false } })).rejects.toThrow(/last active admin/);
    expect(await loadViewer(handle.db, self.userId)).toMatchObject({ role: 'admin' });
  });

  it('a new password link retires the older one, and an expired link does nothing', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { user, passwordLink: first } = await admin.user.create({ email: 'links@x.example', name: 'Links', role: 'executive' });
    const second = await admin.user.issuePasswordLink({ id: user.id });
    await expect(setPasswordWithLink({ db: handle.db, token: secretOf(first.url), password: 'first link passphrase' })).rejects.toThrow(
      /expired or was already used/,
    );
    const later = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect(await passwordLinkUsable({ db: handle.db, token: secretOf(first.url) })).toBe(false);
    expect(await passwordLinkUsable({ db: handle.db, token: secretOf(second.url), now: later })).toBe(false);
    expect(await passwordLinkUsable({ db: handle.db, token: 'no-such-secret' })).toBe(false);
    expect((await refusal(anonymousCaller(handle.db).user.checkPasswordLink({ token: '' }))).code).toBe('BAD_REQUEST');
    await expect(setPasswordWithLink({ db: handle.db, token: secretOf(second.url), password: 'second link passphrase', now: later })).rejects.toThrow(
      /expired/,
    );
    expect(await setPasswordWithLink({ db: handle.db, token: secretOf(second.url), password: 'second link passphrase' })).toEqual({ email: 'links@x.example' });
  });
});

describe('the users REST API', () => {
  it('admins list, create and patch over REST; a planner’s token gets 403; bad bodies get 400 naming the field', async () => {
    const adminToken = (await createApiToken({ db: handle.db, viewer: await demoViewer(handle.db, 'admin@example.org'), name: 'ops' })).token;
    const plannerToken = (await createApiToken({ db: handle.db, viewer: await demoViewer(handle.db, 'planner@example.org'), name: 'x' })).token;
    const limits = createFailureLimits(null);
    const call = (method: string, path: string, token: string, body?: string) =>
      handleRestRequest(
        new Request(`https://ppa.bangsamoro.example/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        }),
        handle.db,
        { limits },
      );

    const list = await call('GET', '/users', adminToken);
    expect(list.status).toBe(200);
    expect(((await list.json()) as { email: string }[]).map((u) => u.email)).toContain('planner@example.org');
    expect((await call('GET', '/users', plannerToken)).status).toBe(403);

    const created = await call('POST', '/users', adminToken, JSON.stringify({ email: 'rest@x.example', name: 'Rest', role: 'viewer', moaId: mssdId }));
    expect(created.status).toBe(200);
    const body = (await created.json()) as { user: { id: string }; passwordLink: { url: string } };
    expect(body.passwordLink.url).toMatch(/^https:\/\/ppa\.bangsamoro\.example\/set-password#token=/);
    expect((await call('POST', '/users', plannerToken, JSON.stringify({ email: 'p@x.example', name: 'P', role: 'admin' }))).status).toBe(403);

    const patched = await call('PATCH', `/users/${body.user.id}`, adminToken, JSON.stringify({ active: false }));
    expect(((await patched.json()) as { active: boolean }).active).toBe(false);
    for (const bad of ['{}', 'null', '[]', '5', '{"active":"no"}']) {
      const res = await call('PATCH', `/users/${body.user.id}`, adminToken, bad);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { message: string }).message, bad).toMatch(/^(body|active|input)/);
    }
  });
});
