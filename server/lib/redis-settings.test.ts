import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_KEY_PREFIX, redisSettingsFromEnv } from './redis-settings';

describe('Redis settings from the environment', () => {
  it('are none without REDIS_URL (one process, all in memory)', () => {
    expect(redisSettingsFromEnv({})).toBeNull();
    expect(redisSettingsFromEnv({ REDIS_URL: '', REDIS_KEY_PREFIX: 'x:' })).toBeNull();
  });

  it('put REDIS_KEY_PREFIX, or "ppa:", in front of every key', () => {
    expect(redisSettingsFromEnv({ REDIS_URL: 'redis://cache:6379' })).toEqual({ url: 'redis://cache:6379', prefix: DEFAULT_REDIS_KEY_PREFIX });
    expect(DEFAULT_REDIS_KEY_PREFIX).toBe('ppa:');
    expect(redisSettingsFromEnv({ REDIS_URL: 'redis://cache:6379/2', REDIS_KEY_PREFIX: 'ppa-staging:' })).toEqual({
      url: 'redis://cache:6379/2',
      prefix: 'ppa-staging:',
    });
  });
});
