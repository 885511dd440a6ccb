import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { urlForDatabase } from '@/test/global-setup';
import { openDatabase } from './index';
import { users } from './schema';
import { prepareDatabase } from './prepare';

// Instances of one deployment start together on one empty PostgreSQL database.
const config = inject('testDatabase');

describe.skipIf(config.driver !== 'postgres')('preparing one PostgreSQL database from several instances at once', () => {
  if (config.driver !== 'postgres') return;
  const name = `${config.prefix}_prepare_${randomBytes(4).toString('hex')}`;
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  beforeAll(() => admin.unsafe(`create database "${name}"`));
  afterAll(async () => {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end({ timeout: 5 });
  });

  it('migrates and seeds once: the others wait, then find it done', async () => {
    const instances = Array.from({ length: 3 }, () => openDatabase({ url: urlForDatabase(config.adminUrl, name) }));
    try {
      const results = await Promise.all(instances.map((instance) => prepareDatabase(instance, { seedIfEmpty: true })));
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await instances[0]!.db.$count(users)).toBeGreaterThan(0);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });
});
