import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetTransfers, modificationRequests, moas, notifications, ppas, users, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor } from '@/test/viewers';
import { eventsSettled } from '../events/publish';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let head: Awaited<ReturnType<typeof callerFor>>;
let reviewer: Awaited<ReturnType<typeof callerFor>>;
let executive: Awaited<ReturnType<typeof callerFor>>;
let admin: Awaited<ReturnType<typeof callerFor>>;
let viewer: Awaited<ReturnType<typeof callerFor>>;
let mafarPlanner: Awaited<ReturnType<typeof callerFor>>;
let mafarHead: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  head = await callerFor(handle.db, 'head.mssd@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  executive = await callerFor(handle.db, 'executive@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
  viewer = await callerFor(handle.db, 'viewer@example.org');
  mafarPlanner = await callerFor(handle.db, 'planner.mafar@example.org');
  const [mafar] = await handle.db.select({ id: moas.id }).from(moas).where(eq(moas.code, 'MAFAR'));
  await handle.db.insert(users).values({ id: 'mafar-head', email: 'head.mafar@example.org', name: 'MAFAR Head', role: 'moa_head', moaId: mafar!.id });
  mafarHead = await callerFor(handle.db, 'head.mafar@example.org');
});
afterAll(() => handle.close());

/** A fresh MSSD PPA (₱5,000,000.00, default activities), approved and locked as after budget review. */
async function lockedPpa(title = 'Barangay Livelihood Caravan') {
  const made = await newSpendablePpa(handle.db, planner, { allocation: '5000000', title });
  await handle.db.update(ppas).set({ budgetLockedAt: new Date(), appropriationClass: 'MOOE' }).where(eq(ppas.id, made.ppaId));
  const prep = nodeNamed(made.tree, 'Preparation');
  const exec = nodeNamed(made.tree, 'Execution');
  const done = nodeNamed(made.tree, 'Completion & Reporting');
  return { ...made, prep: prep.id, exec: exec.id, done: done.id };
}

const itemRow = async (id: string) => (await handle.db.select().from(workItems).where(eq(workItems.id, id)))[0]!;

describe('a request within one class, decided by the MOA head', () => {
  it('drafts, previews, submits (route stored), and the head’s approval posts transfers without touching the original', async () => {
    const { ppaId, prep, exec } = await lockedPpa();
    const lines = [{ fromWorkItemId: prep, toWorkItemId: exec, amount: '150,000.50' }];
    const preview = await planner.modification.preview({ ppaId, lines });
    expect(preview).toMatchObject({
      problems: [],
      route: 'moa_head',
      needsExecutive: false,
      total: '150000.50',
      routeWords: 'Within one appropriation class: decided by the head of MSSD.',
    });
    expect(preview.changes.map((c) => [c.title, c.before, c.after, c.available])).toEqual([
      ['Preparation', '750000.00', '599999.50', '750000.00'],
      ['Execution', '3750000.00', '3900000.50', null],
    ]);

    const { id } = await planner.modification.create({ ppaId, lines, justification: 'Venue donated by the LGU.' });
    expect((await planner.modification.get({ id })).status).toBe('draft');
    await planner.modification.submit({ id });
    const submitted = await head.modification.get({ id });
    expect(submitted).toMatchObject({
      status: 'submitted',
      route: 'moa_head',
      awaitingRole: 'moa_head',
      canDecide: true,
      canEdit: false,
      totalAmount: '150000.50',
    });
    expect(submitted.lines[0]).toMatchObject({ fromTitle: 'Preparation', toTitle: 'Execution', fromClass: 'MOOE', toClass: 'MOOE', amount: '150000.50' });
    expect((await planner.modification.get({ id })).canDecide).toBe(false);
    expect((await head.modification.list({ waitingOnMe: true })).map((r) => r.id)).toContain(id);

    // Not theirs to decide: MFBM, the executive, another MOA's head; planners and viewers not at all.
    expect((await refusal(reviewer.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    expect((await refusal(executive.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    expect((await refusal(mafarHead.modification.decide({ id, decision: 'approve' }))).code).toBe('NOT_FOUND');
    expect((await refusal(planner.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    expect((await refusal(viewer.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    // Submitted: no longer editable.
    expect((await refusal(planner.modification.update({ id, lines, justification: 'x' }))).code).toBe('CONFLICT');

    expect(await head.modification.decide({ id, decision: 'approve' })).toEqual({ id, status: 'approved' });
    const [p, e] = [await itemRow(prep), await itemRow(exec)];
    expect([p.allocatedBudget, p.transfersOut, p.adjustedBudget]).toEqual(['750000.00', '150000.50', '599999.50']);
    expect([e.allocatedBudget, e.transfersIn, e.adjustedBudget]).toEqual(['3750000.00', '150000.50', '3900000.50']);
    const tree = (await planner.budget.allocationTree({ id: ppaId })).tree!;
    expect(tree.allocated).toBe('5000000.00');
    expect(nodeNamed(tree, 'Execution')).toMatchObject({
      originalAllocation: '3750000.00',
      transfersIn: '150000.50',
      transfersOut: '0.00',
      allocated: '3900000.50',
    });
    expect((await refusal(head.modification.decide({ id, decision: 'approve' }))).code).toBe('CONFLICT');

    // The PPA's history and the planner's bell tell of it.
    const history = await planner.history.ppa({ id: ppaId });
    expect(JSON.stringify(history)).toContain('modification');
    await eventsSettled(handle.db);
    const told = await handle.db.select().from(notifications).where(eq(notifications.kind, 'modification_decided'));
    expect(told.some((n) => n.link === `/modifications/${id}`)).toBe(true);
  });

  it('refuses an unlocked PPA, another MOA’s planner, a viewer, a head and bad input', async () => {
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000' });
    const lines = [{ fromWorkItemId: nodeNamed(tree, 'Preparation').id, toWorkItemId: nodeNamed(tree, 'Execution').id, amount: '1.00' }];
    expect((await refusal(planner.modification.create({ ppaId, lines, justification: 'x' }))).message).toMatch(/not locked/);
    expect((await refusal(mafarPlanner.modification.create({ ppaId, lines, justification: 'x' }))).code).toBe('NOT_FOUND');
    expect((await refusal(viewer.modification.create({ ppaId, lines, justification: 'x' }))).code).toBe('FORBIDDEN');
    expect((await refusal(head.modification.create({ ppaId, lines, justification: 'x' }))).code).toBe('FORBIDDEN');
    const bad = await refusal(planner.modification.create({ ppaId, lines: [{ ...lines[0]!, amount: '0.001' }], justification: ' ' }));
    expect(bad.code).toBe('BAD_REQUEST');
    const locked = await lockedPpa('Other Caravan');
    const other = await refusal(planner.modification.create({ ppaId: locked.ppaId, lines, justification: 'Items of another PPA' }));
    expect(other.message).toBe('Line 1: both items must be work items of this PPA.');
  });

  it('rejects only with a comment; return sends it back to edit and submit again; the requester may withdraw', async () => {
    const { ppaId, prep, exec, done } = await lockedPpa('Caravan Two');
    const { id } = await planner.modification.create({
      ppaId,
      lines: [{ fromWorkItemId: done, toWorkItemId: exec, amount: '1000' }],
      justification: 'More sessions.',
    });
    await planner.modification.submit({ id });
    expect((await refusal(head.modification.decide({ id, decision: 'reject' }))).message).toBe('Say why the request is rejected: a comment is required.');
    await head.modification.decide({ id, decision: 'return', comment: 'Say which barangays.' });
    const returned = await planner.modification.get({ id });
    expect(returned).toMatchObject({ status: 'returned', canEdit: true });
    await planner.modification.update({
      id,
      lines: [{ fromWorkItemId: prep, toWorkItemId: exec, amount: '2000' }],
      justification: 'More sessions in Barangays Tamontaka and Rosary Heights.',
    });
    await planner.modification.submit({ id });
    await head.modification.decide({ id, decision: 'reject', comment: 'Not this quarter.' });
    const rejected = await planner.modification.get({ id });
    expect(rejected.status).toBe('rejected');
    expect(rejected.steps.map((s) => [s.action, s.comment])).toEqual([
      ['submit', null],
      ['return', 'Say which barangays.'],
      ['submit', null],
      ['reject', 'Not this quarter.'],
    ]);
    expect(await handle.db.select().from(budgetTransfers).where(eq(budgetTransfers.requestId, id))).toEqual([]);

    const second = await planner.modification.create({ ppaId, lines: [{ fromWorkItemId: prep, toWorkItemId: exec, amount: '1' }], justification: 'Typo fix.' });
    await planner.modification.submit({ id: second.id });
    await planner.modification.withdraw({ id: second.id });
    expect((await planner.modification.get({ id: second.id })).status).toBe('withdrawn');
    expect((await refusal(head.modification.decide({ id: second.id, decision: 'approve' }))).code).toBe('CONFLICT');
    expect((await refusal(planner.modification.withdraw({ id: second.id }))).code).toBe('CONFLICT');
  });
});

describe('a request crossing classes, decided by MFBM', () => {
  it('above the threshold the reviewer endorses and the executive approves; the owner of a request never decides it', async () => {
    const { ppaId, prep, exec, done } = await lockedPpa('Caravan Three');
    await handle.db.update(workItems).set({ appropriationClass: 'CO', objectOfExpenditure: '5060405003 ICT Equipment' }).where(eq(workItems.id, done));
    const lines = [{ fromWorkItemId: exec, toWorkItemId: done, amount: '1000000.01' }];
    expect(await planner.modification.preview({ ppaId, lines })).toMatchObject({ route: 'mfbm', needsExecutive: true });
    const { id } = await planner.modification.create({ ppaId, lines, justification: 'Laptops for the trainers.' });
    await planner.modification.submit({ id });
    expect((await planner.modification.get({ id })).lines[0]).toMatchObject({ fromClass: 'MOOE', toClass: 'CO', toObject: '5060405003 ICT Equipment' });
    expect((await refusal(head.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    expect((await refusal(executive.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    expect(await reviewer.modification.decide({ id, decision: 'approve', comment: 'Budget cover confirmed.' })).toEqual({ id, status: 'submitted' });
    expect((await executive.modification.get({ id })).awaitingRole).toBe('executive');
    expect((await executive.modification.list({ waitingOnMe: true })).map((r) => r.id)).toContain(id);
    expect(await executive.modification.decide({ id, decision: 'approve' })).toEqual({ id, status: 'approved' });
    expect((await itemRow(done)).adjustedBudget).toBe('1500000.01');

    // Small cross-class: the reviewer's approval applies it. An admin's own request is not theirs to decide.
    const small = await admin.modification.create({ ppaId, lines: [{ fromWorkItemId: prep, toWorkItemId: done, amount: '10' }], justification: 'Small move.' });
    await admin.modification.submit({ id: small.id });
    expect((await refusal(admin.modification.decide({ id: small.id, decision: 'approve' }))).message).toBe('You cannot decide your own request.');
    expect(await reviewer.modification.decide({ id: small.id, decision: 'approve' })).toEqual({ id: small.id, status: 'approved' });
  });
});

describe('classes and objects of expenditure', () => {
  it('a planner sets an item’s class and object before the lock; after it they are part of the locked budget', async () => {
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Classified Caravan' });
    const done = nodeNamed(tree, 'Completion & Reporting').id;
    const updated = await planner.workItem.update({ id: done, appropriationClass: 'CO', objectOfExpenditure: ' 5060405003 ICT Equipment ' });
    expect(updated).toMatchObject({ appropriationClass: 'CO', objectOfExpenditure: '5060405003 ICT Equipment' });
    expect(nodeNamed((await planner.budget.allocationTree({ id: ppaId })).tree!, 'Completion & Reporting').appropriationClass).toBe('CO');
    await handle.db.update(ppas).set({ budgetLockedAt: new Date() }).where(eq(ppas.id, ppaId));
    expect((await refusal(planner.workItem.update({ id: done, appropriationClass: 'MOOE' }))).message).toMatch(/part of the locked budget/);
    expect((await refusal(planner.workItem.update({ id: done, appropriationClass: 'XX' as 'CO' }))).code).toBe('BAD_REQUEST');
    // Unchanged values pass on a locked budget (a title edit resends nothing else).
    expect((await planner.workItem.update({ id: done, title: 'Completion and Reporting' })).title).toBe('Completion and Reporting');
  });
});

describe('balances', () => {
  it('a source moves at most its unobligated balance, less what earlier pending requests move out of it', async () => {
    const { ppaId, tree, exec, done } = await lockedPpa('Caravan Four');
    await obligate(planner, done, '400000');
    const over = await planner.modification.preview({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: exec, amount: '100000.01' }] });
    expect(over.problems[0]?.message).toBe(
      '“Completion & Reporting” can give at most ₱100,000.00 (its unobligated balance, less what other pending requests move out of it); this request moves ₱100,000.01.',
    );
    const first = await planner.modification.create({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: exec, amount: '60000' }], justification: 'One.' });
    await planner.modification.submit({ id: first.id });
    const second = await planner.modification.create({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: exec, amount: '50000' }], justification: 'Two.' });
    expect((await refusal(planner.modification.submit({ id: second.id }))).message).toMatch(/can give at most ₱40,000\.00/);
    expect(tree.id).toBeTruthy();
  });

  it('two submissions racing for one balance: at most one is submitted (PostgreSQL, concurrent transactions)', async () => {
    const { ppaId, exec, done, prep } = await lockedPpa('Caravan Five');
    const drafts = await Promise.all(
      [exec, prep, exec, prep].map((to, i) =>
        planner.modification.create({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: to, amount: '300000' }], justification: `Race ${i}` }),
      ),
    );
    const outcomes = await Promise.allSettled(drafts.map((d) => planner.modification.submit({ id: d.id })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const [sum] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(modificationRequests)
      .where(sql`${modificationRequests.ppaId} = ${ppaId} and ${modificationRequests.status} = 'submitted'`);
    expect(sum!.n).toBe(1);
  });

  it('two approvals racing for one balance after it shrank: at most one is approved and the source never goes below its obligations', async () => {
    const { ppaId, exec, done, prep } = await lockedPpa('Caravan Six');
    const a = await planner.modification.create({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: exec, amount: '250000' }], justification: 'A' });
    const b = await planner.modification.create({ ppaId, lines: [{ fromWorkItemId: done, toWorkItemId: prep, amount: '250000' }], justification: 'B' });
    await planner.modification.submit({ id: a.id });
    await planner.modification.submit({ id: b.id });
    // Both fit the ₱500,000.00 when submitted; then ₱100,000.00 is obligated: now only one fits.
    await obligate(planner, done, '100000');
    const outcomes = await Promise.allSettled([
      head.modification.decide({ id: b.id, decision: 'approve' }),
      head.modification.decide({ id: a.id, decision: 'approve' }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const row = await itemRow(done);
    expect(row.adjustedBudget).toBe('250000.00');
    const approved = await handle.db
      .select()
      .from(modificationRequests)
      .where(sql`${modificationRequests.ppaId} = ${ppaId} and ${modificationRequests.status} = 'approved'`);
    expect(approved.map((r) => r.id)).toEqual([a.id]);
  });

  it('every item’s transfer sums equal its postings (the trigger), and postings are immutable', async () => {
    const drift = await handle.db.execute(sql`
      select w.id from work_items w
      left join (select work_item_id, sum(amount_in) as i, sum(amount_out) as o from budget_transfers group by work_item_id) t on t.work_item_id = w.id
      where w.transfers_in <> coalesce(t.i, 0) or w.transfers_out <> coalesce(t.o, 0) or w.adjusted_budget <> w.allocated_budget + coalesce(t.i, 0) - coalesce(t.o, 0)`);
    expect(Array.isArray(drift) ? drift : (drift as { rows: unknown[] }).rows).toEqual([]);
    const [posting] = await handle.db.select().from(budgetTransfers).limit(1);
    await expect(handle.db.update(budgetTransfers).set({ amountIn: '1' }).where(eq(budgetTransfers.id, posting!.id))).rejects.toThrow();
  });
});

describe('the demo data', () => {
  it('seeds an approved, a pending and a rejected request on the Quick Response Fund, the pending one waiting on MSSD’s head', async () => {
    const all = await head.modification.list({});
    const qrf = all.filter((r) => r.ppaTitle === 'Quick Response Fund');
    expect(qrf.map((r) => r.status).sort()).toEqual(['approved', 'rejected', 'submitted']);
    expect((await head.modification.list({ waitingOnMe: true })).some((r) => r.ppaTitle === 'Quick Response Fund')).toBe(true);
    expect((await mafarPlanner.modification.list({})).some((r) => r.ppaTitle === 'Quick Response Fund')).toBe(false);
  });
});
