/**
 * Where the instances of one deployment meet in Redis (docs/deploy.md): REDIS_URL, and REDIS_KEY_PREFIX in front
 * of every key and pub/sub channel the app uses, so two deployments (or two test runs) may share one Redis
 * without counting each other's sign-in failures or hearing each other's edits. Null without REDIS_URL: the
 * app is then one process and keeps all of it in memory.
 */
export interface RedisSettings {
  url: string;
  prefix: string;
}

export const DEFAULT_REDIS_KEY_PREFIX = 'ppa:';

export function redisSettingsFromEnv(env: Record<string, string | undefined>): RedisSettings | null {
  if (!env.REDIS_URL) return null;
  return { url: env.REDIS_URL, prefix: env.REDIS_KEY_PREFIX || DEFAULT_REDIS_KEY_PREFIX };
}
