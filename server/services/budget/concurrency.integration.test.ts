import { TRPCError } from '@trpc/server';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, budgetDistributions, expenditureEntries, workItems } from '@/db/schema';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { eventually } from '@/test/collab';
import { newSpendablePpa, newTrackedPpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { eventsSettled } from '../events/publish';

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

type Planner = Awaited<ReturnType<typeof callerFor>>;
const settledCodes = (outcomes: PromiseSettledResult<unknown>[]) =>
  outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : o.reason instanceof TRPCError ? o.reason.code : String(o.reason)));

/** Every parent holds at least what its children hold, and every node's children are in sort order 0, 1, 2… */
function expectConsistent(node: AllocationNodeShape) {
  const held = node.children.reduce((sum, c) => sum + BigInt(c.allocated.replace('.', '')), 0n);
  expect(held <= BigInt(node.allocated.replace('.', '')), `${node.title} holds less than its children`).toBe(true);
  expect(node.children.map((c) => c.sortOrder)).toEqual(node.children.map((_, i) => i));
  node.children.forEach(expectConsistent);
}

async function treeOf(planner: Planner, ppaId: string) {
  return (await planner.budget.allocationTree({ id: ppaId })).tree!;
}

describe('concurrent equal and weighted distributions', () => {
  it('20 at once on one parent: each applies whole, in some serial order, summing exactly', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty' });
    const children: { id: string }[] = [];
    for (let i = 0; i < 7; i++)
      children.push(await planner.workItem.add({ parentId: tree.id, title: `Municipality ${i + 1}`, workType: 'activity', weight: String(i + 1) }));

    const modes = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'weighted' : 'equal') as 'equal' | 'weighted');
    const outcomes = await Promise.allSettled(modes.map((mode) => planner.budget.distribute({ id: ppaId, parentId: tree.id, mode })));
    expect(settledCodes(outcomes)).toEqual(modes.map(() => 'ok'));

    // ₱1,000,000.00 equally over 7 (leftover centavos first), or by weights 1…7 of 28 (largest remainders).
    const equal = ['142857.15', '142857.15', '142857.14', '142857.14', '142857.14', '142857.14', '142857.14'];
    const weighted = ['35714.29', '71428.57', '107142.86', '142857.14', '178571.43', '214285.71', '250000.00'];
    const final = (await treeOf(planner, ppaId)).children.map((c) => c.allocated);
    expect([equal, weighted]).toContainEqual(final); // one distribution's amounts, never a mixture

    // Serial: only the first one saw the children at ₱0.00; each later one started from a whole earlier result.
    const recorded = await handle.db.select().from(budgetDistributions).where(eq(budgetDistributions.parentId, tree.id));
    expect(recorded).toHaveLength(20);
    const amounts = (list: { workItemId: string; amount: string }[]) => children.map((c) => list.find((a) => a.workItemId === c.id)!.amount);
    const befores = recorded.map((r) => amounts(r.allocationsBefore));
    expect(befores.filter((b) => b.every((a) => a === '0.00'))).toHaveLength(1);
    for (const before of befores) expect([equal, weighted, children.map(() => '0.00')]).toContainEqual(before);
  });

  it('a parent and its child distributed at once: either order is whole, and no child ends below its own children', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    // Five PPAs at once, for more interleavings: project ₱1,000,000.00 → A ₱900,000.00 (three tasks), B ₱100,000.00.
    const plans = await Promise.all(
      Array.from({ length: 5 }, async (_, i) => {
        const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty', title: `Nested race ${i + 1}` });
        const a = await planner.workItem.add({ parentId: tree.id, title: 'A', workType: 'activity', allocatedBudget: '900000' });
        await planner.workItem.add({ parentId: tree.id, title: 'B', workType: 'activity', allocatedBudget: '100000' });
        for (const t of ['a1', 'a2', 'a3']) await planner.workItem.add({ parentId: a.id, title: t, workType: 'task' });
        return { ppaId, rootId: tree.id, aId: a.id };
      }),
    );
    const outcomes = await Promise.all(
      plans.map(({ ppaId, rootId, aId }) =>
        Promise.allSettled([
          planner.budget.distribute({ id: ppaId, parentId: rootId, mode: 'equal' }),
          planner.budget.distribute({ id: ppaId, parentId: aId, mode: 'equal' }),
        ]),
      ),
    );
    for (const [i, { ppaId }] of plans.entries()) {
      const tree = await treeOf(planner, ppaId);
      expectConsistent(tree);
      const a = nodeNamed(tree, 'A');
      const codes = settledCodes(outcomes[i]!);
      if (codes[0] === 'ok') {
        // The project's split came first: A ₱500,000.00, then split over its three tasks.
        expect(codes).toEqual(['ok', 'ok']);
        expect([a.allocated, ...a.children.map((c) => c.allocated)]).toEqual(['500000.00', '166666.67', '166666.67', '166666.66']);
      } else {
        // A's split came first (₱300,000.00 each): the project's would starve A below its tasks, so 409.
        expect(codes).toEqual(['CONFLICT', 'ok']);
        expect([a.allocated, ...a.children.map((c) => c.allocated)]).toEqual(['900000.00', '300000.00', '300000.00', '300000.00']);
      }
    }
  });
});

describe('concurrent expenditures', () => {
  it('60 recordings at once on three items all land, the totals are exact, and the overspend is alerted once', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' }); // Preparation ₱150,000.00
    const [prep, exec, done] = ['Preparation', 'Execution', 'Completion & Reporting'].map((title) => nodeNamed(tree, title));
    // Each item has obligated enough for all its payments (disbursements pay obligations).
    for (const [item, amount] of [
      [prep!, '200000.00'],
      [exec!, '24691.20'],
      [done!, '0.20'],
    ] as const)
      await obligate(planner, item.id, amount);
    const recordings = Array.from({ length: 20 }, (_, i) => [
      { id: prep!.id, amount: '10000.00', description: `Venue day ${i + 1}` },
      { id: exec!.id, amount: '1234.56', description: `Meals ${i + 1}` },
      { id: done!.id, amount: '0.01', description: `Postage ${i + 1}` },
    ]).flat();
    const outcomes = await Promise.allSettled(recordings.map((r) => planner.workItem.recordExpenditure({ ...r, date: '2026-03-01' })));
    expect(settledCodes(outcomes)).toEqual(recordings.map(() => 'ok'));
    // Writes that came while a send was running answered without waiting for it (publishAfterCommit).
    await eventsSettled(handle.db);

    const ledger = await handle.db
      .select({ workItemId: expenditureEntries.workItemId, count: sql<number>`count(*)::int`, total: sql<string>`sum(${expenditureEntries.amount})` })
      .from(expenditureEntries)
      .where(and(eq(expenditureEntries.ppaId, ppaId), eq(expenditureEntries.kind, 'disbursement')))
      .groupBy(expenditureEntries.workItemId);
    expect(new Map(ledger.map((l) => [l.workItemId, [l.count, l.total]]))).toEqual(
      new Map([
        [prep!.id, [20, '200000.00']],
        [exec!.id, [20, '24691.20']],
        [done!.id, [20, '0.20']],
      ]),
    );
    const after = await treeOf(planner, ppaId);
    expect([
      after.actual,
      nodeNamed(after, 'Preparation').actual,
      nodeNamed(after, 'Execution').actual,
      nodeNamed(after, 'Completion & Reporting').actual,
    ]).toEqual(['224691.40', '200000.00', '24691.20', '0.20']);
    // Twenty jobs saw Preparation over its ₱150,000.00 (some at once): one open alert, none for the others.
    await eventually(async () => (await handle.db.select().from(alerts).where(eq(alerts.ppaId, ppaId))).length > 0);
    const open = await handle.db
      .select()
      .from(alerts)
      .where(and(eq(alerts.ppaId, ppaId), eq(alerts.type, 'overspending'), isNull(alerts.resolvedAt)));
    expect(open.map((a) => a.workItemId)).toEqual([prep!.id]);
  });
});

describe('concurrent disbursements on one obligation', () => {
  it('ten payments of ₱300.00 at once against ₱1,000.00 obligated: exactly three land, the rest get a clean 409', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    const prep = nodeNamed(tree, 'Preparation');
    await obligate(planner, prep.id, '1000.00');
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        planner.workItem.recordExpenditure({ id: prep.id, amount: '300.00', date: '2026-03-01', description: `DV ${i + 1}` }),
      ),
    );
    expect(settledCodes(outcomes).filter((c) => c === 'ok')).toHaveLength(3);
    expect(settledCodes(outcomes).filter((c) => c === 'CONFLICT')).toHaveLength(7);
    const [paid] = await handle.db
      .select({ total: sql<string>`sum(${expenditureEntries.amount})` })
      .from(expenditureEntries)
      .where(and(eq(expenditureEntries.workItemId, prep.id), eq(expenditureEntries.kind, 'disbursement')));
    expect(paid?.total).toBe('900.00');
    await eventsSettled(handle.db);
  });

  it('an obligation reversed while a payment against it is recorded: one of the two, never both', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    for (const title of ['Preparation', 'Execution', 'Completion & Reporting']) {
      const item = nodeNamed(tree, title);
      const contract = await obligate(planner, item.id, '500.00');
      const outcomes = await Promise.allSettled([
        planner.workItem.reverseExpenditure({ id: contract.id, reason: 'Contract cancelled' }),
        planner.workItem.recordExpenditure({ id: item.id, amount: '500.00', date: '2026-03-01', description: 'Payment' }),
      ]);
      expect(settledCodes(outcomes).sort(), title).toEqual(['CONFLICT', 'ok']);
      const rows = await handle.db.select().from(expenditureEntries).where(eq(expenditureEntries.workItemId, item.id));
      const sum = (kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + BigInt(r.amount.replace('.', '')), 0n);
      expect(sum('disbursement') <= sum('obligation'), title).toBe(true);
    }
    await eventsSettled(handle.db);
  });
});

describe('concurrent moves', () => {
  it('12 items moved into one parent at once while a sibling is reordered: only the money that fits moves, orders stay 0…n, nothing is lost or looped', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty' });
    const source = await planner.workItem.add({ parentId: tree.id, title: 'Source', workType: 'activity', allocatedBudget: '600000' });
    const target = await planner.workItem.add({ parentId: tree.id, title: 'Target', workType: 'activity', allocatedBudget: '100000' });
    const funded = [];
    const unfunded = [];
    for (let i = 0; i < 6; i++)
      funded.push(await planner.workItem.add({ parentId: source.id, title: `Funded ${i + 1}`, workType: 'task', allocatedBudget: '60000' }));
    for (let i = 0; i < 6; i++) unfunded.push(await planner.workItem.add({ parentId: source.id, title: `Unfunded ${i + 1}`, workType: 'task' }));
    const stays = await planner.workItem.add({ parentId: source.id, title: 'Stays', workType: 'task' });

    // Target has ₱100,000.00: one ₱60,000.00 task fits, a second would not. Meanwhile Source's rest is reordered.
    const moves = [...funded, ...unfunded].map((item, i) => planner.workItem.move({ id: item.id, parentId: target.id, position: i % 3 }));
    const reorders = [0, 3, 1].map((position) => planner.workItem.move({ id: stays.id, parentId: source.id, position }));
    const outcomes = await Promise.allSettled([...moves, ...reorders]);
    const codes = settledCodes(outcomes);
    const movedFunded = codes.slice(0, 6).filter((c) => c === 'ok').length;
    expect(movedFunded).toBe(1);
    expect(
      codes
        .slice(0, 6)
        .filter((c) => c !== 'ok')
        .every((c) => c === 'CONFLICT'),
    ).toBe(true);
    expect(codes.slice(6)).toEqual([...unfunded, 'a', 'b', 'c'].map(() => 'ok'));

    const after = await treeOf(planner, ppaId);
    expectConsistent(after);
    const targetNode = nodeNamed(after, 'Target');
    const sourceNode = nodeNamed(after, 'Source');
    expect(targetNode.children).toHaveLength(7);
    expect(targetNode.children.filter((c) => c.allocated === '60000.00')).toHaveLength(1);
    expect(sourceNode.children.map((c) => c.allocated).sort()).toEqual(['0.00', ...Array(5).fill('60000.00')]);

    // Every item is where the tree says, once, and its parents lead up to the project (no loop).
    const rows = await handle.db.select({ id: workItems.id, parentId: workItems.parentId }).from(workItems).where(eq(workItems.ppaId, ppaId));
    expect(rows).toHaveLength(16);
    const parentOf = new Map(rows.map((r) => [r.id, r.parentId]));
    for (const row of rows) {
      const seen = new Set<string>();
      for (let at: string | null | undefined = row.id; at; at = parentOf.get(at)) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
      }
      expect(seen.has(tree.id)).toBe(true);
    }
  });
});
