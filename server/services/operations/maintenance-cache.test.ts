import { describe, expect, it } from 'vitest';
import type { Database } from '@/db';
import { getMaintenance, setMaintenance } from './maintenance';

/**
 * A database stand-in whose reads of the switch wait until the test lets them answer, and whose writes answer at
 * once: the order in which a read and a switch finish is the test's to choose.
 */
function switchboard(row: { on: boolean; message: string; changedAt: Date }) {
  const pending: (() => void)[] = [];
  const read = () =>
    new Promise<unknown[]>((resolve) => {
      const answer = { ...row };
      pending.push(() => resolve([answer]));
    });
  const db = {
    select: () => ({ from: () => ({ where: read }) }),
    insert: () => ({
      values: (values: { on: boolean; message: string; changedAt: Date }) => ({
        onConflictDoUpdate: () => ({
          returning: async () => {
            Object.assign(row, values);
            return [{ ...row }];
          },
        }),
      }),
    }),
  } as unknown as Database;
  return { db, row, answerReads: () => pending.splice(0).forEach((answer) => answer()) };
}

describe('the maintenance switch as this instance knows it', () => {
  it('a read that started before the switch was turned off does not bring "on" back', async () => {
    const { db, answerReads } = switchboard({ on: true, message: 'Upgrading', changedAt: new Date() });
    const reading = getMaintenance(db); // reads "on", but has not answered yet
    const switched = await setMaintenance(db, { on: false });
    expect(switched.on).toBe(false);
    answerReads();
    await reading;
    // Within the cache time, this instance goes on with what it switched, not with the older read.
    expect((await getMaintenance(db)).on).toBe(false);
  });

  it('hears a switch another instance turned once the cache time has passed, not before', async () => {
    const { db, row, answerReads } = switchboard({ on: false, message: '', changedAt: new Date() });
    const first = getMaintenance(db, 0);
    answerReads();
    expect((await first).on).toBe(false);
    row.on = true; // turned on by another instance
    expect((await getMaintenance(db, 1_000)).on).toBe(false); // within the cache time: no read
    const later = getMaintenance(db, 10_000);
    answerReads();
    expect((await later).on).toBe(true);
  });
});
