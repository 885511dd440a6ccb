import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEmbeddedDefaults, shouldSeedDemoData } from './bootstrap';

describe('embedded defaults', () => {
  it('with nothing configured: .data, port 3000, and a persistent auth secret', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ppa-boot-'));
    const env: Record<string, string | undefined> = { DATA_DIR: dir };
    expect(applyEmbeddedDefaults(env)).toEqual({ dataDir: dir, port: 3000 });
    const secret = env.AUTH_SECRET;
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(readFileSync(path.join(dir, 'auth-secret'), 'utf8')).toBe(secret);
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    // A restart reads the same secret, so sessions survive it.
    const again: Record<string, string | undefined> = { DATA_DIR: dir };
    applyEmbeddedDefaults(again);
    expect(again.AUTH_SECRET).toBe(secret);
  });

  it('keeps what the environment sets, and refuses a port that is not one', () => {
    const env: Record<string, string | undefined> = { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'ppa-boot-')), AUTH_SECRET: 'given', PORT: '4100' };
    expect(applyEmbeddedDefaults(env).port).toBe(4100);
    expect(env.AUTH_SECRET).toBe('given');
    expect(() => applyEmbeddedDefaults({ ...env, PORT: 'eighty' })).toThrow('PORT must be a port number');
  });

  it('defaults the data folder to .data in the working directory', () => {
    const env: Record<string, string | undefined> = { AUTH_SECRET: 'x' };
    expect(applyEmbeddedDefaults(env).dataDir).toBe(path.resolve('.data'));
  });
});

describe('demo data', () => {
  it('is seeded in development, never by default in production, and as SEED_DEMO_DATA says when set', () => {
    expect(shouldSeedDemoData({})).toBe(true);
    expect(shouldSeedDemoData({ NODE_ENV: 'development' })).toBe(true);
    expect(shouldSeedDemoData({ NODE_ENV: 'production' })).toBe(false);
    expect(shouldSeedDemoData({ NODE_ENV: 'production', SEED_DEMO_DATA: 'true' })).toBe(true);
    expect(shouldSeedDemoData({ NODE_ENV: 'development', SEED_DEMO_DATA: 'false' })).toBe(false);
    expect(shouldSeedDemoData({ NODE_ENV: 'production', SEED_DEMO_DATA: 'yes' })).toBe(false);
  });
});
