import { and, asc, eq, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, budgetDistributions, ppas, workItems } from '@/db/schema';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { nodeNamed } from '@/test/trees';
import { callerFor } from '@/test/viewers';

/**
 * Once a PPA's budget is locked, every write that would change an allocated amount is refused at the
 * procedure boundary and leaves the tree, the PPA and the audit log exactly as they were; writes that move
 * no money go on. Each refused write below would succeed on an unlocked PPA: the refusal is the lock's.
 */

type Caller = Awaited<ReturnType<typeof callerFor>>;

const LOCKED = 'The budget of this PPA is locked after budget review; an admin must unlock it before allocations change.';

let handle: TestDatabase;
let planner: Caller;
let reviewer: Caller;
let admin: Caller;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
});
afterAll(() => handle.close());

function newPpa(title: string) {
  return planner.ppa.create({
    title,
    category: 'project',
    sector: 'social',
    fiscalYear: 2026,
    budgetCeiling: '1200000',
    budgetAllocation: '1000000',
    fundingSource: 'GAAB',
    appropriationClass: 'MOOE',
  });
}

/**
 * A PPA taken through the workflow as in production: submitting creates the execution project (default
 * template: Preparation ₱150,000, Execution ₱750,000, Completion & Reporting ₱100,000). The planner cuts
 * Completion to ₱50,000 (the project keeps ₱50,000 free), details Preparation (Venue ₱60,000 holding a
 * ₱10,000 Deposit, Catering ₱40,000, an unfunded Permits, ₱50,000 free) and distributes ₱700,000 of
 * Execution by hand (undoable). Then budget review approves it forward, which locks the budget.
 */
async function lockedThroughWorkflow(title: string) {
  const { id: ppaId } = await newPpa(title);
  await planner.ppa.transition({ id: ppaId, to: 'technical_review' });
  const planned = (await planner.budget.allocationTree({ id: ppaId })).tree!;
  await planner.workItem.update({ id: nodeNamed(planned, 'Completion & Reporting').id, allocatedBudget: '50000' });
  const prep = nodeNamed(planned, 'Preparation');
  const execution = nodeNamed(planned, 'Execution');
  const venue = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'task' });
  const catering = await planner.workItem.add({ parentId: prep.id, title: 'Catering', workType: 'task' });
  const permits = await planner.workItem.add({ parentId: prep.id, title: 'Permits', workType: 'task' });
  await planner.budget.distribute({
    id: ppaId,
    parentId: prep.id,
    mode: 'manual',
    allocations: [
      { workItemId: venue.id, amount: '60000' },
      { workItemId: catering.id, amount: '40000' },
    ],
  });
  const deposit = await planner.workItem.add({ parentId: venue.id, title: 'Deposit', workType: 'subtask', allocatedBudget: '10000' });
  const units = await planner.workItem.add({ parentId: execution.id, title: 'Dryer units', workType: 'task' });
  const installation = await planner.workItem.add({ parentId: execution.id, title: 'Installation', workType: 'task' });
  await planner.budget.distribute({
    id: ppaId,
    parentId: execution.id,
    mode: 'manual',
    allocations: [
      { workItemId: units.id, amount: '500000' },
      { workItemId: installation.id, amount: '200000' },
    ],
  });

  await giveBalancedPlans(planner, ppaId);
  await reviewer.ppa.transition({ id: ppaId, to: 'budget_review' });
  const locked = await reviewer.ppa.transition({ id: ppaId, to: 'executive_approval' });
  expect(locked.budgetLockedAt).not.toBeNull();
  return {
    ppaId,
    rootId: planned.id,
    prepId: prep.id,
    executionId: execution.id,
    venueId: venue.id,
    cateringId: catering.id,
    permitsId: permits.id,
    depositId: deposit.id,
  };
}

/** Everything a refused write must leave untouched: the tree with its figures, the rows behind it, the log. */
async function snapshot(ppaId: string) {
  return {
    tree: await planner.budget.allocationTree({ id: ppaId }),
    ppa: (await handle.db.select().from(ppas).where(eq(ppas.id, ppaId)))[0],
    items: await handle.db.select().from(workItems).where(eq(workItems.ppaId, ppaId)).orderBy(asc(workItems.id)),
    distributions: await handle.db.select().from(budgetDistributions).where(eq(budgetDistributions.ppaId, ppaId)).orderBy(asc(budgetDistributions.id)),
    audit: await handle.db.select().from(auditLog).where(eq(auditLog.ppaId, ppaId)).orderBy(asc(auditLog.id)),
  };
}

/** [item id, parent id, allocated] of every funded item: the money of the plan, whatever else changes. */
function fundedItems(node: AllocationNodeShape, parentId: string | null = null): [string, string | null, string][] {
  const own: [string, string | null, string][] = node.allocated === '0.00' ? [] : [[node.id, parentId, node.allocated]];
  return [...own, ...node.children.flatMap((child) => fundedItems(child, node.id))].sort(([a], [b]) => a.localeCompare(b));
}

async function expectLockRefusal(write: Promise<unknown>) {
  const error = await refusal(write);
  expect([error.code, error.message]).toEqual(['CONFLICT', LOCKED]);
}

describe('a locked budget refuses every change of an allocation', () => {
  let plan: Awaited<ReturnType<typeof lockedThroughWorkflow>>;
  beforeAll(async () => {
    plan = await lockedThroughWorkflow('Solar Dryers for Seaweed Farmers');
  });

  const moneyWrites: [string, () => Promise<unknown>][] = [
    [
      'adding an item with an allocation',
      () => planner.workItem.add({ parentId: plan.prepId, title: 'Sound system', workType: 'task', allocatedBudget: '1000' }),
    ],
    ['raising an item’s allocation', () => planner.workItem.update({ id: plan.venueId, allocatedBudget: '65000' })],
    ['lowering an item’s allocation', () => planner.workItem.update({ id: plan.executionId, allocatedBudget: '700000' })],
    ['giving an unfunded item money', () => planner.workItem.update({ id: plan.permitsId, allocatedBudget: '5000' })],
    ['changing the project’s allocation', () => planner.workItem.update({ id: plan.rootId, allocatedBudget: '950000' })],
    [
      'an edit that changes the title and the allocation together',
      () => planner.workItem.update({ id: plan.venueId, title: 'Venue and sound', allocatedBudget: '65000' }),
    ],
    ['deleting a funded item', () => planner.workItem.delete({ id: plan.cateringId })],
    ['deleting an item whose subtree holds money', () => planner.workItem.delete({ id: plan.venueId })],
    ['moving a funded item to another parent', () => planner.workItem.move({ id: plan.cateringId, parentId: plan.executionId, position: 0 })],
    ['distributing equally', () => planner.budget.distribute({ id: plan.ppaId, parentId: plan.prepId, mode: 'equal' })],
    ['distributing by weight', () => planner.budget.distribute({ id: plan.ppaId, parentId: plan.prepId, mode: 'weighted' })],
    [
      'distributing by hand',
      () => planner.budget.distribute({ id: plan.ppaId, parentId: plan.prepId, mode: 'manual', allocations: [{ workItemId: plan.permitsId, amount: '5000' }] }),
    ],
    ['undoing the last distribution', () => planner.budget.undoDistribution({ id: plan.ppaId, parentId: plan.executionId })],
    ['saving the co-edited allocation form', () => planner.collab.save({ ppaId: plan.ppaId, amounts: [{ workItemId: plan.venueId, amount: '70000' }] })],
    ['changing the PPA’s budget allocation', () => planner.ppa.update({ id: plan.ppaId, budgetAllocation: '1100000' })],
    ['changing the PPA’s budget ceiling', () => planner.ppa.update({ id: plan.ppaId, budgetCeiling: '1300000' })],
    ['an admin changing the PPA’s budget allocation', () => admin.ppa.update({ id: plan.ppaId, budgetAllocation: '1100000', description: 'Realigned' })],
  ];

  it.each(moneyWrites)('%s: 409, and nothing changes', async (_name, write) => {
    const before = await snapshot(plan.ppaId);
    await expectLockRefusal(write());
    expect(await snapshot(plan.ppaId)).toEqual(before);
  });

  it('still lets the work go on: titles, status, progress, dates, order and unfunded items change, the money does not', async () => {
    const before = await planner.budget.allocationTree({ id: plan.ppaId });
    const edited = await planner.workItem.update({
      id: plan.venueId,
      title: 'Venue and sound',
      status: 'in_progress',
      progress: 40,
      startDate: '2026-03-01',
      dueDate: '2026-03-31',
    });
    // Venue has a sub-item (Deposit, not started), so its progress is Deposit's, not the 40% typed in.
    expect(edited).toMatchObject({
      title: 'Venue and sound',
      status: 'in_progress',
      progress: 0,
      startDate: '2026-03-01',
      dueDate: '2026-03-31',
      allocatedBudget: '60000.00',
    });
    // Sending an item's current amount back (as an edit form does) is no change of money.
    expect((await planner.workItem.update({ id: plan.cateringId, allocatedBudget: '40000.00', priority: 'high' })).priority).toBe('high');
    await planner.workItem.update({ id: plan.depositId, status: 'completed' });
    const checklist = await planner.workItem.add({ parentId: plan.prepId, title: 'Checklist', workType: 'task' });
    await planner.workItem.move({ id: plan.cateringId, parentId: plan.prepId, position: 0 });
    await planner.workItem.move({ id: plan.permitsId, parentId: plan.executionId, position: 0 });
    await planner.workItem.delete({ id: checklist.id });
    await planner.ppa.update({ id: plan.ppaId, description: 'Dryers for three coastal barangays.', budgetAllocation: '1000000.00' });
    await planner.workItem.recordExpenditure({ id: plan.depositId, kind: 'obligation', amount: '10000', date: '2026-03-01', description: 'Venue contract' });
    await planner.workItem.recordExpenditure({ id: plan.depositId, amount: '10000', date: '2026-03-02', description: 'Venue deposit' });

    const after = await planner.budget.allocationTree({ id: plan.ppaId });
    expect(fundedItems(after.tree!)).toEqual(fundedItems(before.tree!));
    expect(after.ppa.budgetAllocation).toBe('1000000.00');
    expect(after.ppa.budgetLockedAt).toBe(before.ppa.budgetLockedAt);
    const prep = nodeNamed(after.tree!, 'Preparation');
    expect(prep.children.map((c) => [c.title, c.allocated])).toEqual([
      ['Catering', '40000.00'],
      ['Venue and sound', '60000.00'],
    ]);
    expect(nodeNamed(after.tree!, 'Execution').children.map((c) => c.title)).toEqual(['Permits', 'Dryer units', 'Installation']);
    expect(nodeNamed(after.tree!, 'Venue and sound')).toMatchObject({ status: 'in_progress', actual: '10000.00' });

    const actions = (
      await handle.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.ppaId, plan.ppaId), ne(auditLog.entityType, 'plan')))
        .orderBy(asc(auditLog.createdAt))
    ).map((a) => a.action);
    // The plans' own lock (entity 'plan') is the Budget Execution Documents', not the tree's.
    expect(actions.slice(actions.indexOf('lock') + 1)).toEqual([
      'update',
      'update',
      'update',
      'sync_from_work_items',
      'add',
      'reorder',
      'move',
      'delete',
      'update',
      'record',
      'record',
    ]);
  });
});

describe('enabling execution tracking on a locked budget', () => {
  it.each(['default', 'empty'] as const)('is refused with the %s template, and the PPA stays without a plan', async (template) => {
    const { id: ppaId } = await newPpa(`Fish Landing Upgrade (${template})`);
    await admin.budget.lockBudget({ id: ppaId, reason: 'Frozen pending MFBM memo' });
    const before = await snapshot(ppaId);
    await expectLockRefusal(planner.budget.enableTracking({ id: ppaId, template }));
    expect(await snapshot(ppaId)).toEqual(before);
    expect(before.tree.tree).toBeNull();
    expect(before.ppa?.enableWorkItemTracking).toBe(false);
  });

  it('works again once an admin unlocks, and the approval workflow still creates the project before the lock', async () => {
    const { id: ppaId } = await newPpa('Fish Landing Upgrade (unlocked)');
    await admin.budget.lockBudget({ id: ppaId, reason: 'Frozen pending MFBM memo' });
    await admin.budget.unlockBudget({ id: ppaId, reason: 'Memo received' });
    const { tree } = await planner.budget.enableTracking({ id: ppaId, template: 'empty' });
    expect(tree).toMatchObject({ allocated: '1000000.00', children: [] });

    const plan = await lockedThroughWorkflow('Seaweed Nursery');
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.ppaId, plan.ppaId)).orderBy(asc(auditLog.createdAt));
    expect(audit.map((a) => a.action)).toContain('enable_tracking');
    expect(audit.at(-1)?.action).toBe('lock');
  });
});
