import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expenditureEntries } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, nodeNamed } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { manilaDay } from '../../domain/schedule';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('expenditure dates', () => {
  it('refuse a day after today in Manila and a day before the year before the fiscal year, writing nothing', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '100000.00', title: 'Caravan for the ledger dates' });
    const preparation = nodeNamed(tree, 'Preparation');
    const tomorrow = manilaDay(new Date(Date.now() + 24 * 60 * 60 * 1000));
    const spend = (date: string) =>
      planner.workItem.recordExpenditure({ id: preparation.id, kind: 'obligation', amount: '100', date, description: 'Venue contract' });

    const future = await refusal(spend(tomorrow));
    expect(future.code).toBe('BAD_REQUEST');
    expect(future.message).toBe(`The date cannot be after today (${manilaDay(new Date())}, Manila time).`);
    expect((await refusal(spend('2024-12-31'))).message).toBe('The date cannot be before 2025-01-01: this PPA is for fiscal year 2026.');
    expect((await refusal(spend('0000-01-01'))).message).toBe('Enter a date between 1900 and 2100.');
    expect(await handle.db.select().from(expenditureEntries).where(eq(expenditureEntries.workItemId, preparation.id))).toEqual([]);

    await spend('2025-01-01');
    await spend(manilaDay(new Date()));
    expect(await handle.db.select().from(expenditureEntries).where(eq(expenditureEntries.workItemId, preparation.id))).toHaveLength(2);
  });
});
