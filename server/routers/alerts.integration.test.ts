import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expenditureEntries, ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, newTrackedPpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { raiseApprovalBottlenecks } from '../services/alerts/raise-alerts';
import { parsePesos, toPesoString } from '../domain/money';
import { inProcessSender } from '../services/events/publish';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
});
afterAll(() => handle.close());

describe('alerts raised by the app’s own changes (no Inngest server: in-process)', () => {
  it('raises overspending when recorded spending passes the allocation, once until resolved, critical over 20%', async () => {
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    const prep = nodeNamed(tree, 'Preparation'); // ₱150,000.00
    await obligate(planner, prep.id, '200000');
    await planner.workItem.recordExpenditure({ id: prep.id, amount: '150000', date: '2026-03-01', description: 'Venue' });
    expect(await planner.alert.list({ ppaId, open: true })).toEqual([]);
    await planner.workItem.recordExpenditure({ id: prep.id, amount: '10000', date: '2026-03-02', description: 'Extra chairs' });
    let open = await planner.alert.list({ ppaId, open: true });
    expect(open.map((a) => [a.type, a.severity, a.workItemTitle, a.message])).toEqual([
      ['overspending', 'high', 'Preparation', 'Actual ₱160,000.00 against ₱150,000.00 allocated: over by ₱10,000.00 (6.67%).'],
    ]);
    await planner.workItem.recordExpenditure({ id: prep.id, amount: '30000', date: '2026-03-03', description: 'Sound system' });
    expect(await planner.alert.list({ ppaId, open: true })).toHaveLength(1); // once per item until resolved

    await planner.alert.acknowledge({ id: open[0]!.id });
    const resolved = await planner.alert.resolve({ id: open[0]!.id });
    expect(resolved.acknowledgedAt).not.toBeNull();
    expect(resolved.resolvedAt).not.toBeNull();
    await planner.workItem.recordExpenditure({ id: prep.id, amount: '1', date: '2026-03-04', description: 'Tape' });
    open = await planner.alert.list({ ppaId, open: true });
    expect(open.map((a) => a.severity)).toEqual(['critical']); // ₱190,001.00 is 26.67% over
    expect((await planner.alert.list({ ppaId })).length).toBe(2);
  });

  it('a batch of spending events raises, per PPA, what one event at a time would: each item and ancestor once', async () => {
    const first = await newTrackedPpa(planner, { allocation: '1000000', title: 'Batch caravan one' });
    const second = await newTrackedPpa(planner, { allocation: '1000000', title: 'Batch caravan two' });
    const prep = nodeNamed(first.tree, 'Preparation'); // ₱150,000.00
    const execution = nodeNamed(second.tree, 'Execution');
    const { userId } = await demoViewer(handle.db, 'planner@example.org');
    // Entries written as a busy morning would leave them, then their events sent in one in-process batch.
    const entry = (workItemId: string, ppaId: string, amount: string) => ({
      workItemId,
      ppaId,
      kind: 'disbursement' as const,
      amount,
      spentOn: '2026-03-01',
      description: 'Batch',
      recordedById: userId,
    });
    await handle.db
      .insert(expenditureEntries)
      .values([entry(prep.id, first.ppaId, '100000.00'), entry(prep.id, first.ppaId, '60000.00'), entry(execution.id, second.ppaId, execution.allocated)]);
    await handle.db.insert(expenditureEntries).values(entry(execution.id, second.ppaId, toPesoString(parsePesos(execution.allocated) / 4n)));
    const spent = (ppaId: string, workItemId: string, n: number) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      name: 'expenditure/recorded' as const,
      data: { ppaId, workItemId },
    });
    await inProcessSender(handle.db)([
      spent(first.ppaId, prep.id, 1),
      spent(second.ppaId, execution.id, 2),
      spent(first.ppaId, prep.id, 3),
      spent(second.ppaId, execution.id, 4),
    ]);

    const open = async (ppaId: string) => (await planner.alert.list({ ppaId, open: true })).map((a) => [a.type, a.severity, a.workItemTitle]);
    expect(await open(first.ppaId)).toEqual([['overspending', 'high', 'Preparation']]);
    expect(await open(second.ppaId)).toEqual([['overspending', 'critical', 'Execution']]);
    // Sent again (a redelivery): nothing more.
    await inProcessSender(handle.db)([spent(first.ppaId, prep.id, 5), spent(second.ppaId, execution.id, 6)]);
    expect((await planner.alert.list({ ppaId: first.ppaId })).length + (await planner.alert.list({ ppaId: second.ppaId })).length).toBe(2);
  });

  it('raises workflow_blocked when an item turns blocked', async () => {
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '500000' });
    await planner.workItem.update({ id: nodeNamed(tree, 'Execution').id, status: 'blocked' });
    const open = await planner.alert.list({ ppaId, open: true });
    expect(open.map((a) => [a.type, a.severity, a.title])).toEqual([['workflow_blocked', 'high', 'Execution is blocked']]);
  });

  it('shows alerts only to those who may see the PPA, and lets viewers read but not act', async () => {
    const [livelihood] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Livelihood Training for OBC Women'));
    const seeded = (await planner.alert.list({ ppaId: livelihood!.id, open: true }))[0]!;
    expect(seeded.title).toBe('Venue Booking is over budget');
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect(await mafar.alert.list({ ppaId: livelihood!.id })).toEqual([]);
    expect((await refusal(mafar.alert.resolve({ id: seeded.id }))).code).toBe('NOT_FOUND');
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await viewer.alert.list({ open: true })).some((a) => a.id === seeded.id)).toBe(true);
    expect((await refusal(viewer.alert.acknowledge({ id: seeded.id }))).code).toBe('FORBIDDEN');
    // The role rule is the procedure's: refused before the alert is even looked up.
    for (const call of [viewer.alert.acknowledge({ id: seeded.id }), viewer.alert.resolve({ id: seeded.id })]) {
      expect(await refusal(call)).toMatchObject({ code: 'FORBIDDEN', message: 'Viewers can read alerts but not acknowledge or resolve them.' });
    }
    const reviewer = await callerFor(handle.db, 'reviewer@example.org');
    expect((await reviewer.alert.acknowledge({ id: seeded.id })).acknowledgedAt).not.toBeNull();
  });
});

describe('review queue', () => {
  it('lists what waits on each reviewer’s decision, oldest first, with days waiting', async () => {
    const reviewer = await callerFor(handle.db, 'reviewer@example.org');
    const queue = await reviewer.ppa.reviewQueue();
    expect(new Set(queue.map((q) => q.approvalStage))).toEqual(new Set(['technical_review', 'budget_review', 'stakeholder_consultation']));
    expect(queue).toHaveLength(8);
    expect(queue.every((q) => q.daysWaiting === 2)).toBe(true);
    const times = queue.map((q) => q.waitingSince);
    expect(times).toEqual([...times].sort());

    const executive = await callerFor(handle.db, 'executive@example.org');
    expect(new Set((await executive.ppa.reviewQueue()).map((q) => q.approvalStage))).toEqual(new Set(['executive_approval', 'approved']));
    expect(await planner.ppa.reviewQueue()).toEqual([]);
  });

  it('resolves a PPA’s bottleneck alert when it moves on', async () => {
    const reviewer = await callerFor(handle.db, 'reviewer@example.org');
    const [women] = await handle.db
      .select()
      .from(ppas)
      .where(and(eq(ppas.title, "Women's Welfare Program")));
    await handle.db
      .update(ppas)
      .set({ stageEnteredAt: new Date(Date.now() - 20 * 24 * 60 * 60 * 1000) })
      .where(eq(ppas.id, women!.id));
    expect((await raiseApprovalBottlenecks(handle.db, new Date())).critical).toBe(1);
    expect((await reviewer.alert.list({ ppaId: women!.id, open: true })).map((a) => a.title)).toEqual(['Waiting 20 days in budget review']);
    await reviewer.ppa.transition({ id: women!.id, to: 'executive_approval' });
    expect(await reviewer.alert.list({ ppaId: women!.id, open: true })).toEqual([]);
  });
});
