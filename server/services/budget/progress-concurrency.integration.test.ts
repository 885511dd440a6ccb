import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ppas, workItems } from '@/db/schema';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { newSpendablePpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { eventsSettled } from '../events/publish';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

function* walk(node: AllocationNodeShape): Generator<AllocationNodeShape> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

const outcomeOf = (o: PromiseSettledResult<unknown>) => (o.status === 'fulfilled' ? 'ok' : o.reason instanceof TRPCError ? o.reason.code : String(o.reason));

describe('concurrent progress, status and allocation edits on one PPA', () => {
  it('65 at once on one plan: none fails, and every rolled-up figure and status is the one the last edits give', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    // ₱1,000,000.00: Preparation ₱150,000.00, Execution ₱750,000.00, Completion & Reporting ₱100,000.00.
    // Approved with its budget unlocked: it takes ledger entries and allocation changes at once.
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Busy plan' });
    const phase = (title: string) => nodeNamed(tree, title).id;
    const addTasks = async (parentId: string, prefix: string, count: number) => {
      const tasks = [];
      for (let i = 1; i <= count; i++) tasks.push(await planner.workItem.add({ parentId, title: `${prefix}${i}`, workType: 'task' }));
      return tasks;
    };
    const prep = await addTasks(phase('Preparation'), 'P', 10);
    const exec = await addTasks(phase('Execution'), 'E', 30);
    const done = await addTasks(phase('Completion & Reporting'), 'C', 10);
    await planner.budget.distribute({ id: ppaId, parentId: phase('Execution'), mode: 'equal' }); // ₱25,000.00 each
    await planner.budget.distribute({ id: ppaId, parentId: phase('Completion & Reporting'), mode: 'equal' }); // ₱10,000.00 each

    const edits: Promise<unknown>[] = [
      // Progress on thirty tasks: 3%, 6%, … 90%.
      ...exec.map((task, i) => planner.workItem.update({ id: task.id, progress: 3 * (i + 1) })),
      // Status on fifteen others: half of Preparation and half of Completion done, the rest of Preparation started.
      ...prep.map((task, i) => planner.workItem.update({ id: task.id, status: i < 5 ? 'completed' : 'in_progress' })),
      ...done.slice(5).map((task) => planner.workItem.update({ id: task.id, status: 'completed' })),
      // Money at the same time: five equal distributions of Preparation (₱15,000.00 each, whichever runs last) and
      // five tasks of Completion cut to ₱5,000.00.
      ...Array.from({ length: 5 }, () => planner.budget.distribute({ id: ppaId, parentId: phase('Preparation'), mode: 'equal' })),
      ...done.slice(0, 5).map((task) => planner.workItem.update({ id: task.id, allocatedBudget: '5000.00' })),
      // And spending recorded on ten of the tasks whose progress moves.
      ...exec.slice(0, 10).map((task) => obligate(planner, task.id, '100.00')),
    ];
    expect(edits.length).toBeGreaterThanOrEqual(50);
    const outcomes = (await Promise.allSettled(edits)).map(outcomeOf);
    expect(outcomes.filter((o) => o !== 'ok')).toEqual([]);
    await eventsSettled(handle.db);

    const after = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    // Execution: (3 + 6 + … + 90) ÷ 30 = 46.5 → 47. Preparation: half its money done → 50.
    // Completion: ₱50,000.00 done of ₱75,000.00 → 67. Project: (150 × 50 + 750 × 47 + 100 × 67) ÷ 1,000 = 49.45 → 49.
    const figures = (title: string) => {
      const node = nodeNamed(after, title);
      return { progress: node.progress, status: node.status, allocated: node.allocated, obligations: node.obligations };
    };
    expect(figures('Execution')).toEqual({ progress: 47, status: 'in_progress', allocated: '750000.00', obligations: '1000.00' });
    expect(figures('Preparation')).toEqual({ progress: 50, status: 'in_progress', allocated: '150000.00', obligations: '0.00' });
    expect(figures('Completion & Reporting')).toEqual({ progress: 67, status: 'in_progress', allocated: '100000.00', obligations: '0.00' });
    expect(figures('Busy plan')).toEqual({ progress: 49, status: 'in_progress', allocated: '1000000.00', obligations: '1000.00' });
    expect(nodeNamed(after, 'Preparation').children.map((c) => c.allocated)).toEqual(Array(10).fill('15000.00'));
    expect(nodeNamed(after, 'E30')).toMatchObject({ progress: 90, status: 'in_progress' });

    // What is stored is what the tree shows: every item's progress is its rollup, and the PPA's progress is its
    // project's, its status the one the project's status maps to.
    const stored = await handle.db
      .select({ id: workItems.id, progress: workItems.progress, status: workItems.status })
      .from(workItems)
      .where(eq(workItems.ppaId, ppaId));
    const shown = [...walk(after)].map((node) => ({ id: node.id, progress: node.progress, status: node.status }));
    expect(new Set(stored.map((row) => JSON.stringify(row)))).toEqual(new Set(shown.map((node) => JSON.stringify(node))));
    const [ppa] = await handle.db.select({ progress: ppas.progress, status: ppas.status }).from(ppas).where(eq(ppas.id, ppaId));
    expect(ppa).toEqual({ progress: 49, status: 'ongoing' });
  }, 120_000);
});
