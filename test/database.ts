import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db';
import { seedDemoData } from '../db/seed/seed';
import { urlForDatabase } from './global-setup';

export interface TestDatabase extends DatabaseHandle {
  /** Only on PostgreSQL: the URL of this test's own database. */
  url?: string;
}

/** A migrated, empty database of this test file's own (see test/global-setup.ts). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const config = inject('testDatabase');
  if (config.driver === 'pglite') {
    const handle = openDatabase({ memory: true });
    await handle.migrate();
    return handle;
  }
  const name = `${config.prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  // Copying a template fails while another copy is being made from it: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database "${name}" template "${config.template}"`);
      break;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = urlForDatabase(config.adminUrl, name);
  const handle = openDatabase({ url });
  return {
    ...handle,
    url,
    async close() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** A test database with the demo data (README "Demo accounts"). */
export async function createSeededTestDatabase(): Promise<TestDatabase> {
  const handle = await createTestDatabase();
  await seedDemoData(handle.db);
  return handle;
}
