import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db';

export type TestDatabaseConfig = { driver: 'pglite' } | { driver: 'postgres'; adminUrl: string; template: string; prefix: string };

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseConfig;
  }
}

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function urlForDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Database tests run on the real PostgreSQL (TEST_DATABASE_URL, else 127.0.0.1:5432) when it answers: this
 * run gets its own migrated template database, every test file a fresh copy, and all are dropped at the
 * end. With no server, they run on in-memory PGlite instead, except under CI, where a missing server fails.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_ADMIN_URL;
  const admin = postgres(adminUrl, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await admin`select 1`;
  } catch (error) {
    await admin.end({ timeout: 1 });
    if (process.env.CI) throw new Error(`CI needs PostgreSQL at ${adminUrl} for the database tests: ${String(error)}`);
    console.warn(`PostgreSQL not reachable at ${adminUrl}; database tests run on in-memory PGlite.`);
    project.provide('testDatabase', { driver: 'pglite' });
    return;
  }

  const prefix = `ppa_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `${prefix}_template`;
  await admin.unsafe(`create database "${template}"`);
  const handle = openDatabase({ url: urlForDatabase(adminUrl, template) });
  await handle.migrate();
  await handle.close();
  project.provide('testDatabase', { driver: 'postgres', adminUrl, template, prefix });

  return async () => {
    const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`${prefix}%`}`;
    for (const { datname } of leftovers) await admin.unsafe(`drop database if exists "${datname}" with (force)`);
    await admin.end({ timeout: 5 });
  };
}
