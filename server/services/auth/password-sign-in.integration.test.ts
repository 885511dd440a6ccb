import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { DEMO_PASSWORD } from '@/db/seed/demo-data';
import { demoApiToken } from '@/test/viewers';
import { handleRestRequest } from '../../http/rest-handler';
import { API_TOKEN_PER_IP, createFailureLimits, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP, type FailureLimits } from '../rate-limits/failure-limits';
import { accountRetryAfter, attemptPasswordSignIn, signInRetryAfter } from './password-sign-in';
import { verifyCredentials } from './viewers';

let handle: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  // Redis at 127.0.0.1:6379 is a real service here and in CI; each run uses its own key prefix via fresh accounts/IPs.
  redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

const uniqueIp = () => `10.${randomBytes(3).join('.')}`;
/** Both stores the limits live in: this process's memory (the embedded default) and Redis (REDIS_URL). */
const STORES: [string, () => FailureLimits][] = [
  ['in memory', () => createFailureLimits(null)],
  ['in Redis', () => createFailureLimits(redis, `ppa-test-${randomBytes(4).toString('hex')}:`)],
];

async function failTimes(limits: FailureLimits, email: string, ip: string, times: number) {
  for (let i = 0; i < times; i++) await attemptPasswordSignIn({ db: handle.db, limits, email, password: `wrong-${i}`, ip });
}

describe('sign-in failure limits', () => {
  it('after 10 failures for an account, even the right password is refused for about 15 minutes', async () => {
    const limits = createFailureLimits(null);
    const ip = uniqueIp();
    await failTimes(limits, 'planner@example.org', ip, SIGN_IN_PER_ACCOUNT.maxFailures - 1);
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'planner@example.org', password: 'still wrong', ip })).outcome).toBe('refused');
    const blocked = await attemptPasswordSignIn({ db: handle.db, limits, email: 'Planner@Example.org', password: DEMO_PASSWORD, ip: uniqueIp() });
    expect(blocked).toMatchObject({ outcome: 'rate_limited' });
    const seconds = blocked.outcome === 'rate_limited' ? blocked.retryAfterSeconds : 0;
    expect(seconds).toBeGreaterThan(14 * 60);
    expect(seconds).toBeLessThanOrEqual(15 * 60);
    expect(await accountRetryAfter(limits, 'planner@example.org')).toBeGreaterThan(14 * 60);
    // Another account from another address is not affected.
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'viewer@example.org', password: DEMO_PASSWORD, ip: uniqueIp() })).outcome).toBe(
      'signed_in',
    );
  });

  // A ministry behind one NAT address: 10 typos by anyone used to lock out everyone there for 15 minutes.
  it('an address over its limit (an office behind one NAT address) still signs in every right password', async () => {
    expect(SIGN_IN_PER_IP.maxFailures).toBeGreaterThanOrEqual(100);
    const limits = createFailureLimits(null);
    const office = uniqueIp();
    for (let i = 0; i < 10; i++) await attemptPasswordSignIn({ db: handle.db, limits, email: `typo${i}@example.org`, password: 'guess', ip: office });
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'executive@example.org', password: DEMO_PASSWORD, ip: office })).outcome).toBe(
      'signed_in',
    );
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: 'a typo', ip: office })).outcome).toBe('refused');

    // Past the address limit (counted straight into the limiter here: a hundred decoy hashes add nothing).
    for (let i = 11; i < SIGN_IN_PER_IP.maxFailures; i++) await limits.signInPerIp.recordFailure(office);
    expect(await signInRetryAfter(limits, 'executive@example.org', office)).toBeGreaterThan(14 * 60);
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'executive@example.org', password: DEMO_PASSWORD, ip: office })).outcome).toBe(
      'signed_in',
    );
    // A wrong password from there is told to wait, and still counts against its own account.
    const wrong = await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: 'another typo', ip: office });
    expect(wrong).toMatchObject({ outcome: 'rate_limited', retryAfterSeconds: expect.any(Number) });
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: 'another typo', ip: uniqueIp() })).outcome).toBe(
      'refused',
    );
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: DEMO_PASSWORD, ip: office })).outcome).toBe(
      'signed_in',
    );
  });

  it('a success forgets the account’s earlier failures', async () => {
    const limits = createFailureLimits(null);
    await failTimes(limits, 'reviewer@example.org', uniqueIp(), 9);
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: DEMO_PASSWORD, ip: uniqueIp() })).outcome).toBe(
      'signed_in',
    );
    await failTimes(limits, 'reviewer@example.org', uniqueIp(), 9);
    expect(await signInRetryAfter(limits, 'reviewer@example.org', uniqueIp())).toBe(0);
  });

  it('with Redis, two app instances share one count', async () => {
    const prefixFree = `shared-${randomBytes(4).toString('hex')}@example.org`;
    const instanceA = createFailureLimits(redis);
    const instanceB = createFailureLimits(redis);
    for (let i = 0; i < 10; i++) {
      await attemptPasswordSignIn({ db: handle.db, limits: i % 2 ? instanceA : instanceB, email: prefixFree, password: 'nope', ip: uniqueIp() });
    }
    expect(await signInRetryAfter(instanceA, prefixFree, uniqueIp())).toBeGreaterThan(0);
    expect(await signInRetryAfter(instanceB, prefixFree, uniqueIp())).toBeGreaterThan(0);
    expect(await signInRetryAfter(createFailureLimits(null), prefixFree, uniqueIp())).toBe(0);
  });

  // 60 guesses at once used to have 17 passwords checked: every guess looked at the count before any was added.
  for (const [store, limitsIn] of STORES) {
    it(`60 guesses at once on one account have exactly 10 passwords checked (${store})`, async () => {
      const limits = limitsIn();
      const compare = vi.spyOn(bcrypt, 'compare');
      const guesses = Array.from({ length: 60 }, (_, i) =>
        attemptPasswordSignIn({ db: handle.db, limits, email: 'planner.mafar@example.org', password: `guess-${i}`, ip: uniqueIp() }),
      );
      const outcomes = (await Promise.all(guesses)).map((result) => result.outcome);
      expect(compare).toHaveBeenCalledTimes(SIGN_IN_PER_ACCOUNT.maxFailures);
      expect(outcomes.filter((o) => o === 'refused')).toHaveLength(SIGN_IN_PER_ACCOUNT.maxFailures);
      expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(60 - SIGN_IN_PER_ACCOUNT.maxFailures);
      await limits.signInPerAccount.reset('planner.mafar@example.org');
    });
  }
});

describe('API token failure limit', () => {
  const call = (limits: FailureLimits, token: string, ip: string) =>
    handleRestRequest(new Request('http://localhost/api/v1/moas', { headers: { authorization: `Bearer ${token}`, 'x-ppa-client-ip': ip } }), handle.db, {
      limits,
    });

  it('past its limit of unknown tokens an address gets 429 with Retry-After, yet a valid token from it still works', async () => {
    expect(API_TOKEN_PER_IP.maxFailures).toBeGreaterThanOrEqual(100);
    const limits = createFailureLimits(null);
    const valid = await demoApiToken(handle.db, 'planner@example.org');
    const ip = uniqueIp();
    for (let i = 0; i < API_TOKEN_PER_IP.maxFailures; i++) expect((await call(limits, `ppa_guess${i}`, ip)).status).toBe(401);
    const refused = await call(limits, 'ppa_guess-more', ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Try again in \d+ minutes/);
    // Other integrators behind the same address keep working.
    expect((await call(limits, valid, ip)).status).toBe(200);
    expect((await call(limits, 'ppa_guess-other-address', uniqueIp())).status).toBe(401);
  });

  // 200 unknown tokens at once used to be let through, every one, past a limit of 20.
  for (const [store, limitsIn] of STORES) {
    it(`200 unknown tokens at once: exactly the limit's worth get 401, the rest 429 (${store})`, async () => {
      const limits = limitsIn();
      const ip = uniqueIp();
      const statuses = await Promise.all(Array.from({ length: 200 }, (_, i) => call(limits, `ppa_burst${i}`, ip).then((r) => r.status)));
      expect(statuses.filter((s) => s === 401)).toHaveLength(API_TOKEN_PER_IP.maxFailures);
      expect(statuses.filter((s) => s === 429)).toHaveLength(200 - API_TOKEN_PER_IP.maxFailures);
    });
  }
});

// Unknown email 20 ms, wrong password 298 ms (median): the answer was the same, the work was not.
describe('sign-in work does not tell which emails have accounts', () => {
  const costOf = (hash: string) => hash.split('$')[2];

  it('an unknown email, a deactivated account and an account without a password each check one hash of the same cost', async () => {
    const [planner] = await handle.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.email, 'planner@example.org'));
    // Last in this file: the admin is deactivated and the viewer loses their password.
    await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'admin@example.org'));
    const compare = vi.spyOn(bcrypt, 'compare');

    expect(await verifyCredentials(handle.db, 'planner@example.org', 'a wrong password')).toBeNull();
    expect(compare).toHaveBeenCalledTimes(1);
    for (const email of ['nobody.here@example.org', 'admin@example.org']) {
      compare.mockClear();
      expect(await verifyCredentials(handle.db, email, 'a wrong password')).toBeNull();
      expect(compare, email).toHaveBeenCalledTimes(1);
      const decoy = compare.mock.calls[0]![1] as string;
      expect(costOf(decoy), email).toBe(costOf(planner!.passwordHash!));
      expect(decoy).not.toBe(planner!.passwordHash);
    }

    await handle.db.update(users).set({ passwordHash: null }).where(eq(users.email, 'viewer@example.org'));
    compare.mockClear();
    expect(await verifyCredentials(handle.db, 'viewer@example.org', DEMO_PASSWORD)).toBeNull();
    expect(compare).toHaveBeenCalledTimes(1);
  });
});
