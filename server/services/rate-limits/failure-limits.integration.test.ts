import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { createFailureLimits, getFailureLimits, SIGN_IN_PER_ACCOUNT, setFailureLimits } from './failure-limits';

// Redis at 127.0.0.1:6379 is a real service here and in CI.
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
afterAll(() => {
  setFailureLimits(undefined);
  redis.disconnect();
});

const fresh = () => randomBytes(4).toString('hex');

describe('failure limits in Redis', () => {
  it('instances with one key prefix share the count; another prefix (another deployment) counts apart', async () => {
    const prefix = `ppa-test-${fresh()}:`;
    const [instanceA, instanceB] = [createFailureLimits(redis, prefix), createFailureLimits(redis, prefix)];
    const otherDeployment = createFailureLimits(redis, `ppa-other-${fresh()}:`);
    const account = `${fresh()}@example.org`;
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.maxFailures; i++) await (i % 2 ? instanceA : instanceB).signInPerAccount.recordFailure(account);
    expect(await instanceA.signInPerAccount.retryAfterSeconds(account)).toBeGreaterThan(14 * 60);
    expect(await instanceB.signInPerAccount.retryAfterSeconds(account)).toBeGreaterThan(14 * 60);
    expect(await otherDeployment.signInPerAccount.retryAfterSeconds(account)).toBe(0);
    expect(await redis.exists(`${prefix}sign-in-account:${account}`)).toBe(1);
  });

  it('the process’s limits come from REDIS_URL and REDIS_KEY_PREFIX', async () => {
    const prefix = `ppa-env-${fresh()}:`;
    setFailureLimits(undefined);
    const limits = getFailureLimits({ REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix });
    await limits.apiTokenPerIp.recordFailure('10.9.8.7');
    expect(await redis.exists(`${prefix}api-token-ip:10.9.8.7`)).toBe(1);
    expect(getFailureLimits()).toBe(limits); // one per process
    setFailureLimits(undefined);
  });
});
