import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ppas, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { childAmounts, newSpendablePpa, newTrackedPpa, nodeNamed, obligate } from '@/test/trees';
import { refusal } from '@/test/refusal';
import { callerFor } from '@/test/viewers';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let admin: Awaited<ReturnType<typeof callerFor>>;
let livelihoodId: string;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
  livelihoodId = (await planner.ppa.list({ q: 'Livelihood Training' })).items[0]!.id;
});
afterAll(() => handle.close());

const tree = async (ppaId: string) => (await planner.budget.allocationTree({ id: ppaId })).tree!;

describe('the allocation tree', () => {
  it('returns the Livelihood Training tree with the mock-up’s amounts and rolled-up spending', async () => {
    const result = await planner.budget.allocationTree({ id: livelihoodId });
    expect(result.ppa).toMatchObject({ title: 'Livelihood Training for OBC Women', budgetAllocation: '5000000.00', moaCode: 'MSSD', canEdit: true });
    const root = result.tree!;
    expect(root).toMatchObject({ workType: 'project', allocated: '5000000.00', actual: '1647500.00', unallocated: '0.00', progress: 34 });
    expect(childAmounts(root)).toEqual([
      ['Preparation', '750000.00'],
      ['Execution', '3750000.00'],
      ['Completion & Reporting', '500000.00'],
    ]);
    expect(childAmounts(nodeNamed(root, 'Preparation'))).toEqual([
      ['Venue Booking', '300000.00'],
      ['Invitations', '450000.00'],
    ]);
    expect(nodeNamed(root, 'Venue Booking')).toMatchObject({
      actual: '342500.00',
      variance: '42500.00',
      remaining: '-42500.00',
      variancePercent: 14.17,
      utilisation: 114.17,
      budgetStatus: 'over_budget',
    });
    expect(nodeNamed(root, 'Preparation')).toMatchObject({ actual: '522500.00', progress: 76 });
  });

  it('is scoped: another MOA’s planner gets 404, reviewers read it', async () => {
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect((await refusal(mafar.budget.allocationTree({ id: livelihoodId }))).code).toBe('NOT_FOUND');
    const reviewer = await callerFor(handle.db, 'reviewer@example.org');
    expect((await reviewer.budget.allocationTree({ id: livelihoodId })).ppa.canEdit).toBe(false);
  });
});

describe('enabling execution tracking', () => {
  it('builds the default template from the PPA’s budget, once', async () => {
    const { ppaId, tree: root } = await newTrackedPpa(planner, { allocation: '5000000.00' });
    expect(root).toMatchObject({ workType: 'project', allocated: '5000000.00', title: 'Barangay Livelihood Caravan' });
    expect(childAmounts(root)).toEqual([
      ['Preparation', '750000.00'],
      ['Execution', '3750000.00'],
      ['Completion & Reporting', '500000.00'],
    ]);
    expect(root.children.every((c) => c.workType === 'activity')).toBe(true);
    expect((await planner.ppa.get({ id: ppaId })).enableWorkItemTracking).toBe(true);
    const again = await refusal(planner.budget.enableTracking({ id: ppaId, template: 'default' }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('Execution tracking is already enabled for this PPA.');
  });

  it('gives programs sub-projects 20/60/20 and the empty template only the project', async () => {
    const program = await newTrackedPpa(planner, { allocation: '1000000.01', category: 'program' });
    expect(childAmounts(program.tree)).toEqual([
      ['Planning & Design', '200000.00'],
      ['Implementation', '600000.01'],
      ['Monitoring & Evaluation', '200000.00'],
    ]);
    const empty = await newTrackedPpa(planner, { allocation: '250000', template: 'empty' });
    expect(empty.tree.children).toEqual([]);
    expect(empty.tree.allocated).toBe('250000.00');
  });

  it('asks for a budget allocation first, and refuses viewers and other MOAs', async () => {
    const draft = (await planner.ppa.list({ q: 'Family and Community Welfare' })).items[0]!;
    const noBudget = await refusal(planner.budget.enableTracking({ id: draft.id, template: 'default' }));
    expect(noBudget.code).toBe('BAD_REQUEST');
    expect(noBudget.message).toBe('Set the PPA’s budget allocation before enabling execution tracking.');
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await refusal(viewer.budget.enableTracking({ id: draft.id, template: 'default' }))).code).toBe('FORBIDDEN');
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect((await refusal(mafar.budget.enableTracking({ id: draft.id, template: 'default' }))).code).toBe('NOT_FOUND');
  });
});

describe('editing the tree', () => {
  it('adds children of deeper types only, last in order, within the parent’s unallocated money', async () => {
    const { ppaId, tree: root } = await newTrackedPpa(planner, { allocation: '1000000' });
    const prep = nodeNamed(root, 'Preparation'); // ₱150,000.00
    const wrongType = await refusal(planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'activity' }));
    expect(wrongType.code).toBe('BAD_REQUEST');
    expect(wrongType.message).toBe('An activity cannot go under an activity; choose sub-activity, task, subtask.');
    const venue = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'task', allocatedBudget: '100000' });
    const catering = await planner.workItem.add({ parentId: prep.id, title: 'Catering', workType: 'task', allocatedBudget: '50000.00' });
    expect([venue.sortOrder, catering.sortOrder]).toEqual([0, 1]);
    const tooMuch = await refusal(planner.workItem.add({ parentId: prep.id, title: 'Sound system', workType: 'task', allocatedBudget: '0.01' }));
    expect(tooMuch.code).toBe('CONFLICT');
    expect(tooMuch.message).toBe('This would allocate ₱150,000.01 under "Preparation", which has only ₱150,000.00: ₱0.01 too much.');
    const sub = await planner.workItem.add({ parentId: venue.id, title: 'Deposit', workType: 'subtask' });
    const leafOfLeaf = await refusal(planner.workItem.add({ parentId: sub.id, title: 'x', workType: 'subtask' }));
    expect(leafOfLeaf.message).toBe('A subtask cannot have sub-items.');
    expect(childAmounts(nodeNamed(await tree(ppaId), 'Preparation'))).toEqual([
      ['Venue', '100000.00'],
      ['Catering', '50000.00'],
    ]);
  });

  it('edits a row’s allocation against its parent and its own children, and the project against the PPA', async () => {
    const { tree: root } = await newTrackedPpa(planner, { allocation: '1000000' });
    const prep = nodeNamed(root, 'Preparation');
    const venue = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'task', allocatedBudget: '100000' });
    const over = await refusal(planner.workItem.update({ id: prep.id, allocatedBudget: '150000.01' }));
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('₱0.01 too much');
    const below = await refusal(planner.workItem.update({ id: prep.id, allocatedBudget: '99999.99' }));
    expect(below.message).toBe('"Preparation" cannot get ₱99,999.99: its own sub-items already hold ₱100,000.00.');
    const project = await refusal(planner.workItem.update({ id: root.id, allocatedBudget: '1000000.01' }));
    expect(project.message).toBe('The execution project cannot hold more than the PPA’s budget allocation of ₱1,000,000.00.');
    expect((await planner.workItem.update({ id: venue.id, allocatedBudget: '150000', title: 'Venue and sound' })).allocatedBudget).toBe('150000.00');
    expect((await planner.workItem.update({ id: venue.id, workType: 'sub_activity' })).workType).toBe('sub_activity');
    expect((await refusal(planner.workItem.update({ id: venue.id, workType: 'activity' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.workItem.update({ id: root.id, workType: 'activity' }))).message).toBe('The execution project stays a project.');
    const dates = await refusal(planner.workItem.update({ id: venue.id, startDate: '2026-05-02', dueDate: '2026-05-01' }));
    expect(dates.code).toBe('BAD_REQUEST');
  });

  it('completing items sets their progress to 100 and syncs the PPA’s progress and status', async () => {
    const { ppaId, tree: root } = await newTrackedPpa(planner, { allocation: '1000000' });
    await planner.workItem.update({ id: root.id, status: 'in_progress' });
    await planner.workItem.update({ id: nodeNamed(root, 'Preparation').id, status: 'completed' });
    const ppa = await planner.ppa.get({ id: ppaId });
    expect(ppa.progress).toBe(15); // Preparation holds 15% of the budget
    expect(ppa.status).toBe('ongoing');
    expect(nodeNamed(await tree(ppaId), 'Preparation').progress).toBe(100);
    await planner.workItem.update({ id: root.id, status: 'blocked' });
    expect((await planner.ppa.get({ id: ppaId })).status).toBe('on_hold');
  });

  it('moves and reorders, refusing cycles, shallower types, the project and money that does not fit', async () => {
    const { ppaId, tree: root } = await newTrackedPpa(planner, { allocation: '1000000' });
    const prep = nodeNamed(root, 'Preparation');
    const exec = nodeNamed(root, 'Execution'); // ₱750,000.00
    const venue = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'sub_activity', allocatedBudget: '100000' });
    const deposit = await planner.workItem.add({ parentId: venue.id, title: 'Deposit', workType: 'task' });
    expect((await refusal(planner.workItem.move({ id: venue.id, parentId: deposit.id, position: 0 }))).message).toBe(
      'An item cannot move under itself or one of its own sub-items.',
    );
    expect((await refusal(planner.workItem.move({ id: prep.id, parentId: venue.id, position: 0 }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.workItem.move({ id: root.id, parentId: prep.id, position: 0 }))).code).toBe('CONFLICT');
    const completion = nodeNamed(root, 'Completion & Reporting'); // ₱100,000.00, all allocated? no: no children yet
    await planner.workItem.add({ parentId: completion.id, title: 'Report', workType: 'task', allocatedBudget: '50000' });
    const noRoom = await refusal(planner.workItem.move({ id: venue.id, parentId: completion.id, position: 0 }));
    expect(noRoom.code).toBe('CONFLICT');

    const moved = await planner.workItem.move({ id: venue.id, parentId: exec.id, position: 0 });
    expect(moved.parentId).toBe(exec.id);
    let t = await tree(ppaId);
    expect(childAmounts(nodeNamed(t, 'Execution'))).toEqual([['Venue', '100000.00']]);
    expect(nodeNamed(t, 'Preparation').unallocated).toBe('150000.00');
    expect(nodeNamed(t, 'Deposit').workType).toBe('task');

    const a = await planner.workItem.add({ parentId: exec.id, title: 'A', workType: 'task' });
    await planner.workItem.add({ parentId: exec.id, title: 'B', workType: 'task' });
    await planner.workItem.move({ id: a.id, parentId: exec.id, position: 99 });
    t = await tree(ppaId);
    expect(nodeNamed(t, 'Execution').children.map((c) => [c.title, c.sortOrder])).toEqual([
      ['Venue', 0],
      ['B', 1],
      ['A', 2],
    ]);
  });

  it('deletes a subtree and returns its money to the parent; keeps spending and the project', async () => {
    const { ppaId, tree: root } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    const prep = nodeNamed(root, 'Preparation');
    const venue = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'sub_activity', allocatedBudget: '100000' });
    await planner.workItem.add({ parentId: venue.id, title: 'Deposit', workType: 'task', allocatedBudget: '40000' });
    const catering = await planner.workItem.add({ parentId: prep.id, title: 'Catering', workType: 'task', allocatedBudget: '20000' });
    await obligate(planner, catering.id, '500');
    await planner.workItem.recordExpenditure({ id: catering.id, amount: '500', date: '2026-03-01', description: 'Tasting' });
    const spent = await refusal(planner.workItem.delete({ id: catering.id }));
    expect(spent.message).toBe(
      '"Catering" has ₱500.00 of recorded expenditure and ₱500.00 of obligations in its subtree; work items with spending cannot be deleted.',
    );
    expect((await refusal(planner.workItem.delete({ id: root.id }))).code).toBe('CONFLICT');
    const { deletedIds } = await planner.workItem.delete({ id: venue.id });
    expect(deletedIds).toHaveLength(2);
    expect(nodeNamed(await tree(ppaId), 'Preparation').unallocated).toBe('130000.00');
  });
});

describe('distributing a parent’s budget', () => {
  async function withThreeChildren() {
    const made = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty' });
    const root = made.tree;
    const kids = [];
    for (const [title, weight] of [
      ['North', '1'],
      ['Central', '2'],
      ['South', '0.5'],
    ] as const) {
      kids.push(await planner.workItem.add({ parentId: root.id, title, workType: 'activity', weight }));
    }
    return { ppaId: made.ppaId, rootId: root.id, kids };
  }

  it('splits equally with the leftover centavos to the first children, exactly', async () => {
    const { ppaId, rootId } = await withThreeChildren();
    await planner.workItem.update({ id: rootId, allocatedBudget: '100000.00' });
    const result = await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' });
    expect(childAmounts(result.tree!)).toEqual([
      ['North', '33333.34'],
      ['Central', '33333.33'],
      ['South', '33333.33'],
    ]);
    expect(result.tree!.unallocated).toBe('0.00');
  });

  it('splits by weight with largest remainders', async () => {
    const { ppaId, rootId } = await withThreeChildren();
    const result = await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'weighted' });
    // 1 : 2 : 0.5 of ₱1,000,000.00 = 285,714.2857… / 571,428.5714… / 142,857.1428…
    expect(childAmounts(result.tree!)).toEqual([
      ['North', '285714.29'],
      ['Central', '571428.57'],
      ['South', '142857.14'],
    ]);
  });

  it('sets manual amounts, keeps the rest, shows the remainder, refuses over-allocation without writing', async () => {
    const { ppaId, rootId, kids } = await withThreeChildren();
    const result = await planner.budget.distribute({
      id: ppaId,
      parentId: rootId,
      mode: 'manual',
      allocations: [
        { workItemId: kids[0]!.id, amount: '400000' },
        { workItemId: kids[1]!.id, amount: '350000.50' },
      ],
    });
    expect(childAmounts(result.tree!)).toEqual([
      ['North', '400000.00'],
      ['Central', '350000.50'],
      ['South', '0.00'],
    ]);
    expect(result.tree!.unallocated).toBe('249999.50');
    const over = await refusal(
      planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual', allocations: [{ workItemId: kids[2]!.id, amount: '249999.51' }] }),
    );
    expect(over.code).toBe('CONFLICT');
    expect(childAmounts(await tree(ppaId))).toEqual([
      ['North', '400000.00'],
      ['Central', '350000.50'],
      ['South', '0.00'],
    ]);
    const stranger = await refusal(
      planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual', allocations: [{ workItemId: rootId, amount: '1' }] }),
    );
    expect(stranger.code).toBe('BAD_REQUEST');
    const negative = await refusal(
      planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual', allocations: [{ workItemId: kids[0]!.id, amount: '-1' }] }),
    );
    expect(negative.code).toBe('BAD_REQUEST');
    expect((await refusal(planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual' }))).message).toBe(
      'A manual distribution needs the amount of at least one child.',
    );
  });

  it('refuses all-zero weights, a parent without children, and starving a child below its own children', async () => {
    const { ppaId, rootId, kids } = await withThreeChildren();
    for (const kid of kids) await planner.workItem.update({ id: kid.id, weight: '0' });
    expect((await refusal(planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'weighted' }))).message).toBe(
      'At least one weight must be greater than zero.',
    );
    expect((await refusal(planner.budget.distribute({ id: ppaId, parentId: kids[0]!.id, mode: 'equal' }))).message).toBe(
      '"North" has no child items to distribute its budget to.',
    );
    await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' });
    await planner.workItem.add({ parentId: kids[0]!.id, title: 'Site survey', workType: 'task', allocatedBudget: '300000' });
    const starve = await refusal(
      planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual', allocations: [{ workItemId: kids[0]!.id, amount: '299999.99' }] }),
    );
    expect(starve.message).toBe('"North" cannot get ₱299,999.99: its own sub-items already hold ₱300,000.00.');
  });

  it('undoes the last distribution while nothing in it has changed, and only then', async () => {
    const { ppaId, rootId, kids } = await withThreeChildren();
    await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'manual', allocations: [{ workItemId: kids[0]!.id, amount: '100000' }] });
    await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' });
    const undone = await planner.budget.undoDistribution({ id: ppaId, parentId: rootId });
    expect(childAmounts(undone.tree!)).toEqual([
      ['North', '100000.00'],
      ['Central', '0.00'],
      ['South', '0.00'],
    ]);
    expect((await refusal(planner.budget.undoDistribution({ id: ppaId, parentId: rootId }))).message).toBe(
      'There is no distribution on "Barangay Livelihood Caravan" to undo.',
    );

    await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' });
    await planner.workItem.update({ id: kids[2]!.id, allocatedBudget: '300000' });
    const changed = await refusal(planner.budget.undoDistribution({ id: ppaId, parentId: rootId }));
    expect(changed.code).toBe('CONFLICT');
    expect(changed.message).toBe('The last distribution on "Barangay Livelihood Caravan" cannot be undone: its allocations have changed since.');
    expect(childAmounts(await tree(ppaId))).toEqual([
      ['North', '333333.34'],
      ['Central', '333333.33'],
      ['South', '300000.00'],
    ]);
  });

  it('writes an audit row for every change, with before and after', async () => {
    const { ppaId, rootId } = await withThreeChildren();
    await planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' });
    const rows = await handle.db.select().from(auditLog).where(eq(auditLog.ppaId, ppaId)).orderBy(auditLog.createdAt);
    expect(rows.map((r) => r.action)).toEqual(['create', 'enable_tracking', 'add', 'add', 'add', 'distribute_equal']);
    const distribution = rows.at(-1)!;
    expect(distribution.actorId).toBeTruthy();
    expect(distribution.before).toEqual(expect.arrayContaining([expect.objectContaining({ amount: '0.00' })]));
    expect(distribution.after).toEqual(expect.arrayContaining([expect.objectContaining({ amount: '333333.34' })]));
  });
});

describe('a locked budget', () => {
  it('refuses every change of an allocation but lets execution go on; only an admin unlocks, with a reason', async () => {
    const t = await tree(livelihoodId);
    const prep = nodeNamed(t, 'Preparation');
    const venue = nodeNamed(t, 'Venue Booking');
    const locked = (promise: Promise<unknown>) => refusal(promise).then((e) => [e.code, e.message.includes('locked')]);
    expect(await locked(planner.budget.distribute({ id: livelihoodId, parentId: prep.id, mode: 'equal' }))).toEqual(['CONFLICT', true]);
    expect(await locked(planner.budget.undoDistribution({ id: livelihoodId, parentId: prep.id }))).toEqual(['CONFLICT', true]);
    expect(await locked(planner.workItem.update({ id: venue.id, allocatedBudget: '1' }))).toEqual(['CONFLICT', true]);
    expect(await locked(planner.workItem.add({ parentId: prep.id, title: 'Extra', workType: 'task', allocatedBudget: '1' }))).toEqual(['CONFLICT', true]);
    expect(await locked(planner.workItem.move({ id: nodeNamed(t, 'Invitations').id, parentId: nodeNamed(t, 'Execution').id, position: 0 }))).toEqual([
      'CONFLICT',
      true,
    ]);
    expect(await locked(planner.workItem.delete({ id: nodeNamed(t, 'M&E Report').id }))).toEqual(['CONFLICT', true]);
    expect(await tree(livelihoodId)).toEqual(t);

    // Execution goes on: progress, status and spending are not budget changes.
    const invitations = nodeNamed(t, 'Invitations');
    expect(await planner.workItem.update({ id: invitations.id, progress: 80, status: 'at_risk' })).toMatchObject({
      progress: 80,
      status: 'at_risk',
      allocatedBudget: '450000.00',
    });
    expect(await planner.workItem.recordExpenditure({ id: invitations.id, amount: '20000', date: '2026-04-01', description: 'Reprint' })).toMatchObject({
      amount: '20000.00',
      description: 'Reprint',
    });
    const going = await tree(livelihoodId);
    expect(nodeNamed(going, 'Invitations')).toMatchObject({ progress: 80, status: 'at_risk', allocated: '450000.00', actual: '200000.00' });
    // Every allocation in the tree is as it was before those changes.
    const allocations = (node: typeof t): [string, string][] => [[node.title, node.allocated], ...node.children.flatMap(allocations)];
    expect(allocations(going)).toEqual(allocations(t));

    expect((await refusal(planner.budget.unlockBudget({ id: livelihoodId, reason: 'Realignment' }))).code).toBe('FORBIDDEN');
    expect(await refusal(planner.budget.lockBudget({ id: livelihoodId, reason: 'Realignment' }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only admin users can do this.',
    });
    expect((await refusal(admin.budget.unlockBudget({ id: livelihoodId, reason: 'no' }))).code).toBe('BAD_REQUEST');
    const unlocked = await admin.budget.unlockBudget({ id: livelihoodId, reason: 'Realignment approved by MFBM memo 2026-14' });
    expect(unlocked.ppa.budgetLockedAt).toBeNull();
    // Unlocked, the planner's allocation change goes through.
    expect(await planner.workItem.update({ id: venue.id, allocatedBudget: '290000.00', budgetNotes: 'one day fewer, unlocked' })).toMatchObject({
      allocatedBudget: '290000.00',
      budgetNotes: 'one day fewer, unlocked',
    });
    const relocked = await admin.budget.lockBudget({ id: livelihoodId, reason: 'Realignment done' });
    expect(relocked.ppa.budgetLockedAt).not.toBeNull();
    expect((await refusal(admin.budget.lockBudget({ id: livelihoodId, reason: 'Again please' }))).message).toBe('The budget is already locked.');
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.ppaId} = ${livelihoodId} and ${auditLog.action} in ('lock', 'unlock') and ${auditLog.entityType} <> 'plan'`)
      .orderBy(auditLog.createdAt);
    // After the lock the seed wrote for the reviewer's approval out of budget review, as the app writes it.
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['lock', 'Approved in budget review: budget review → stakeholder consultation'],
      ['unlock', 'Realignment approved by MFBM memo 2026-14'],
      ['lock', 'Realignment done'],
    ]);
  });
});

describe('expenditures and sync', () => {
  it('records ledger entries (never a bare number) and rolls them up', async () => {
    const { ppaId, tree: root } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    const exec = nodeNamed(root, 'Execution');
    await obligate(planner, exec.id, '2000', '2026-02-27');
    await planner.workItem.recordExpenditure({ id: exec.id, amount: '1,000.50', date: '2026-03-01', description: 'Snacks' });
    await planner.workItem.recordExpenditure({ id: exec.id, amount: '999.50', date: '2026-03-02', description: 'Water' });
    const ledger = await planner.workItem.expenditures({ id: exec.id });
    expect(ledger.map((e) => [e.date, e.amount, e.recordedBy])).toEqual([
      ['2026-03-02', '999.50', 'Norhaya Planner (MSSD)'],
      ['2026-03-01', '1000.50', 'Norhaya Planner (MSSD)'],
      ['2026-02-27', '2000.00', 'Norhaya Planner (MSSD)'],
    ]);
    const t = await tree(ppaId);
    expect(nodeNamed(t, 'Execution')).toMatchObject({ actual: '2000.00', remaining: '748000.00' });
    expect(t.actual).toBe('2000.00');
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await viewer.workItem.expenditures({ id: exec.id })).length).toBe(3);
    expect((await refusal(viewer.workItem.recordExpenditure({ id: exec.id, amount: '1', date: '2026-03-01', description: 'x' }))).code).toBe('FORBIDDEN');
    expect((await refusal(planner.workItem.recordExpenditure({ id: exec.id, amount: '0', date: '2026-03-01', description: 'x' }))).message).toBe(
      'An expenditure must be more than ₱0.00.',
    );
    expect((await refusal(planner.workItem.recordExpenditure({ id: exec.id, amount: '5', date: '01/03/2026', description: 'x' }))).code).toBe('BAD_REQUEST');
  });

  it('syncs on demand by either progress mode, and the automatic sync honours the flags', async () => {
    const { ppaId, tree: root } = await newTrackedPpa(planner, { allocation: '1000000' });
    await handle.db.update(ppas).set({ autoSyncProgress: false, autoSyncStatus: false }).where(eq(ppas.id, ppaId));
    await planner.workItem.update({ id: nodeNamed(root, 'Execution').id, status: 'completed' });
    await planner.workItem.update({ id: root.id, status: 'at_risk' });
    expect(await planner.ppa.get({ id: ppaId })).toMatchObject({ progress: 0, status: 'planning' });
    expect(await planner.budget.syncFromWorkItems({ id: ppaId })).toEqual({ progress: 75, status: 'ongoing' });
    await handle.db.update(ppas).set({ progressMode: 'count_based' }).where(eq(ppas.id, ppaId));
    expect(await planner.budget.syncFromWorkItems({ id: ppaId })).toEqual({ progress: 33, status: 'ongoing' });
    const [stored] = await handle.db.select({ progress: workItems.progress }).from(workItems).where(eq(workItems.id, root.id));
    expect(stored?.progress).toBe(33);
    const untracked = (await planner.ppa.list({ q: 'Family and Community' })).items[0]!;
    expect((await refusal(planner.budget.syncFromWorkItems({ id: untracked.id }))).code).toBe('CONFLICT');
  });
});

describe('MOA scoping of the tree', () => {
  it('lets a planner of another MOA touch nothing of it', async () => {
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    const t = await tree(livelihoodId);
    const prep = nodeNamed(t, 'Preparation');
    // One at a time: each call starts only when the loop reaches it.
    for (const attempt of [
      () => mafar.budget.distribute({ id: livelihoodId, parentId: prep.id, mode: 'equal' }),
      () => mafar.workItem.add({ parentId: prep.id, title: 'Mine', workType: 'task' }),
      () => mafar.workItem.update({ id: prep.id, title: 'Mine' }),
      () => mafar.workItem.delete({ id: nodeNamed(t, 'M&E Report').id }),
      () => mafar.workItem.recordExpenditure({ id: prep.id, amount: '1', date: '2026-01-01', description: 'x' }),
      () => mafar.workItem.expenditures({ id: prep.id }),
      () => mafar.budget.syncFromWorkItems({ id: livelihoodId }),
    ]) {
      expect((await refusal(attempt())).code).toBe('NOT_FOUND');
    }
    expect(await tree(livelihoodId)).toEqual(t);
  });
});
