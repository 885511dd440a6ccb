import { TRPCError } from '@trpc/server';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { alerts, auditLog, eventOutbox, expenditureEntries } from '@/db/schema';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, newTrackedPpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor, demoApiToken, demoViewer } from '@/test/viewers';
import { manilaDay } from '../../domain/schedule';
import { toAppError } from '../../errors';
import { handleAllocationExport } from '../../http/downloads';
import { handleRestRequest } from '../../http/rest-handler';
import { raiseOverspendingAlerts } from '../alerts/raise-alerts';

/**
 * The ledger's two kinds and its reversals (docs/domain-rules.md, "Ledger"), through the tRPC caller and REST,
 * including what a hostile or careless caller sends.
 */

let handle: TestDatabase;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let planner: Caller;
let admin: Caller;
let mafar: Caller;
let reviewer: Caller;
let viewer: Caller;
let plannerToken: string;
const TODAY = manilaDay(new Date());

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
  mafar = await callerFor(handle.db, 'planner.mafar@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  viewer = await callerFor(handle.db, 'viewer@example.org');
  plannerToken = await demoApiToken(handle.db, 'planner@example.org', 'ledger tests');
});
afterAll(() => handle.close());

function rest(method: string, path: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${plannerToken}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return handleRestRequest(
    new Request(`http://localhost/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }),
    handle.db,
  );
}

const entriesOn = (workItemId: string) => handle.db.select().from(expenditureEntries).where(eq(expenditureEntries.workItemId, workItemId));

describe('recording an obligation or a disbursement', () => {
  it('keeps the kind (disbursement unless told) and the trimmed reference number, and lists both', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Ledger kinds caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    const obligation = await planner.workItem.recordExpenditure({
      id: prep.id,
      kind: 'obligation',
      amount: '120,000',
      date: TODAY,
      description: 'Venue contract',
      referenceNo: '  ORS-2026-03-0042 ',
    });
    expect(obligation).toMatchObject({
      kind: 'obligation',
      amount: '120000.00',
      referenceNo: 'ORS-2026-03-0042',
      reversesId: null,
      reversalReason: null,
      reversedById: null,
      recordedBy: 'Norhaya Planner (MSSD)',
    });
    const plain = await planner.workItem.recordExpenditure({ id: prep.id, amount: '100', date: TODAY, description: 'Snacks', referenceNo: '   ' });
    expect(plain).toMatchObject({ kind: 'disbursement', referenceNo: null });

    const ledger = await viewer.workItem.expenditures({ id: prep.id });
    expect(ledger.map((e) => [e.kind, e.amount, e.referenceNo])).toEqual(
      expect.arrayContaining([
        ['obligation', '120000.00', 'ORS-2026-03-0042'],
        ['disbursement', '100.00', null],
      ]),
    );
    expect(ledger).toHaveLength(2);
  });

  it('refuses a huge reference, control characters and NUL bytes under their field, writing nothing', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Hostile ledger caravan' });
    const exec = nodeNamed(tree, 'Execution');
    const record = (extra: Record<string, unknown>) =>
      planner.workItem.recordExpenditure({ id: exec.id, amount: '10', date: TODAY, description: 'Meals', ...extra } as never);

    const huge = await refusal(record({ referenceNo: 'DV-'.padEnd(61, '9') }));
    expect([huge.code, huge.message]).toEqual(['BAD_REQUEST', 'Keep the reference number under 60 characters (an ORS or DV number).']);
    // NUL bytes are refused for every input before any schema (server/trpc.ts); other control characters here.
    expect((await refusal(record({ referenceNo: 'DV-1\u00002' }))).message).toBe('referenceNo: remove the invisible NUL character from this text.');
    expect((await refusal(record({ referenceNo: 'DV-1\u001b[2J' }))).message).toBe('The reference number may contain only printable characters.');
    expect((await refusal(record({ referenceNo: 'DV-1\nDV-2' }))).message).toBe('The reference number may contain only printable characters.');
    expect((await refusal(record({ description: 'Meals\u0000' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(record({ description: 'Meals\u0007' }))).message).toBe('The description may not contain control characters.');
    expect((await refusal(record({ kind: 'refund' }))).message).toBe('Choose obligation or disbursement.');
    expect((await refusal(record({ amount: '-5.00' }))).message).toBe('Amounts cannot be negative.');
    expect(await entriesOn(exec.id)).toEqual([]);

    // Over REST the same refusals are 400s naming the field; never a 500.
    const overRest = await rest('POST', `/work-items/${exec.id}/expenditures`, { amount: '10', date: TODAY, description: 'Meals', referenceNo: 'x\u007f' });
    expect(overRest.status).toBe(400);
    expect(await overRest.json()).toMatchObject({ code: 'BAD_REQUEST', message: 'referenceNo: The reference number may contain only printable characters.' });
    const nul = await rest('POST', `/work-items/${exec.id}/expenditures`, { amount: '10', date: TODAY, description: 'Meals', referenceNo: 'x\u0000' });
    expect(nul.status).toBe(400);
    const ok = await rest('POST', `/work-items/${exec.id}/expenditures`, {
      kind: 'obligation',
      amount: '2500.50',
      date: TODAY,
      description: 'Sound system',
      referenceNo: 'ORS-77',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ kind: 'obligation', amount: '2500.50', referenceNo: 'ORS-77' });
  });

  it('announces a disbursement (for overspending alerts) but not an obligation, which is no spending', async () => {
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '100000', title: 'Obligation is no overspend' });
    const prep = nodeNamed(tree, 'Preparation'); // ₱15,000.00
    const outbox = async () =>
      (await handle.db.select().from(eventOutbox)).filter(
        (e) => e.name === 'expenditure/recorded' && (e.payload as { workItemId: string }).workItemId === prep.id,
      ).length;
    await planner.workItem.recordExpenditure({ id: prep.id, kind: 'obligation', amount: '90000', date: TODAY, description: 'Whole-year catering contract' });
    expect(await outbox()).toBe(0);
    expect(await raiseOverspendingAlerts(handle.db, prep.id)).toEqual({ raised: 0 });
    expect(await handle.db.select().from(alerts).where(eq(alerts.ppaId, ppaId))).toEqual([]);
    const { tree: after } = await planner.budget.allocationTree({ id: ppaId });
    expect(nodeNamed(after!, 'Preparation')).toMatchObject({
      actual: '0.00',
      obligations: '90000.00',
      budgetStatus: 'no_expenditure',
      unobligated: '-75000.00',
      obligationRate: 600,
    });

    await planner.workItem.recordExpenditure({ id: prep.id, amount: '15000.01', date: TODAY, description: 'First catering bill' });
    expect(await outbox()).toBe(1);
    expect((await handle.db.select().from(alerts).where(eq(alerts.ppaId, ppaId))).map((a) => [a.type, a.workItemId])).toContainEqual(['overspending', prep.id]);
  });

  it('names a deleted item’s obligations, and keeps a reversed pair (netting to zero) from being deleted', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '100000', title: 'Kept ledger caravan', template: 'empty' });
    const item = await planner.workItem.add({ parentId: tree.id, title: 'Hall rental', workType: 'activity' });
    const entry = await planner.workItem.recordExpenditure({ id: item.id, kind: 'obligation', amount: '500', date: TODAY, description: 'Hall' });
    expect((await refusal(planner.workItem.delete({ id: item.id }))).message).toBe(
      '"Hall rental" has ₱500.00 of obligations in its subtree; work items with spending cannot be deleted.',
    );
    await planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Booked the wrong hall' });
    expect((await refusal(planner.workItem.delete({ id: item.id }))).message).toBe(
      '"Hall rental" has reversed ledger entries in its subtree; work items with spending cannot be deleted.',
    );
  });
});

describe('what the ledger accepts', () => {
  it('nothing on a PPA not yet approved out of budget review (409, nothing written); entries once a reviewer approves it out', async () => {
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '1000000', title: 'Not yet approved caravan' });
    await planner.ppa.update({ id: ppaId, appropriationClass: 'MOOE', fundingSource: 'GAAB' });
    const prep = nodeNamed(tree, 'Preparation');
    const tryObligation = () =>
      planner.workItem.recordExpenditure({ id: prep.id, kind: 'obligation', amount: '1000', date: TODAY, description: 'Venue contract' });
    const draft = await refusal(tryObligation());
    expect([draft.code, draft.message]).toEqual([
      'CONFLICT',
      'Obligations and disbursements are recorded only once the PPA is approved out of budget review; this PPA is still a draft.',
    ]);
    await planner.ppa.transition({ id: ppaId, to: 'technical_review' });
    await giveBalancedPlans(planner, ppaId);
    await reviewer.ppa.transition({ id: ppaId, to: 'budget_review' });
    expect((await refusal(tryObligation())).message).toBe(
      'Obligations and disbursements are recorded only once the PPA is approved out of budget review; this PPA is in budget review.',
    );
    // Over REST too, and for an admin: the rule is the PPA's, not the person's.
    const overRest = await rest('POST', `/work-items/${prep.id}/expenditures`, {
      kind: 'obligation',
      amount: '1000',
      date: TODAY,
      description: 'Venue contract',
    });
    expect(overRest.status).toBe(409);
    expect((await refusal(admin.workItem.recordExpenditure({ id: prep.id, amount: '1', date: TODAY, description: 'x' }))).code).toBe('CONFLICT');
    // A seeded PPA waiting in budget review ("Women's Welfare Program") takes nothing either.
    const women = stableId('ppa:mssd-women:item:Planning & Design');
    expect(
      (await refusal(planner.workItem.recordExpenditure({ id: women, kind: 'obligation', amount: '6900000', date: TODAY, description: 'Probe' }))).code,
    ).toBe('CONFLICT');
    expect([...(await entriesOn(prep.id)), ...(await entriesOn(women))]).toEqual([]);

    await reviewer.ppa.transition({ id: ppaId, to: 'stakeholder_consultation' });
    expect(await tryObligation()).toMatchObject({ kind: 'obligation', amount: '1000.00' });
  });

  it('a disbursement pays an obligation on its own item, never more than is obligated there and not yet paid (409, nothing written)', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Paid within obligations caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    const exec = nodeNamed(tree, 'Execution');
    const pay = (id: string, amount: string) =>
      planner.workItem.recordExpenditure({ id, amount, date: TODAY, description: `DV of ₱${amount}`, referenceNo: 'DV-1' });

    const none = await refusal(pay(prep.id, '0.01'));
    expect([none.code, none.message]).toEqual([
      'CONFLICT',
      'Record the obligation (ORS) on this item first: a disbursement pays an obligation, and nothing is obligated here yet.',
    ]);
    await obligate(planner, prep.id, '1000');
    await pay(prep.id, '600');
    const over = await refusal(pay(prep.id, '400.01'));
    expect([over.code, over.message]).toEqual([
      'CONFLICT',
      'A disbursement cannot exceed what is obligated on this item and not yet paid: ₱1,000.00 obligated, ₱600.00 disbursed, ₱400.00 left to pay. Record the further obligation first.',
    ]);
    // Another item's obligations, even its parent's, pay nothing here.
    await obligate(planner, tree.id, '50000');
    expect((await refusal(pay(exec.id, '1'))).code).toBe('CONFLICT');
    await pay(prep.id, '400');
    expect((await refusal(pay(prep.id, '0.01'))).code).toBe('CONFLICT');
    // A reversed obligation pays nothing.
    const mistaken = await obligate(planner, exec.id, '700');
    await planner.workItem.reverseExpenditure({ id: mistaken.id, reason: 'Wrong contract' });
    expect((await refusal(pay(exec.id, '1'))).code).toBe('CONFLICT');
    // A reversed disbursement frees what it had paid.
    const [paid] = (await entriesOn(prep.id)).filter((e) => e.kind === 'disbursement' && e.amount === '400.00');
    await planner.workItem.reverseExpenditure({ id: paid!.id, reason: 'Paid twice' });
    expect(await pay(prep.id, '400')).toMatchObject({ amount: '400.00' });

    const rest400 = await rest('POST', `/work-items/${exec.id}/expenditures`, { amount: '5', date: TODAY, description: 'Meals' });
    expect(rest400.status).toBe(409);
    expect((await entriesOn(exec.id)).filter((e) => e.kind === 'disbursement')).toEqual([]);
  });

  it('an obligation is reversed only while what was paid under it stays covered', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Covered payments caravan' });
    const prep = nodeNamed(tree, 'Preparation').id;
    const contract = await obligate(planner, prep, '1000');
    const extra = await obligate(planner, prep, '500');
    const payment = await planner.workItem.recordExpenditure({ id: prep, amount: '1200', date: TODAY, description: 'Venue' });
    for (const entry of [contract, extra]) {
      const refused = await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Contract cancelled' }));
      expect(refused.code).toBe('CONFLICT');
    }
    expect((await refusal(planner.workItem.reverseExpenditure({ id: extra.id, reason: 'Contract cancelled' }))).message).toBe(
      'Reversing this obligation would leave ₱1,200.00 disbursed against ₱1,000.00 obligated on this item; reverse the disbursements paid under it first.',
    );
    expect(await entriesOn(prep)).toHaveLength(3);
    // Undo the payment first, then the obligation goes.
    await planner.workItem.reverseExpenditure({ id: payment.id, reason: 'Paid the wrong supplier' });
    await planner.workItem.recordExpenditure({ id: prep, amount: '900', date: TODAY, description: 'Venue, right supplier' });
    expect(await planner.workItem.reverseExpenditure({ id: extra.id, reason: 'Extra days not needed' })).toMatchObject({ amount: '-500.00' });
    expect((await refusal(planner.workItem.reverseExpenditure({ id: contract.id, reason: 'Contract cancelled' }))).code).toBe('CONFLICT');
  });
});

describe('reversing an entry', () => {
  it('adds the negated entry of the same kind on the same item, dated today, with the reason; both stay listed', async () => {
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Reversal caravan' });
    const exec = nodeNamed(tree, 'Execution');
    const entry = await planner.workItem.recordExpenditure({
      id: exec.id,
      kind: 'obligation',
      amount: '600000',
      date: '2026-02-03',
      description: 'Training contract',
      referenceNo: 'ORS-1',
    });
    const reversal = await planner.workItem.reverseExpenditure({ id: entry.id, reason: '  Contract signed under the wrong PPA  ' });
    expect(reversal).toMatchObject({
      workItemId: exec.id,
      kind: 'obligation',
      amount: '-600000.00',
      date: TODAY,
      description: 'Reversal: Training contract',
      referenceNo: 'ORS-1',
      reversesId: entry.id,
      reversalReason: 'Contract signed under the wrong PPA',
      reversedById: null,
    });
    const ledger = await planner.workItem.expenditures({ id: exec.id });
    expect(ledger.map((e) => [e.id, e.reversesId, e.reversedById])).toEqual([
      [reversal.id, entry.id, null],
      [entry.id, null, reversal.id],
    ]);
    const { tree: after, ppa } = await planner.budget.allocationTree({ id: ppaId });
    expect(nodeNamed(after!, 'Execution')).toMatchObject({ obligations: '0.00', unobligated: '750000.00', obligationRate: 0 });
    expect(ppa).toMatchObject({ obligations: '0.00', disbursements: '0.00' });

    const [audit] = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, reversal.id), eq(auditLog.action, 'reverse')));
    expect(audit).toMatchObject({
      ppaId,
      entityType: 'expenditure',
      reason: 'Contract signed under the wrong PPA',
      before: { id: entry.id, amount: '600000.00' },
      after: { id: reversal.id, amount: '-600000.00' },
    });
  });

  it('refuses a second reversal and the reversal of a reversal (409), and a blank or short reason (400)', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Twice-reversed caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    await obligate(planner, prep.id, '1000');
    const entry = await planner.workItem.recordExpenditure({ id: prep.id, amount: '1000', date: TODAY, description: 'Venue deposit' });
    expect((await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: '   ' }))).message).toBe(
      'Give a reason of at least 5 characters; it stays in the ledger.',
    );
    expect((await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Oops' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Wrong\u0000item' }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Wrong\u0008item' }))).message).toBe(
      'The reason may not contain control characters.',
    );
    expect((await refusal(planner.workItem.reverseExpenditure({ id: entry.id, reason: 'x'.repeat(501) }))).message).toBe(
      'Keep the reason under 500 characters.',
    );
    const reversal = await planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Duplicate of DV-0012' });

    const twice = await refusal(admin.workItem.reverseExpenditure({ id: entry.id, reason: 'Once more' }));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toBe(
      `This entry was already reversed on ${TODAY} by Norhaya Planner (MSSD) (“Duplicate of DV-0012”); an entry is reversed only once.`,
    );
    const ofReversal = await refusal(planner.workItem.reverseExpenditure({ id: reversal.id, reason: 'Undo the undo' }));
    expect([ofReversal.code, ofReversal.message]).toEqual(['CONFLICT', 'A reversal cannot itself be reversed; record the entry again instead.']);
    expect(await entriesOn(prep.id)).toHaveLength(3);

    // Over REST: 409 and 400 with the field; an unknown entry 404.
    const again = await rest('POST', `/expenditures/${entry.id}/reverse`, { reason: 'Third time' });
    expect(again.status).toBe(409);
    const blank = await rest('POST', `/expenditures/${entry.id}/reverse`, { reason: '' });
    expect(blank.status).toBe(400);
    expect(((await blank.json()) as { message: string }).message).toBe('reason: Give a reason of at least 5 characters; it stays in the ledger.');
    expect((await rest('POST', `/expenditures/${entry.id}/reverse`, {})).status).toBe(400);
    expect((await rest('POST', '/expenditures/00000000-0000-4000-8000-000000000000/reverse', { reason: 'Nothing there' })).status).toBe(404);
    expect((await rest('POST', '/expenditures/not-an-id/reverse', { reason: 'Nothing there' })).status).toBe(400);
  });

  it('ten reversals of one entry at once: exactly one succeeds, the others get a clean 409', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Concurrent reversal caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    await obligate(planner, prep.id, '2500');
    const entry = await planner.workItem.recordExpenditure({ id: prep.id, amount: '2500', date: TODAY, description: 'Printing' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => planner.workItem.reverseExpenditure({ id: entry.id, reason: `Duplicate voucher (${i})` })),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    for (const reason of lost) {
      expect(reason).toBeInstanceOf(TRPCError);
      expect((reason as TRPCError).code).toBe('CONFLICT');
    }
    const rows = (await entriesOn(prep.id)).filter((r) => r.kind === 'disbursement');
    expect(rows.map((r) => r.amount).sort()).toEqual(['-2500.00', '2500.00']);
  });

  it('is who may record’s alone: another MOA’s planner gets 404, a reviewer or viewer 403, and nothing is written', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Foreign reversal caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    await obligate(planner, prep.id, '300');
    const entry = await planner.workItem.recordExpenditure({ id: prep.id, amount: '300', date: TODAY, description: 'Sacks of rice' });
    expect((await refusal(mafar.workItem.reverseExpenditure({ id: entry.id, reason: 'Not ours to keep' }))).code).toBe('NOT_FOUND');
    expect((await refusal(mafar.workItem.expenditures({ id: prep.id }))).code).toBe('NOT_FOUND');
    expect((await refusal(reviewer.workItem.reverseExpenditure({ id: entry.id, reason: 'Looks wrong to me' }))).code).toBe('FORBIDDEN');
    expect((await refusal(viewer.workItem.reverseExpenditure({ id: entry.id, reason: 'Looks wrong to me' }))).code).toBe('FORBIDDEN');
    expect(await entriesOn(prep.id)).toHaveLength(2);
    // An admin may, as an admin may record.
    expect((await admin.workItem.reverseExpenditure({ id: entry.id, reason: 'Entered on the wrong PPA' })).amount).toBe('-300.00');
  });

  it('works on a locked budget, as recording does: the lock freezes allocations, not the ledger', async () => {
    const venue = stableId('ppa:mssd-livelihood:item:Preparation:Venue Booking');
    const livelihood = stableId('ppa:mssd-livelihood');
    const before = await planner.budget.allocationTree({ id: livelihood });
    expect(before.ppa.budgetLockedAt).not.toBeNull();
    const [first] = await planner.workItem.expenditures({ id: venue });
    const reversal = await planner.workItem.reverseExpenditure({ id: first!.id, reason: 'Venue invoice entered twice' });
    const after = await planner.budget.allocationTree({ id: livelihood });
    const delta = (tree: typeof before) => BigInt(nodeNamed(tree.tree!, 'Venue Booking').actual.replace('.', ''));
    expect(delta(before) - delta(after)).toBe(-BigInt(reversal.amount.replace('.', '')));
  });

  it('a second reversal that slips past the check meets the database’s rule, told in planner words', async () => {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Constraint words caravan' });
    const prep = nodeNamed(tree, 'Preparation');
    await obligate(planner, prep.id, '40');
    const entry = await planner.workItem.recordExpenditure({ id: prep.id, amount: '40', date: TODAY, description: 'Tape' });
    await planner.workItem.reverseExpenditure({ id: entry.id, reason: 'Wrong item' });
    const [row] = await entriesOn(prep.id).then((rows) => rows.filter((r) => r.reversesId));
    const error = await handle.db
      .insert(expenditureEntries)
      .values({ ...row!, id: undefined, reversalReason: 'Slipped past' })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(toAppError(error)?.message).toBe('This ledger entry has just been reversed by someone else; an entry is reversed only once. Reload the ledger.');
    const unsigned = await handle.db
      .insert(expenditureEntries)
      .values({ ...row!, id: undefined, reversesId: null, reversalReason: null })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(toAppError(unsigned)?.message).toBe('A ledger entry must be more than ₱0.00; only a reversal takes money out of the ledger.');
  });
});

describe('the tree’s ledger figures per kind', () => {
  it('match hand-computed obligations, disbursements, rates and unobligated balances, reversals netted out', async () => {
    // ₱1,000,000.00 activity: Preparation ₱150,000.00, Execution ₱750,000.00, Completion & Reporting ₱100,000.00.
    const { ppaId, tree } = await newSpendablePpa(handle.db, planner, { allocation: '1000000', title: 'Hand-computed ledger caravan' });
    const prep = nodeNamed(tree, 'Preparation').id;
    const exec = nodeNamed(tree, 'Execution').id;
    const record = (id: string, kind: 'obligation' | 'disbursement', amount: string) =>
      planner.workItem.recordExpenditure({ id, kind, amount, date: TODAY, description: `${kind} ${amount}` });
    await record(prep, 'obligation', '120000');
    await record(prep, 'disbursement', '100000');
    const mistaken = await record(exec, 'obligation', '600000');
    await planner.workItem.reverseExpenditure({ id: mistaken.id, reason: 'Wrong contract amount' });
    await record(exec, 'obligation', '500000');
    await record(exec, 'disbursement', '250000.50');

    const { ppa, tree: rolled } = await viewer.budget.allocationTree({ id: ppaId });
    const figures = (title: string) => {
      const n = nodeNamed(rolled!, title);
      return [n.allocated, n.obligations, n.disbursements, n.actual, n.obligationRate, n.disbursementRate, n.unobligated, n.utilisation, n.remaining];
    };
    expect(figures('Preparation')).toEqual(['150000.00', '120000.00', '100000.00', '100000.00', 80, 83.33, '30000.00', 66.67, '50000.00']);
    // 250,000.50 ÷ 500,000 = 50.0001 % → 50
    expect(figures('Execution')).toEqual(['750000.00', '500000.00', '250000.50', '250000.50', 66.67, 50, '250000.00', 33.33, '499999.50']);
    expect(figures('Completion & Reporting')).toEqual(['100000.00', '0.00', '0.00', '0.00', 0, null, '100000.00', 0, '100000.00']);
    // 350,000.50 ÷ 620,000 = 56.4517… %
    expect(figures(rolled!.title)).toEqual(['1000000.00', '620000.00', '350000.50', '350000.50', 62, 56.45, '380000.00', 35, '649999.50']);
    expect(ppa).toMatchObject({
      budgetAllocation: '1000000.00',
      obligations: '620000.00',
      disbursements: '350000.50',
      obligationRate: 62,
      disbursementRate: 56.45,
      unobligated: '380000.00',
    });

    // The same figures over REST.
    const res = await rest('GET', `/ppas/${ppaId}/budget-allocation-tree`);
    const body = (await res.json()) as { tree: { obligations: string; disbursements: string; unobligated: string } };
    expect([body.tree.obligations, body.tree.disbursements, body.tree.unobligated]).toEqual(['620000.00', '350000.50', '380000.00']);

    // And in the tree's exports: obligations, both rates and the unobligated balance after the existing columns.
    const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
    const csv = (await (await handleAllocationExport(handle.db, plannerViewer, ppaId, 'csv')).text()).split('\r\n');
    expect(csv[0]!.split(',').slice(-8, -3)).toEqual(['Budget status', 'Obligations', 'Obligation rate %', 'Disbursement rate %', 'Unobligated']);
    expect(csv[1]!.split(',').slice(5, 7)).toEqual(['1000000.00', '350000.50']);
    expect(csv[1]!.split(',').slice(-7, -3)).toEqual(['620000.00', '62', '56.45', '380000.00']);
    expect(csv[2]!.split(',').slice(-7, -3)).toEqual(['120000.00', '80', '83.33', '30000.00']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await handleAllocationExport(handle.db, plannerViewer, ppaId, 'xlsx')).arrayBuffer());
    const project = workbook.getWorksheet('Allocation tree')!.getRow(4);
    expect([12, 13, 14, 15].map((c) => project.getCell(c).value)).toEqual([620000, 62, 56.45, 380000]);
    expect(project.getCell(12).numFmt).toContain('₱');
  });
});
