import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { budgetDistributions } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { childAmounts, newTrackedPpa, nodeNamed } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { processSignals, type CollabNotice } from '../effects/signals';
import { verifyCollabToken } from '../collab/collab-token';

let handle: TestDatabase;
beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'collab-test-secret';
  handle = await createSeededTestDatabase();
});
let stopListening = () => {};
afterAll(async () => {
  stopListening();
  await handle.close();
});

describe('saving the co-edited allocation form', () => {
  it('re-checks the whole draft in one transaction, records undoable distributions, and tells the room', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000' });
    const prep = nodeNamed(tree, 'Preparation');
    const task = await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'task' });
    const notices: CollabNotice[] = [];
    stopListening = processSignals().onCollabNotice((n) => notices.push(n));

    // Moving money between levels in one save: Preparation up, Execution down, the task inside Preparation.
    const saved = await planner.collab.save({
      ppaId,
      amounts: [
        { workItemId: prep.id, amount: '200000' },
        { workItemId: nodeNamed(tree, 'Execution').id, amount: '700000.00' },
        { workItemId: task.id, amount: '180000', weight: '2.5', note: 'Includes sound system' },
      ],
    });
    expect(saved.changed).toBe(3);
    const venue = nodeNamed((await planner.budget.allocationTree({ id: ppaId })).tree!, 'Venue');
    expect([venue.weight, venue.budgetNotes]).toEqual(['2.5000', 'Includes sound system']);
    const after = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    expect(childAmounts(after)).toEqual([
      ['Preparation', '200000.00'],
      ['Execution', '700000.00'],
      ['Completion & Reporting', '100000.00'],
    ]);
    expect(childAmounts(nodeNamed(after, 'Preparation'))).toEqual([['Venue', '180000.00']]);
    expect(notices).toEqual([{ type: 'saved', ppaId, savedBy: 'Norhaya Planner (MSSD)', savedAt: saved.savedAt }]);
    expect(await handle.db.select().from(budgetDistributions).where(eq(budgetDistributions.ppaId, ppaId))).toHaveLength(2);
    await planner.budget.undoDistribution({ id: ppaId, parentId: prep.id });
    expect(childAmounts(nodeNamed((await planner.budget.allocationTree({ id: ppaId })).tree!, 'Preparation'))).toEqual([['Venue', '0.00']]);
  });

  it('refuses an over-allocated draft, a parent below its children, a stranger item, and writes nothing', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000' });
    const prep = nodeNamed(tree, 'Preparation');
    const execution = nodeNamed(tree, 'Execution');
    const over = await refusal(
      planner.collab.save({
        ppaId,
        amounts: [
          { workItemId: prep.id, amount: '250000.01' },
          { workItemId: execution.id, amount: '650000' },
        ],
      }),
    );
    expect(over.code).toBe('CONFLICT');
    expect(over.message).toContain('₱0.01 too much');
    await planner.workItem.add({ parentId: prep.id, title: 'Venue', workType: 'task', allocatedBudget: '100000' });
    const below = await refusal(planner.collab.save({ ppaId, amounts: [{ workItemId: prep.id, amount: '99999.99' }] }));
    expect(below.message).toBe('This would allocate ₱100,000.00 under "Preparation", which has only ₱99,999.99: ₱0.01 too much.');
    const project = await refusal(planner.collab.save({ ppaId, amounts: [{ workItemId: tree.id, amount: '1000000.01' }] }));
    expect(project.code).toBe('CONFLICT');
    const stranger = await refusal(planner.collab.save({ ppaId, amounts: [{ workItemId: '00000000-0000-4000-8000-000000000000', amount: '1' }] }));
    expect(stranger.code).toBe('BAD_REQUEST');
    expect(childAmounts((await planner.budget.allocationTree({ id: ppaId })).tree!)).toEqual([
      ['Preparation', '150000.00'],
      ['Execution', '750000.00'],
      ['Completion & Reporting', '100000.00'],
    ]);
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await refusal(viewer.collab.save({ ppaId, amounts: [] }))).code).toBe('FORBIDDEN');
  });

  it('issues edit tokens to planners of the MOA and read tokens to viewers and reviewers', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId } = await newTrackedPpa(planner, { allocation: '1000' });
    const edit = await planner.collab.token({ ppaId });
    expect(edit.mode).toBe('edit');
    expect(verifyCollabToken(edit.token, ppaId, process.env.AUTH_SECRET!)).toMatchObject({ ppaId, mode: 'edit', name: 'Norhaya Planner (MSSD)' });
    for (const email of ['viewer@example.org', 'reviewer@example.org', 'executive@example.org']) {
      expect((await (await callerFor(handle.db, email)).collab.token({ ppaId })).mode).toBe('read');
    }
    expect(verifyCollabToken('garbage', ppaId, process.env.AUTH_SECRET!)).toBeNull();
    expect(verifyCollabToken(`${Buffer.from('not json').toString('base64url')}.x`, ppaId, process.env.AUTH_SECRET!)).toBeNull();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3 * 60 * 1000);
    expect(verifyCollabToken(edit.token, ppaId, process.env.AUTH_SECRET!)).toBeNull();
    vi.useRealTimers();
  });
});
