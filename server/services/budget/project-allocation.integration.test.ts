import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workItems } from '@/db/schema';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { nodeNamed, newTrackedPpa } from '@/test/trees';
import { callerFor } from '@/test/viewers';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let reviewer: Awaited<ReturnType<typeof callerFor>>;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
});
afterAll(() => handle.close());

async function projectOf(ppaId: string) {
  const [project] = await handle.db
    .select({ allocated: workItems.allocatedBudget })
    .from(workItems)
    .where(and(eq(workItems.ppaId, ppaId), isNull(workItems.parentId)));
  return project!.allocated;
}

describe('a draft’s execution project follows the PPA’s allocation', () => {
  it('up and down while a draft; never below what its activities hold; the page’s "Unallocated" is over the PPA', async () => {
    const { ppaId } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty', title: 'Following plan' });
    const tree = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    await planner.workItem.add({ parentId: tree.id, title: 'Training', workType: 'activity', allocatedBudget: '300000' });

    await planner.ppa.update({ id: ppaId, budgetCeiling: '2000000', budgetAllocation: '1500000' });
    expect(await projectOf(ppaId)).toBe('1500000.00');
    await planner.ppa.update({ id: ppaId, budgetAllocation: '400000' });
    expect(await projectOf(ppaId)).toBe('400000.00');
    const view = await planner.budget.allocationTree({ id: ppaId });
    expect([view.ppa.budgetAllocation, view.ppa.unallocated, view.tree!.childrenAllocated]).toEqual(['400000.00', '100000.00', '300000.00']);

    const below = await refusal(planner.ppa.update({ id: ppaId, budgetAllocation: '250000' }));
    expect([below.code, below.message]).toEqual([
      'BAD_REQUEST',
      'The plan’s activities already hold ₱300,000.00; lower their allocations first, or keep the budget allocation at least that.',
    ]);
    expect([(await planner.ppa.get({ id: ppaId })).budgetAllocation, await projectOf(ppaId)]).toEqual(['400000.00', '400000.00']);
  });

  it('keeps the plan as given once the PPA is in review: the allocation may rise, and "Unallocated" shows the difference', async () => {
    const { ppaId } = await newTrackedPpa(planner, { allocation: '1000000', title: 'Reviewed plan' });
    await planner.ppa.transition({ id: ppaId, to: 'technical_review' });
    await planner.ppa.update({ id: ppaId, budgetCeiling: '1200000', budgetAllocation: '1200000' });
    expect(await projectOf(ppaId)).toBe('1000000.00');
    expect((await planner.budget.allocationTree({ id: ppaId })).ppa.unallocated).toBe('200000.00');
    expect((await refusal(planner.ppa.update({ id: ppaId, budgetAllocation: '900000' }))).message).toBe(
      'The execution plan already allocates ₱1,000,000.00; the budget allocation cannot be less.',
    );
  });
});

describe('a plan submitted before its allocation was set (₱0.00 project)', () => {
  it('shows all of the allocation unallocated, is refused budget review, and follows the allocation once rejected', async () => {
    const { id } = await planner.ppa.create({
      title: 'Late allocation',
      category: 'activity',
      sector: 'social',
      fiscalYear: 2026,
      fundingSource: 'GAAB',
      appropriationClass: 'MOOE',
    });
    await planner.ppa.transition({ id, to: 'technical_review' });
    expect(await projectOf(id)).toBe('0.00');
    await planner.ppa.update({ id, budgetCeiling: '1000000', budgetAllocation: '1000000' });
    await giveBalancedPlans(planner, id);
    // The page used to read the project's own ₱0.00 here: "Unallocated ₱0.00".
    expect((await planner.budget.allocationTree({ id })).ppa.unallocated).toBe('1000000.00');
    expect((await planner.ppa.get({ id })).nextStages).toEqual([]);
    expect((await reviewer.ppa.get({ id })).nextStages).toEqual(['rejected']);

    const empty = await refusal(reviewer.ppa.transition({ id, to: 'budget_review' }));
    expect([empty.code, empty.message]).toEqual([
      'CONFLICT',
      'Before budget review the PPA needs an execution plan that distributes its allocation to activities (they hold ₱0.00).',
    ]);
    expect((await planner.ppa.get({ id })).approvalStage).toBe('technical_review');

    // Rejected, the plan is the planners' again: the project takes the allocation, and they distribute it.
    await reviewer.ppa.transition({ id, to: 'rejected', comment: 'The plan hands out nothing.' });
    expect(await projectOf(id)).toBe('1000000.00');
    const tree = (await planner.budget.allocationTree({ id })).tree!;
    await planner.budget.distribute({
      id,
      parentId: tree.id,
      mode: 'manual',
      allocations: [{ workItemId: nodeNamed(tree, 'Execution').id, amount: '750000' }],
    });
    await planner.ppa.transition({ id, to: 'draft' });
    await planner.ppa.transition({ id, to: 'technical_review' });
    // ₱750,000.00 of ₱1,000,000.00 is handed out: allowed (the reviewer is warned on the page first).
    expect((await reviewer.ppa.get({ id })).nextStages).toEqual(['budget_review', 'rejected']);
    expect((await reviewer.ppa.transition({ id, to: 'budget_review' })).approvalStage).toBe('budget_review');
  });
});
