import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { rowsOf } from '.';

const onPostgres = inject('testDatabase').driver === 'postgres';

describe.skipIf(!onPostgres)('a real deadlock on PostgreSQL', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await handle.db.execute(sql`create table race (id int primary key, value int not null)`);
    await handle.db.execute(sql`insert into race values (1, 0), (2, 0)`);
  });
  afterAll(() => handle.close());

  it('is run again by the transaction runner: both transactions are applied, once each', async () => {
    // Each locks one row, waits until the other has locked its own, then wants the other's: a circle
    // PostgreSQL breaks by rolling one back. Only the first run of each waits for the other.
    let arrived = 0;
    let release!: () => void;
    const bothLocked = new Promise<void>((resolve) => (release = resolve));
    const runs = { a: 0, b: 0 };
    const crossing = (name: 'a' | 'b', first: number, second: number) =>
      handle.db.transaction(async (tx) => {
        runs[name] += 1;
        await tx.execute(sql`update race set value = value + 1 where id = ${first}`);
        if (runs[name] === 1) {
          arrived += 1;
          if (arrived === 2) release();
          await bothLocked;
        }
        await tx.execute(sql`update race set value = value + 1 where id = ${second}`);
      });
    await Promise.all([crossing('a', 1, 2), crossing('b', 2, 1)]);

    expect(runs.a + runs.b).toBe(3); // one of the two lost the deadlock and ran a second time
    const rows = rowsOf<{ id: number; value: number }>(await handle.db.execute(sql`select id, value from race order by id`));
    expect(rows.map((r) => r.value)).toEqual([2, 2]);
  });
});
