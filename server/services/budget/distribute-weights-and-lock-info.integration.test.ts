import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { childAmounts, newTrackedPpa, nodeNamed } from '@/test/trees';
import { refusal } from '@/test/refusal';
import { callerFor } from '@/test/viewers';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let admin: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
});
afterAll(() => handle.close());

/** A tracked PPA whose project (₱1,000,000.00) has three activities of weight 1, and their ids. */
async function threeActivities() {
  const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', template: 'empty' });
  const ids: string[] = [];
  for (const title of ['North', 'Central', 'South']) ids.push((await planner.workItem.add({ parentId: tree.id, title, workType: 'activity' })).id);
  return { ppaId, rootId: tree.id, ids: ids as [string, string, string] };
}

describe('a distribution by weight with the weights typed in the dialog', () => {
  it('previews the shares of the typed weights without saving them, then applies and keeps them', async () => {
    const { ppaId, rootId, ids } = await threeActivities();
    const request = {
      id: ppaId,
      parentId: rootId,
      mode: 'weighted' as const,
      weights: [
        { workItemId: ids[0], weight: '3' },
        { workItemId: ids[1], weight: '1.5' },
      ],
    };
    // South keeps its stored weight (1): 3 : 1.5 : 1 of ₱1,000,000.00.
    const preview = await planner.budget.previewDistribution(request);
    expect(preview.allocations.map((a) => a.amount)).toEqual(['545454.55', '272727.27', '181818.18']);
    expect(preview).toMatchObject({ total: '1000000.00', unallocated: '0.00', problem: null });
    // A preview writes nothing: the stored weights are still 1.
    let root = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    expect(root.children.map((c) => Number(c.weight))).toEqual([1, 1, 1]);

    root = (await planner.budget.distribute(request)).tree!;
    expect(childAmounts(root)).toEqual([
      ['North', '545454.55'],
      ['Central', '272727.27'],
      ['South', '181818.18'],
    ]);
    expect(root.children.map((c) => Number(c.weight))).toEqual([3, 1.5, 1]);
    // The next distribution by weight, without weights, uses the saved ones.
    const again = await planner.budget.previewDistribution({ id: ppaId, parentId: rootId, mode: 'weighted' });
    expect(again.allocations.map((a) => a.amount)).toEqual(['545454.55', '272727.27', '181818.18']);
  });

  it('shows all-zero weights as the problem in the preview and refuses to apply them, saving nothing', async () => {
    const { ppaId, rootId, ids } = await threeActivities();
    const zeros = { id: ppaId, parentId: rootId, mode: 'weighted' as const, weights: ids.map((workItemId) => ({ workItemId, weight: '0' })) };
    expect((await planner.budget.previewDistribution(zeros)).problem).toBe('At least one weight must be greater than zero.');
    const refused = await refusal(planner.budget.distribute(zeros));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toBe('At least one weight must be greater than zero.');
    const root = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    expect(root.children.map((c) => [c.allocated, Number(c.weight)])).toEqual([
      ['0.00', 1],
      ['0.00', 1],
      ['0.00', 1],
    ]);
  });

  it('refuses negative or malformed weights, weights in another mode, twice the same child, and strangers', async () => {
    const { ppaId, rootId, ids } = await threeActivities();
    const base = { id: ppaId, parentId: rootId, mode: 'weighted' as const };
    for (const weight of ['-1', '1e3', 'heavy', '1.23456', '123456789']) {
      const refused = await refusal(planner.budget.distribute({ ...base, weights: [{ workItemId: ids[0], weight }] }));
      expect(refused.code).toBe('BAD_REQUEST');
    }
    const inEqual = await refusal(planner.budget.distribute({ ...base, mode: 'equal', weights: [{ workItemId: ids[0], weight: '2' }] }));
    expect(inEqual.message).toContain('Weights are given only for a distribution by weight.');
    const twice = await refusal(
      planner.budget.distribute({
        ...base,
        weights: [
          { workItemId: ids[0], weight: '2' },
          { workItemId: ids[0], weight: '3' },
        ],
      }),
    );
    expect(twice.message).toContain('Each child may have only one weight in a distribution.');
    // A grandchild, or an item of another PPA, is not a child of this parent.
    const other = await threeActivities();
    const stranger = await refusal(planner.budget.previewDistribution({ ...base, weights: [{ workItemId: other.ids[0], weight: '2' }] }));
    expect(stranger.code).toBe('BAD_REQUEST');
    expect(stranger.message).toBe('Only the direct children of "Barangay Livelihood Caravan" can be weighted here.');
    const root = (await planner.budget.allocationTree({ id: other.ppaId })).tree!;
    expect(nodeNamed(root, 'North').weight).toMatch(/^1(\.0+)?$/);
  });
});

describe('the lock as the tree shows it', () => {
  it('says who locked the budget, when and why, and nothing once it is unlocked', async () => {
    const { ppaId } = await newTrackedPpa(planner, { allocation: '500000' });
    const open = await planner.budget.allocationTree({ id: ppaId });
    expect(open.ppa).toMatchObject({ budgetLockedAt: null, budgetLockedBy: null, budgetLockReason: null });

    const locked = await admin.budget.lockBudget({ id: ppaId, reason: 'Frozen pending the COA audit' });
    expect(locked.ppa.budgetLockedBy).toBe('Amina Admin');
    expect(locked.ppa.budgetLockReason).toBe('Frozen pending the COA audit');
    expect(Date.parse(locked.ppa.budgetLockedAt!)).toBeGreaterThan(Date.now() - 60_000);
    // The planner reads the same, and the latest lock's reason wins after an unlock and a new lock.
    expect((await planner.budget.allocationTree({ id: ppaId })).ppa.budgetLockReason).toBe('Frozen pending the COA audit');
    const unlocked = await admin.budget.unlockBudget({ id: ppaId, reason: 'Audit closed, allocations may move' });
    expect(unlocked.ppa).toMatchObject({ budgetLockedAt: null, budgetLockedBy: null, budgetLockReason: null });
    const relocked = await admin.budget.lockBudget({ id: ppaId, reason: 'Second freeze for the realignment' });
    expect(relocked.ppa.budgetLockReason).toBe('Second freeze for the realignment');
  });

  it('a seeded lock reads as the app’s own; a lock without an audit entry names who locked it and gives no reason', async () => {
    const livelihood = (await planner.ppa.list({ q: 'Livelihood Training' })).items[0]!;
    const { ppa } = await planner.budget.allocationTree({ id: livelihood.id });
    expect(ppa).toMatchObject({
      budgetLockedBy: 'Farida Reviewer (MFBM)',
      budgetLockReason: 'Approved in budget review: budget review → stakeholder consultation',
    });
    // A lock the log has no entry for (one made before the log kept reasons).
    await handle.db.delete(auditLog).where(and(eq(auditLog.ppaId, livelihood.id), eq(auditLog.action, 'lock')));
    const bare = (await planner.budget.allocationTree({ id: livelihood.id })).ppa;
    expect(bare.budgetLockedAt).not.toBeNull();
    expect(bare.budgetLockedBy).toBe('Farida Reviewer (MFBM)');
    expect(bare.budgetLockReason).toBeNull();
  });

  it('the tree carries each item’s priority and dates for the edit dialog', async () => {
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '100000' });
    const prep = nodeNamed(tree, 'Preparation');
    await planner.workItem.update({ id: prep.id, priority: 'high', startDate: '2026-03-01', dueDate: '2026-04-30' });
    const after = nodeNamed((await planner.budget.allocationTree({ id: ppaId })).tree!, 'Preparation');
    expect(after).toMatchObject({ priority: 'high', startDate: '2026-03-01', dueDate: '2026-04-30' });
    expect(nodeNamed((await planner.budget.allocationTree({ id: ppaId })).tree!, 'Execution')).toMatchObject({
      priority: 'medium',
      startDate: null,
      dueDate: null,
    });
  });
});
