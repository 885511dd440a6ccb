import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { newSpendablePpa, obligate } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { zAllocationTreeResponse } from '../../contracts/budget';
import { getAllocationTree } from './allocation-tree';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
});
afterAll(() => handle.close());

// Production does not run the tree's output check (server/trpc.ts, checkedOutsideProduction). That is safe only
// while the check would change nothing: every answer the service gives must come through it identical, with no
// key stripped (nothing the caller should not see) and nothing converted.
describe("the allocation tree's answers as production sends them", () => {
  it('come through the output check unchanged for every seeded PPA, as every role sees them', async () => {
    const ids = (await handle.db.select({ id: ppas.id }).from(ppas)).map((p) => p.id);
    expect(ids.length).toBeGreaterThan(5);
    let checked = 0;
    for (const email of ['admin@example.org', 'planner@example.org', 'reviewer@example.org']) {
      const viewer = await demoViewer(handle.db, email);
      for (const ppaId of ids) {
        const answer = await getAllocationTree({ db: handle.db, viewer, ppaId }).catch(() => null);
        if (!answer) continue; // another MOA's PPA: a 404, no answer to send
        expect(zAllocationTreeResponse.parse(answer)).toStrictEqual(answer);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(ids.length);
  });

  it('come through unchanged for a locked tree with spending over its allocation', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const admin = await callerFor(handle.db, 'admin@example.org');
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000', template: 'default' });
    const task = tree.children[0]!.children[0] ?? tree.children[0]!;
    await obligate(planner, task.id, '5000');
    await planner.workItem.recordExpenditure({ id: task.id, kind: 'disbursement', amount: '5000', date: '2026-05-01', description: 'Over budget' });
    await admin.budget.lockBudget({ id: ppaId, reason: 'Checked by the contract test' });
    const answer = await getAllocationTree({ db: handle.db, viewer: await demoViewer(handle.db, 'planner@example.org'), ppaId });
    expect(answer.ppa.budgetLockedAt).not.toBeNull();
    expect(answer.tree!.budgetStatus).toBe('over_budget');
    expect(zAllocationTreeResponse.parse(answer)).toStrictEqual(answer);
  });
});
