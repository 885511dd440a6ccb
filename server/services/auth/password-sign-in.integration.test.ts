import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { DEMO_PASSWORD } from '@/db/seed/demo-data';
import { handleRestRequest } from '../../http/rest-handler';
import { createFailureLimits, SIGN_IN_PER_ACCOUNT, type FailureLimits } from '../rate-limits/failure-limits';
import { attemptPasswordSignIn, signInRetryAfter } from './password-sign-in';

let handle: TestDatabase;
let redis: Redis;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  // Redis at 127.0.0.1:6379 is a real service here and in CI; each run uses its own key prefix via fresh accounts/IPs.
  redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  redis.disconnect();
  await handle.close();
});

const uniqueIp = () => `10.${randomBytes(3).join('.')}`;

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
    // Another account from another address is not affected.
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'viewer@example.org', password: DEMO_PASSWORD, ip: uniqueIp() })).outcome).toBe('signed_in');
  });

  it('after 10 failures from one address, every account is refused from it, but not from elsewhere', async () => {
    const limits = createFailureLimits(null);
    const ip = uniqueIp();
    for (let i = 0; i < 10; i++) await attemptPasswordSignIn({ db: handle.db, limits, email: `nobody${i}@example.org`, password: 'guess', ip });
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'executive@example.org', password: DEMO_PASSWORD, ip })).outcome).toBe('rate_limited');
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'executive@example.org', password: DEMO_PASSWORD, ip: uniqueIp() })).outcome).toBe('signed_in');
  });

  it('a success forgets the account’s earlier failures', async () => {
    const limits = createFailureLimits(null);
    await failTimes(limits, 'reviewer@example.org', uniqueIp(), 9);
    expect((await attemptPasswordSignIn({ db: handle.db, limits, email: 'reviewer@example.org', password: DEMO_PASSWORD, ip: uniqueIp() })).outcome).toBe('signed_in');
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
});

describe('API token failure limit', () => {
  it('after 20 unknown tokens from one address, that address gets 429 with Retry-After, even with a good token', async () => {
    const limits = createFailureLimits(null);
    const call = (token: string, ip: string) =>
      handleRestRequest(new Request('http://localhost/api/v1/moas', { headers: { authorization: `Bearer ${token}`, 'x-ppa-client-ip': ip } }), handle.db, { limits });
    const ip = uniqueIp();
    for (let i = 0; i < 20; i++) expect((await call(`ppa_guess${i}`, ip)).status).toBe(401);
    const refused = await call('ppa_guess-more', ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { message: string }).message).toMatch(/Try again in \d+ minutes/);
    expect((await call('ppa_guess-other-address', uniqueIp())).status).toBe(401);
  });
});
