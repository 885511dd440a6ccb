import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { anonymousCaller, callerFor } from '@/test/viewers';
import { verifyCredentials } from '../auth/viewers';
import { createFailureLimits, SET_PASSWORD_PER_IP, setFailureLimits } from '../rate-limits/failure-limits';

/**
 * The set-password page is anonymous. It had no limit at all, and every call hashed the new password before
 * the link was even looked at: an open door to making the server hash for anyone.
 */

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  setFailureLimits(createFailureLimits(null));
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  setFailureLimits(undefined);
  await handle.close();
});

const secretOf = (url: string) => new URL(url).hash.replace('#token=', '');
const fromAddress = (clientIp: string) => anonymousCaller(handle.db, clientIp);
const uniqueIp = () => `10.${randomBytes(3).join('.')}`;

describe('set-password from one address', () => {
  it('after 20 bad links an address is told to wait, no bad link costs a hash, and a good link still works from there', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { passwordLink } = await admin.user.create({ email: 'new.planner@limit.example', name: 'New Planner', role: 'executive' });
    const ip = uniqueIp();
    const anonymous = fromAddress(ip);
    const hash = vi.spyOn(bcrypt, 'hash');

    for (let i = 0; i < SET_PASSWORD_PER_IP.maxFailures; i++) {
      const refused = await refusal(anonymous.user.setPassword({ token: `guess-${i}`, password: 'a long enough passphrase' }));
      expect(refused.code).toBe('BAD_REQUEST');
    }
    const limited = await refusal(anonymous.user.setPassword({ token: 'one-more-guess', password: 'a long enough passphrase' }));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/^Too many tries with set-password links from this network\. Try again in 15 minutes\.$/);
    expect(hash).not.toHaveBeenCalled();
    // The page's own check of a link counts on the same limit: it is no way round it.
    expect((await refusal(anonymous.user.checkPasswordLink({ token: 'checked-guess' }))).code).toBe('TOO_MANY_REQUESTS');
    // Another address is not affected.
    expect((await refusal(fromAddress(uniqueIp()).user.setPassword({ token: 'elsewhere', password: 'a long enough passphrase' }))).code).toBe('BAD_REQUEST');

    expect(await anonymous.user.setPassword({ token: secretOf(passwordLink.url), password: 'the planner’s own passphrase' })).toEqual({
      email: 'new.planner@limit.example',
    });
    expect(hash).toHaveBeenCalledTimes(1);
    expect(await verifyCredentials(handle.db, 'new.planner@limit.example', 'the planner’s own passphrase')).toMatchObject({ role: 'executive' });
  });

  it('the page’s check of a link counts each link that would not work, and never a good one', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { passwordLink } = await admin.user.create({ email: 'checked.planner@limit.example', name: 'Checked Planner', role: 'executive' });
    const anonymous = fromAddress(uniqueIp());
    for (let i = 0; i < SET_PASSWORD_PER_IP.maxFailures; i++)
      expect(await anonymous.user.checkPasswordLink({ token: `guess-${i}` })).toEqual({ usable: false });
    expect((await refusal(anonymous.user.checkPasswordLink({ token: 'one-more' }))).code).toBe('TOO_MANY_REQUESTS');
    expect(await fromAddress(uniqueIp()).user.checkPasswordLink({ token: secretOf(passwordLink.url) })).toEqual({ usable: true });
  });

  it('a password that is too short is refused before anything is counted', async () => {
    const anonymous = fromAddress(uniqueIp());
    for (let i = 0; i < SET_PASSWORD_PER_IP.maxFailures + 5; i++) {
      expect((await refusal(anonymous.user.setPassword({ token: `guess-${i}`, password: 'short' }))).message).toMatch(/at least 12 characters/);
    }
    expect((await refusal(anonymous.user.setPassword({ token: 'a bad link', password: 'a long enough passphrase' }))).code).toBe('BAD_REQUEST');
  });
});
