import { TRPCError } from '@trpc/server';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetDistributions, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { newTrackedPpa } from '@/test/trees';
import { callerFor } from '@/test/viewers';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('concurrent allocations on one parent', () => {
  it('50 planners at once: the invariant holds, no update is lost, every loser gets a clean 409', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty' });
    const children = [];
    for (let i = 0; i < 50; i++) children.push(await planner.workItem.add({ parentId: tree.id, title: `Barangay ${i + 1}`, workType: 'activity' }));

    // Each asks for ₱30,000.00 for its own child: only 33 fit in ₱1,000,000.00.
    const outcomes = await Promise.allSettled(
      children.map((child) =>
        planner.budget.distribute({ id: ppaId, parentId: tree.id, mode: 'manual', allocations: [{ workItemId: child.id, amount: '30000.00' }] }),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(33);
    expect(lost).toHaveLength(17);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(TRPCError);
      expect((reason as TRPCError).code).toBe('CONFLICT');
      expect((reason as TRPCError).message).toMatch(/^This would allocate ₱1,020,000\.00 under "Barangay Livelihood Caravan", which has only ₱1,000,000\.00/);
    }

    const [sum] = await handle.db
      .select({ total: sql<string>`sum(${workItems.allocatedBudget})`, funded: sql<number>`count(*) filter (where ${workItems.allocatedBudget} > 0)::int` })
      .from(workItems)
      .where(eq(workItems.parentId, tree.id));
    expect(sum).toEqual({ total: '990000.00', funded: 33 });
    // No lost update: each winner's distribution is recorded, and its child holds exactly what it asked.
    const recorded = await handle.db.select().from(budgetDistributions).where(eq(budgetDistributions.parentId, tree.id));
    expect(recorded).toHaveLength(33);
  });
});
