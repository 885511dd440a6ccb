import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { nodeNamed } from '@/test/trees';
import { callerFor, demoApiToken } from '@/test/viewers';
import type { HistoryEntry } from '../../contracts/history';
import { manilaDay } from '../../domain/schedule';
import { handleRestRequest } from '../../http/rest-handler';

/**
 * A PPA's history (GET /ppas/{id}/history): every kind of change the PPA's people make appears, in planner
 * words with old → new, newest first, page by page, for whoever may see the PPA and nobody else.
 */

let handle: TestDatabase;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let planner: Caller;
let admin: Caller;
let reviewer: Caller;
let ppaId: string;
let totalRows: number;
const TODAY = manilaDay(new Date());
const PLANNER = 'Norhaya Planner (MSSD)';

async function allEntries(caller: Caller, id: string, limit: number): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const result = await caller.history.ppa({ id, cursor, limit });
    expect(result.entries.length).toBeLessThanOrEqual(limit);
    entries.push(...result.entries);
    if (!result.nextCursor) return entries;
    cursor = result.nextCursor;
  }
  throw new Error('the history never ended');
}

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');

  const created = await planner.ppa.create({
    title: 'History of the Bangsamoro Women Caravan',
    category: 'activity',
    sector: 'social',
    fiscalYear: 2026,
    budgetCeiling: '1000000',
    budgetAllocation: '1000000',
    appropriationClass: 'MOOE',
    fundingSource: 'GAAB',
  });
  ppaId = created.id;
  const { tree } = await planner.budget.enableTracking({ id: ppaId, template: 'default' });
  const prep = nodeNamed(tree!, 'Preparation');
  const exec = nodeNamed(tree!, 'Execution');
  await planner.workItem.update({ id: prep.id, allocatedBudget: '140000' });
  for (const title of ['Cooking demonstrations', 'Feeding sessions']) await planner.workItem.add({ parentId: exec.id, title, workType: 'task' });
  await planner.budget.distribute({ id: ppaId, parentId: exec.id, mode: 'equal' });
  await planner.budget.undoDistribution({ id: ppaId, parentId: exec.id });
  await planner.ppa.transition({ id: ppaId, to: 'technical_review' });
  await giveBalancedPlans(planner, ppaId);
  await reviewer.ppa.transition({ id: ppaId, to: 'budget_review', comment: 'Costs check out.' });
  await reviewer.ppa.transition({ id: ppaId, to: 'executive_approval' });
  // Spending is recorded once the PPA is approved out of budget review.
  const obligation = await planner.workItem.recordExpenditure({
    id: prep.id,
    kind: 'obligation',
    amount: '120000',
    date: TODAY,
    description: 'Venue contract',
    referenceNo: 'ORS-2026-0042',
  });
  await planner.workItem.reverseExpenditure({ id: obligation.id, reason: 'Contract signed for another PPA' });
  await planner.workItem.recordExpenditure({
    id: prep.id,
    kind: 'obligation',
    amount: '150000',
    date: TODAY,
    description: 'Venue and meals contract',
    referenceNo: 'ORS-2026-0043',
  });
  await planner.workItem.recordExpenditure({ id: prep.id, amount: '150000', date: TODAY, description: 'Venue and meals', referenceNo: 'DV-0099' });
  const [alert] = await planner.alert.list({ ppaId, open: true });
  await planner.alert.acknowledge({ id: alert!.id });
  await reviewer.alert.acknowledge({ id: alert!.id }); // a repeat changes nothing, and is not history
  await planner.alert.resolve({ id: alert!.id });
  await admin.budget.unlockBudget({ id: ppaId, reason: 'Realignment approved by MFBM memo 12' });
  await admin.budget.lockBudget({ id: ppaId, reason: 'Realignment done' });
  totalRows = (await allEntries(planner, ppaId, 100)).length;
});
afterAll(() => handle.close());

describe('a PPA’s history', () => {
  it('shows every kind of change: who, what in planner words, old → new with amounts in pesos, and the reason', async () => {
    const entries = await allEntries(planner, ppaId, 100);
    const find = (summary: string) => {
      const found = entries.find((e) => e.summary === summary);
      expect(found, summary).toBeDefined();
      return found!;
    };
    expect(find('Created the PPA')).toMatchObject({
      actor: PLANNER,
      changes: expect.arrayContaining([{ label: 'Budget allocation', before: null, after: '₱1,000,000.00' }]),
    });
    expect(find('Enabled execution tracking with the default plan').changes).toEqual([
      { label: 'Project allocation', before: null, after: '₱1,000,000.00' },
      { label: 'Preparation', before: null, after: '₱150,000.00' },
      { label: 'Execution', before: null, after: '₱750,000.00' },
      { label: 'Completion & Reporting', before: null, after: '₱100,000.00' },
    ]);
    expect(find('Edited “Preparation”').changes).toEqual([{ label: 'Allocation', before: '₱150,000.00', after: '₱140,000.00' }]);
    expect(find('Added “Feeding sessions”').changes).toEqual([{ label: 'Type', before: null, after: 'task' }]);
    expect(find('Distributed the budget of “Execution” equally').changes).toEqual([
      { label: 'Cooking demonstrations', before: '₱0.00', after: '₱375,000.00' },
      { label: 'Feeding sessions', before: '₱0.00', after: '₱375,000.00' },
    ]);
    expect(find('Undid the last distribution under “Execution”').changes).toEqual([
      { label: 'Cooking demonstrations', before: '₱375,000.00', after: '₱0.00' },
      { label: 'Feeding sessions', before: '₱375,000.00', after: '₱0.00' },
    ]);
    expect(find('Recorded an obligation of ₱120,000.00 on “Preparation”').changes).toEqual([
      { label: 'Date', before: null, after: TODAY },
      { label: 'Description', before: null, after: 'Venue contract' },
      { label: 'Reference no.', before: null, after: 'ORS-2026-0042' },
    ]);
    expect(find('Reversed an obligation of ₱120,000.00 on “Preparation”')).toMatchObject({ actor: PLANNER, reason: 'Contract signed for another PPA' });
    expect(find('Recorded a disbursement of ₱150,000.00 on “Preparation”').changes).toContainEqual({ label: 'Reference no.', before: null, after: 'DV-0099' });
    expect(find('Acknowledged the alert “Preparation is over budget”').actor).toBe(PLANNER);
    expect(entries.filter((e) => e.action === 'acknowledge')).toHaveLength(1);
    expect(find('Resolved the alert “Preparation is over budget”').entityType).toBe('alert');
    expect(find('Submitted for review').changes).toEqual([{ label: 'Approval stage', before: 'draft', after: 'technical review' }]);
    const approvals = entries.filter((e) => e.summary === 'Approved');
    expect(approvals.map((e) => [e.actor, e.changes, e.reason])).toEqual([
      ['Farida Reviewer (MFBM)', [{ label: 'Approval stage', before: 'budget review', after: 'executive approval' }], null],
      ['Farida Reviewer (MFBM)', [{ label: 'Approval stage', before: 'technical review', after: 'budget review' }], 'Costs check out.'],
    ]);
    expect(find('Unlocked the budget')).toMatchObject({ actor: 'Amina Admin', reason: 'Realignment approved by MFBM memo 12' });
    expect(entries.filter((e) => e.summary === 'Locked the budget').map((e) => e.reason)).toEqual([
      'Realignment done',
      'Approved in budget review: budget review → executive approval',
    ]);
  });

  it('is newest first, and its pages together are every row once', async () => {
    const one = await allEntries(planner, ppaId, 100);
    const paged = await allEntries(planner, ppaId, 4);
    expect(paged.map((e) => e.id)).toEqual(one.map((e) => e.id));
    expect(new Set(paged.map((e) => e.id)).size).toBe(totalRows);
    const times = one.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(one[0]!.summary).toBe('Locked the budget');
    expect(one.at(-1)!.summary).toBe('Created the PPA');
    // The transition is written before the lock it sets off, so the lock reads as the later of the two.
    const lockIndex = one.findIndex((e) => e.reason?.startsWith('Approved in budget review'));
    expect(one[lockIndex + 1]!.changes).toEqual([{ label: 'Approval stage', before: 'budget review', after: 'executive approval' }]);
  });

  it('is for whoever may see the PPA: another MOA’s planner is told it does not exist', async () => {
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect((await refusal(mafar.history.ppa({ id: ppaId }))).code).toBe('NOT_FOUND');
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await viewer.history.ppa({ id: ppaId, limit: 2 })).entries).toHaveLength(2);
    const executive = await callerFor(handle.db, 'executive@example.org');
    expect((await executive.history.ppa({ id: ppaId, limit: 1 })).entries[0]!.summary).toBe('Locked the budget');
  });

  it('refuses a cursor that is not one of this PPA’s rows, and a page size out of range', async () => {
    const otherPpa = await planner.history.ppa({ id: stableId('ppa:mssd-livelihood'), limit: 1 });
    expect((await refusal(planner.history.ppa({ id: ppaId, cursor: '00000000-0000-4000-8000-000000000000' }))).message).toBe(
      'That cursor is not valid; start again from the first page.',
    );
    if (otherPpa.entries[0]) expect((await refusal(planner.history.ppa({ id: ppaId, cursor: otherPpa.entries[0].id }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.history.ppa({ id: ppaId, limit: 0 }))).code).toBe('BAD_REQUEST');
    expect((await refusal(planner.history.ppa({ id: ppaId, limit: 101 }))).code).toBe('BAD_REQUEST');
  });

  it('over REST: pages with ?limit= and ?cursor=, 400 for a bad page size, 404 for another MOA', async () => {
    const token = (email: string) => demoApiToken(handle.db, email, 'history');
    const get = (path: string, bearer: string) =>
      handleRestRequest(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${bearer}` } }), handle.db);
    const planners = await token('planner@example.org');
    const first = await get(`/ppas/${ppaId}/history?limit=3`, planners);
    expect(first.status).toBe(200);
    const page = (await first.json()) as { entries: HistoryEntry[]; nextCursor: string };
    expect(page.entries.map((e) => e.summary)).toEqual(['Locked the budget', 'Unlocked the budget', 'Resolved the alert “Preparation is over budget”']);
    const second = (await (await get(`/ppas/${ppaId}/history?limit=3&cursor=${page.nextCursor}`, planners)).json()) as { entries: HistoryEntry[] };
    expect(second.entries[0]!.summary).toBe('Acknowledged the alert “Preparation is over budget”');
    expect((await get(`/ppas/${ppaId}/history?limit=abc`, planners)).status).toBe(400);
    expect((await get(`/ppas/${ppaId}/history?limit=1000`, planners)).status).toBe(400);
    expect((await get(`/ppas/${ppaId}/history?cursor=nope`, planners)).status).toBe(400);
    expect((await get(`/ppas/${ppaId}/history`, await token('planner.mafar@example.org'))).status).toBe(404);
    expect((await get('/ppas/not-a-uuid/history', planners)).status).toBe(400);
  });
});
