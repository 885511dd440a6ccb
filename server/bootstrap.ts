import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the app sets for itself when nothing is configured, so `npm run dev` on a fresh clone just works.
 * Anything already in the environment wins.
 */
export function applyEmbeddedDefaults(env: Record<string, string | undefined>): { dataDir: string; port: number } {
  const dataDir = path.resolve(env.DATA_DIR || '.data');
  env.DATA_DIR = dataDir;
  if (!env.AUTH_SECRET) env.AUTH_SECRET = persistentSecret(path.join(dataDir, 'auth-secret'));
  const port = Number(env.PORT || 3000);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}".`);
  return { dataDir, port };
}

/** A random secret kept in the data folder, so sessions survive a restart without any configuration. */
export function persistentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/**
 * Demo accounts share a published password, so they exist only where nobody real signs in: in development,
 * or where the operator asks for them with SEED_DEMO_DATA=true. A production start never seeds by default.
 */
export function shouldSeedDemoData(env: Record<string, string | undefined>): boolean {
  if (env.SEED_DEMO_DATA === 'true') return true;
  if (env.SEED_DEMO_DATA === 'false') return false;
  return env.NODE_ENV !== 'production';
}
