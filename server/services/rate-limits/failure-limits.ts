import { Redis } from 'ioredis';
import { getMetrics } from '../../lib/metrics';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { DEFAULT_REDIS_KEY_PREFIX, redisSettingsFromEnv } from '../../lib/redis-settings';
import { processSingleton, replaceProcessSingleton } from '../../lib/process-singletons';
import { environment } from '../../lib/config';

/**
 * Limits on failed attempts (sign-in, API tokens, set-password links): after `maxFailures` failures within
 * `windowSeconds` a key is over its limit until the window has passed. Counted in Redis when REDIS_URL is set,
 * so every app instance shares the count; in this process's memory otherwise (the embedded default).
 *
 * Counting and the answer to "over the limit?" are one step (`recordFailure`), atomic in either store: of 60
 * attempts made at once, exactly the first `maxFailures` are within the limit. A check that is refused once the
 * limit is reached (the password of a limited account) is counted *before* it is made, and a success resets
 * the count; a look first and a count after the check let concurrent attempts all slip under the limit.
 */
export interface FailureLimit {
  /** Seconds until the key may try again, or 0 when it may try now (counts nothing). */
  retryAfterSeconds(key: string): Promise<number>;
  /** Counts one failure (or an attempt about to be checked); the seconds to wait when that one is over the limit, else 0. */
  recordFailure(key: string): Promise<number>;
  /** A success forgets earlier failures (sign-in per account). */
  reset(key: string): Promise<void>;
}

export interface FailureLimitRule {
  name: string;
  maxFailures: number;
  windowSeconds: number;
}

/**
 * The rules, in one place: what a planner who mistypes may try, and what an attacker gets. The per-address
 * limits are sized for a whole ministry behind one NAT address, and they never refuse a right password or a
 * valid token (docs/domain-rules.md, "Sign-in limit").
 */
export const SIGN_IN_PER_ACCOUNT: FailureLimitRule = { name: 'sign-in-account', maxFailures: 10, windowSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: FailureLimitRule = { name: 'sign-in-ip', maxFailures: 100, windowSeconds: 15 * 60 };
export const API_TOKEN_PER_IP: FailureLimitRule = { name: 'api-token-ip', maxFailures: 100, windowSeconds: 15 * 60 };
/** Bad set-password links per address (the page is anonymous; a good link is never refused). */
export const SET_PASSWORD_PER_IP: FailureLimitRule = { name: 'set-password-ip', maxFailures: 20, windowSeconds: 15 * 60 };

function limiterFor(rule: FailureLimitRule, redis: Redis | null, keyPrefix: string): RateLimiterAbstract {
  const options = { keyPrefix: `${keyPrefix}${rule.name}`, points: rule.maxFailures, duration: rule.windowSeconds };
  return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
}

/** `keyPrefix` comes first in the Redis keys (REDIS_KEY_PREFIX, see server/lib/redis-settings.ts). */
export function createFailureLimit(rule: FailureLimitRule, redis: Redis | null, keyPrefix = DEFAULT_REDIS_KEY_PREFIX): FailureLimit {
  const limiter = limiterFor(rule, redis, keyPrefix);
  return {
    async retryAfterSeconds(key) {
      const state = await limiter.get(key);
      if (!state || state.consumedPoints < rule.maxFailures) return 0;
      return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    },
    async recordFailure(key) {
      // consume() counts and answers in one step; it rejects (with the wait) once the points are spent, and
      // the failure is counted either way. A store's own failure is an Error.
      try {
        await limiter.consume(key);
        return 0;
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        getMetrics().rateLimitRefusals.inc({ limit: rule.name });
        return Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000));
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export interface FailureLimits {
  signInPerAccount: FailureLimit;
  signInPerIp: FailureLimit;
  apiTokenPerIp: FailureLimit;
  setPasswordPerIp: FailureLimit;
}

export function createFailureLimits(redis: Redis | null, keyPrefix = DEFAULT_REDIS_KEY_PREFIX): FailureLimits {
  return {
    signInPerAccount: createFailureLimit(SIGN_IN_PER_ACCOUNT, redis, keyPrefix),
    signInPerIp: createFailureLimit(SIGN_IN_PER_IP, redis, keyPrefix),
    apiTokenPerIp: createFailureLimit(API_TOKEN_PER_IP, redis, keyPrefix),
    setPasswordPerIp: createFailureLimit(SET_PASSWORD_PER_IP, redis, keyPrefix),
  };
}

/** This process's limits (one per process: see server/lib/process-singletons.ts), from REDIS_URL (shared) or memory. */
export function getFailureLimits(env: Record<string, string | undefined> = environment()): FailureLimits {
  return processSingleton('failure-limits', () => {
    const redis = redisSettingsFromEnv(env);
    if (!redis) return createFailureLimits(null);
    return createFailureLimits(new Redis(redis.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true }), redis.prefix);
  });
}

/** Tests put their own limits in place (undefined: the next getFailureLimits() builds them from the environment). */
export function setFailureLimits(limits: FailureLimits | undefined): void {
  replaceProcessSingleton('failure-limits', limits);
}
