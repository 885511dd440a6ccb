import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ppas, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { nodeNamed, newTrackedPpa } from '@/test/trees';
import { callerFor } from '@/test/viewers';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

describe('status follows progress on every change of a plan, without "Sync"', () => {
  it('update, add, move, delete and distribute each leave every stored status agreeing with its progress', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', title: 'Status plan' });
    const project = tree.id;
    const prep = nodeNamed(tree, 'Preparation').id;
    const exec = nodeNamed(tree, 'Execution').id;
    const t1 = await planner.workItem.add({ parentId: prep, title: 'T1', workType: 'task' });
    const t2 = await planner.workItem.add({ parentId: prep, title: 'T2', workType: 'task' });
    /** [status, progress] as stored, which the tree, the PPA list and the reports read. */
    const stored = async (...ids: string[]) => {
      const rows = await handle.db
        .select({ id: workItems.id, status: workItems.status, progress: workItems.progress })
        .from(workItems)
        .where(inArray(workItems.id, ids));
      return ids.map((id) => rows.find((r) => r.id === id)).map((r) => [r!.status, r!.progress]);
    };
    const ppaNow = async () => (await handle.db.select({ status: ppas.status, progress: ppas.progress }).from(ppas).where(eq(ppas.id, ppaId)))[0];

    // Progress typed into the edit dialog (which sends the status beside it, unchanged): the task, its
    // activity and the project are in progress at once, and so is the PPA (its status follows the project's).
    const edited = await planner.workItem.update({ id: t1.id, status: 'not_started', progress: 40 });
    expect(edited).toMatchObject({ status: 'in_progress', progress: 40 });
    expect(await stored(t1.id, t2.id, prep, project)).toEqual([
      ['in_progress', 40],
      ['not_started', 0],
      ['in_progress', 20],
      ['in_progress', 3],
    ]);
    expect(await ppaNow()).toEqual({ status: 'ongoing', progress: 3 });
    const shown = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    expect(nodeNamed(shown, 'Preparation')).toMatchObject({ status: 'in_progress', progress: 20 });

    // Both done, and the activity marked completed; an open task added under it reopens it.
    await planner.workItem.update({ id: t1.id, status: 'completed' });
    await planner.workItem.update({ id: t2.id, status: 'completed' });
    await planner.workItem.update({ id: prep, status: 'completed' });
    expect(await stored(t1.id, t2.id, prep)).toEqual([
      ['completed', 100],
      ['completed', 100],
      ['completed', 100],
    ]);
    const t3 = await planner.workItem.add({ parentId: prep, title: 'T3', workType: 'task' });
    expect(await stored(prep)).toEqual([['in_progress', 67]]);
    // Deleting it brings the figure back at once (completing an activity stays a person's call).
    await planner.workItem.delete({ id: t3.id });
    expect(await stored(prep)).toEqual([['in_progress', 100]]);

    // A task half done, moved from Preparation to Execution: both parents' figures and statuses follow.
    const t4 = await planner.workItem.add({ parentId: prep, title: 'T4', workType: 'task', progress: 50 });
    expect(await stored(t4.id, prep)).toEqual([
      ['in_progress', 50],
      ['in_progress', 83],
    ]);
    await planner.workItem.move({ id: t4.id, parentId: exec, position: 0 });
    expect(await stored(prep, exec)).toEqual([
      ['in_progress', 100],
      ['in_progress', 50],
    ]);

    // A completed task whose progress is lowered is in progress again, and cannot be marked complete at 60%.
    expect(await planner.workItem.update({ id: t1.id, status: 'completed', progress: 60 })).toMatchObject({ status: 'in_progress', progress: 60 });
    // Preparation: T1 at 60%, T2 done, neither funded: the plain average, 80%.
    expect(await stored(prep)).toEqual([['in_progress', 80]]);

    // Money re-weighs progress (budget_weighted): all of Preparation's ₱150,000.00 on T1 makes it T1's 60%.
    await planner.budget.distribute({ id: ppaId, parentId: prep, mode: 'manual', allocations: [{ workItemId: t1.id, amount: '150000.00' }] });
    expect(await stored(prep)).toEqual([['in_progress', 60]]);
    // Project: Preparation ₱150,000.00 at 60%, Execution ₱750,000.00 at 50%, Completion at 0%: 46.5 → 47%.
    expect(await ppaNow()).toEqual({ status: 'ongoing', progress: 47 });
    await planner.budget.undoDistribution({ id: ppaId, parentId: prep });
    expect(await stored(prep)).toEqual([['in_progress', 80]]);
  });

  it('keeps at risk and blocked as set, and completes a leaf set to completed at 100%', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { tree } = await newTrackedPpa(planner, { allocation: '1000000', title: 'Judgement plan' });
    const task = await planner.workItem.add({ parentId: nodeNamed(tree, 'Execution').id, title: 'Survey', workType: 'task', status: 'blocked', progress: 30 });
    expect(task).toMatchObject({ status: 'blocked', progress: 30 });
    expect(await planner.workItem.update({ id: task.id, progress: 90 })).toMatchObject({ status: 'blocked', progress: 90 });
    expect(await planner.workItem.update({ id: task.id, status: 'at_risk' })).toMatchObject({ status: 'at_risk', progress: 90 });
    expect(await planner.workItem.update({ id: task.id, status: 'completed' })).toMatchObject({ status: 'completed', progress: 100 });
    expect(await planner.workItem.update({ id: task.id, status: 'not_started' })).toMatchObject({ status: 'not_started', progress: 0 });
    const added = await planner.workItem.add({ parentId: nodeNamed(tree, 'Execution').id, title: 'Started', workType: 'task', progress: 10 });
    expect(added).toMatchObject({ status: 'in_progress', progress: 10 });
  });
});
