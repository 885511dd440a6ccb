import { afterEach, describe, expect, it } from 'vitest';
import { environment, isProduction, processEnvironment } from './config';

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

describe('the one reader of the environment', () => {
  it('hears a setting made before the code that needs it runs (tests, the embedded defaults)', () => {
    process.env.AUTH_URL = 'https://ppa.example.gov.ph';
    expect(environment().AUTH_URL).toBe('https://ppa.example.gov.ph');
    delete process.env.AUTH_URL;
    expect(environment().AUTH_URL).toBeUndefined();
  });

  it('keeps every value as it was given, and the variables it does not name (a child process needs PATH)', () => {
    process.env.DATABASE_STATEMENT_TIMEOUT_MS = ' 0 ';
    process.env.PPA_SOMETHING_ELSE = 'kept';
    const env = environment();
    expect(env.DATABASE_STATEMENT_TIMEOUT_MS).toBe(' 0 ');
    expect(env.PPA_SOMETHING_ELSE).toBe('kept');
    expect(env.PATH).toBe(process.env.PATH);
  });

  it('is a copy: writing goes through processEnvironment, as the custom server does for its defaults', () => {
    const env = environment();
    env.SEED_DEMO_DATA = 'true';
    expect(process.env.SEED_DEMO_DATA).toBe(saved.SEED_DEMO_DATA);
    processEnvironment().SEED_DEMO_DATA = 'true';
    expect(environment().SEED_DEMO_DATA).toBe('true');
  });

  it('production is NODE_ENV=production and nothing else', () => {
    expect(isProduction({ NODE_ENV: 'production' })).toBe(true);
    expect(isProduction({ NODE_ENV: 'development' })).toBe(false);
    expect(isProduction({})).toBe(false);
  });
});
