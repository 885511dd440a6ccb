import { z } from 'zod';

const setting = z.string().optional();

/**
 * Every environment setting the server reads (README "Configuration"), by name. Each stays the text it was given:
 * what a value means, and the message when it is wrong, belong to the part that uses it (databaseTimeoutsFromEnv,
 * redisSettingsFromEnv, webSecurityConfigFromEnv, …), which takes this object, so a test hands them its own.
 * Anything else in the environment (PATH, a child process's needs) is kept as it is.
 */
const zEnvironment = z
  .object({
    NODE_ENV: setting,
    PORT: setting,
    HOSTNAME: setting,
    TRUST_PROXY: setting,
    LOG_LEVEL: setting,
    VITEST: setting,
    AUTH_SECRET: setting,
    AUTH_URL: setting,
    AUTH_OIDC_ISSUER: setting,
    AUTH_OIDC_CLIENT_ID: setting,
    AUTH_OIDC_CLIENT_SECRET: setting,
    AUTH_OIDC_NAME: setting,
    DATABASE_URL: setting,
    DATA_DIR: setting,
    DATABASE_CONNECT_TIMEOUT_MS: setting,
    DATABASE_STATEMENT_TIMEOUT_MS: setting,
    SEED_DEMO_DATA: setting,
    REDIS_URL: setting,
    REDIS_KEY_PREFIX: setting,
    INNGEST_EVENT_KEY: setting,
    INNGEST_SIGNING_KEY: setting,
    INNGEST_BASE_URL: setting,
    INNGEST_DEV: setting,
    SMTP_URL: setting,
    SMTP_FROM: setting,
    ALLOWED_DEV_ORIGINS: setting,
    METRICS_TOKEN: setting,
    SLOW_QUERY_MS: setting,
    APP_VERSION: setting,
    MODIFICATION_EXECUTIVE_THRESHOLD: setting,
  })
  .catchall(setting);

export type Environment = z.infer<typeof zEnvironment>;

/**
 * The server's settings: the one place that reads `process.env` for server/, db/, inngest/ and the auth wiring.
 * Read anew on each call, so a test (or server/bootstrap.ts's embedded defaults) that sets a variable before the
 * code runs is heard.
 */
export function environment(): Environment {
  return zEnvironment.parse(process.env);
}

/** Whether this process runs the production build (`npm start`), not development or tests. */
export function isProduction(env: Environment = environment()): boolean {
  return env.NODE_ENV === 'production';
}

/**
 * The process environment itself, for the writes the custom server makes before anything reads it (the embedded
 * defaults of server/bootstrap.ts, Next's private origin): reading goes through `environment()`.
 */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}

/**
 * One setting, read without parsing the whole environment: for what runs on every database statement
 * (SLOW_QUERY_MS), where environment() would cost more than the statement's own bookkeeping.
 */
export function settingValue(name: keyof Environment & string): string | undefined {
  return process.env[name];
}
