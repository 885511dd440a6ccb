import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetTransfers, planObligationTargets, planVersions, ppas } from '@/db/schema';
import type { PlanResponse } from '@/server/contracts/plans';
import { handleRestRequest, openApiDocument } from '@/server/http/rest-handler';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, nodeNamed } from '@/test/trees';
import { callerFor, demoApiToken } from '@/test/viewers';

let handle: TestDatabase;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let planner: Caller;
let head: Caller;
let reviewer: Caller;
let viewer: Caller;
let mafarPlanner: Caller;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  head = await callerFor(handle.db, 'head.mssd@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  viewer = await callerFor(handle.db, 'viewer@example.org');
  mafarPlanner = await callerFor(handle.db, 'planner.mafar@example.org');
});
afterAll(() => handle.close());

const zeros = (n: number) => Array.from({ length: n }, () => '0');

/** A fresh MSSD PPA (₱5,000,000.00, MOOE) with balanced plans, its budget and plan version 1 locked. */
async function lockedPpaWithPlan(title: string) {
  const made = await newSpendablePpa(handle.db, planner, { allocation: '5000000', title });
  await handle.db.update(ppas).set({ budgetLockedAt: new Date(), appropriationClass: 'MOOE' }).where(eq(ppas.id, made.ppaId));
  await handle.db.update(planVersions).set({ lockedAt: new Date() }).where(eq(planVersions.ppaId, made.ppaId));
  const plan = await planner.plan.get({ id: made.ppaId });
  return { ppaId: made.ppaId, plan, prep: nodeNamed(made.tree, 'Preparation').id, exec: nodeNamed(made.tree, 'Execution').id };
}

const indicatorsOf = (plan: PlanResponse) =>
  plan.indicators.map((i) => ({
    key: i.key,
    name: i.name,
    unit: i.unit,
    annualTarget: i.annualTarget,
    quarterTargets: i.quarterTargets,
    workItemId: i.workItemId,
  }));
/** The whole year obligated in Q1 in MOOE: balanced against ₱5,000,000.00, a change within one class. */
const allInQ1 = [{ allotmentClass: 'MOOE' as const, obligations: ['5000000', '0', '0', '0'], disbursements: zeros(12) }];
/** ₱400,000.00 of targets moved from MOOE to CO: a change across classes. */
const someToCapital = [
  { allotmentClass: 'MOOE' as const, obligations: ['4600000', '0', '0', '0'], disbursements: zeros(12) },
  { allotmentClass: 'CO' as const, obligations: ['0', '400000', '0', '0'], disbursements: zeros(12) },
];
const q1Of = async (versionId: string) =>
  (
    await handle.db
      .select()
      .from(planObligationTargets)
      .where(and(eq(planObligationTargets.versionId, versionId), eq(planObligationTargets.quarter, 1)))
  ).map((r) => r.amount);

describe('a request that carries only a plan revision', () => {
  it('goes to the MOA head when it stays within one class; approval locks version 2 as the plan and keeps version 1', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Revision within class caravan');
    const original = plan.version!;
    const originalQ1 = await q1Of(original.id);

    const { id } = await planner.modification.create({
      ppaId,
      lines: [],
      justification: 'Procurement moved to Q1.',
      planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) },
    });
    const draft = await planner.modification.get({ id });
    expect(draft.planRevision).toMatchObject({ version: 2, basedOnVersion: 1, applied: false, problems: [], classShift: '0.00' });
    expect(draft.preview).toMatchObject({ problems: [], route: 'moa_head' });
    // A drafted revision is never the plan shown.
    expect((await planner.plan.get({ id: ppaId })).version!.id).toBe(original.id);

    await planner.modification.submit({ id });
    expect(await head.modification.get({ id })).toMatchObject({ status: 'submitted', route: 'moa_head', awaitingRole: 'moa_head' });
    expect((await planner.plan.get({ id: ppaId })).classes[0]!.obligations[0]).toBe(plan.classes[0]!.obligations[0]);

    expect(await head.modification.decide({ id, decision: 'approve' })).toEqual({ id, status: 'approved' });
    const after = await planner.plan.get({ id: ppaId });
    expect(after.version).toMatchObject({ version: 2, basedOnId: original.id, lockedAt: expect.any(String) });
    expect(after.classes).toEqual([
      { allotmentClass: 'MOOE', obligations: ['5000000.00', '0.00', '0.00', '0.00'], disbursements: zeros(12).map(() => '0.00') },
    ]);
    expect(after.indicators.map((i) => i.key)).toEqual(plan.indicators.map((i) => i.key));
    expect(after.editable).toBe(false);
    expect(await q1Of(original.id)).toEqual(originalQ1);
    expect((await planner.modification.get({ id })).planRevision).toMatchObject({ version: 2, applied: true });
    expect(await handle.db.select().from(budgetTransfers).where(eq(budgetTransfers.requestId, id))).toEqual([]);

    const summaries = (await planner.history.ppa({ id: ppaId })).entries.map((e) => e.summary);
    expect(summaries).toContain('Drafted plan version 2 as the plan revision of a modification request');
    expect(summaries).toContain('Applied plan version 2 (revising version 1) with its approved modification request');
    // Direct edits stay refused after the lock; the revision path is the way.
    expect((await refusal(planner.plan.saveFinancialPlan({ id: ppaId, classes: allInQ1 }))).message).toContain(
      'plan revision, carried by a modification request',
    );
  });

  it('goes to MFBM when it moves targets across classes, not to the MOA head', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Revision across classes caravan');
    const { id } = await planner.modification.create({
      ppaId,
      lines: [],
      justification: 'A generator instead of rentals.',
      planRevision: { classes: someToCapital, indicators: indicatorsOf(plan) },
    });
    expect((await planner.modification.get({ id })).planRevision!.classShift).toBe('400000.00');
    await planner.modification.submit({ id });
    expect(await reviewer.modification.get({ id })).toMatchObject({ route: 'mfbm', needsExecutive: false, awaitingRole: 'mfbm_reviewer' });
    expect((await refusal(head.modification.decide({ id, decision: 'approve' }))).code).toBe('FORBIDDEN');
    await reviewer.modification.decide({ id, decision: 'approve' });
    expect((await planner.plan.get({ id: ppaId })).classes.map((c) => c.allotmentClass)).toEqual(['MOOE', 'CO']);
  });
});

describe('a request with lines and a revision', () => {
  it('posts the transfers and applies the revision in one approval', async () => {
    const { ppaId, plan, prep, exec } = await lockedPpaWithPlan('Lines and revision caravan');
    const lines = [{ fromWorkItemId: prep, toWorkItemId: exec, amount: '100000' }];
    const preview = await planner.modification.preview({ ppaId, lines, planRevisionClasses: someToCapital });
    expect(preview.route).toBe('mfbm');
    const { id } = await planner.modification.create({
      ppaId,
      lines,
      justification: 'Both.',
      planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) },
    });
    await planner.modification.submit({ id });
    expect((await head.modification.get({ id })).route).toBe('moa_head');
    await head.modification.decide({ id, decision: 'approve' });
    expect((await handle.db.select().from(budgetTransfers).where(eq(budgetTransfers.requestId, id))).length).toBeGreaterThan(0);
    expect((await planner.plan.get({ id: ppaId })).version!.version).toBe(2);
  });
});

describe('a revision not applied', () => {
  it('rejected: the plan stays version 1 and the draft version is gone', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Rejected revision caravan');
    const { id } = await planner.modification.create({
      ppaId,
      lines: [],
      justification: 'Try.',
      planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) },
    });
    await planner.modification.submit({ id });
    await head.modification.decide({ id, decision: 'reject', comment: 'Keep the quarterly spread.' });
    const after = await planner.plan.get({ id: ppaId });
    expect(after.version!.id).toBe(plan.version!.id);
    expect(after.classes).toEqual(plan.classes);
    expect((await handle.db.select().from(planVersions).where(eq(planVersions.ppaId, ppaId))).map((v) => v.version)).toEqual([1]);
    expect((await planner.history.ppa({ id: ppaId })).entries.map((e) => e.summary)).toContain(
      'Dropped plan version 2, a plan revision its modification request no longer carries (rejected, withdrawn or removed)',
    );
  });

  it('returned: the draft stays with the request to be edited; withdrawn: it is dropped and another request may revise', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Returned revision caravan');
    const revision = { classes: allInQ1, indicators: indicatorsOf(plan) };
    const { id } = await planner.modification.create({ ppaId, lines: [], justification: 'Try.', planRevision: revision });
    // One pending revision per PPA: a second request cannot carry another.
    const second = await refusal(planner.modification.create({ ppaId, lines: [], justification: 'Another.', planRevision: revision }));
    expect([second.code, second.message]).toEqual(['CONFLICT', expect.stringContaining('already carries a plan revision')]);
    await planner.modification.submit({ id });
    await head.modification.decide({ id, decision: 'return', comment: 'Spread Q1 and Q2.' });
    expect((await planner.modification.get({ id })).planRevision).toMatchObject({ version: 2, applied: false });
    expect((await planner.plan.get({ id: ppaId })).version!.version).toBe(1);

    await planner.modification.withdraw({ id });
    expect((await planner.modification.get({ id })).planRevision).toBeNull();
    const next = await planner.modification.create({ ppaId, lines: [], justification: 'Again.', planRevision: revision });
    expect((await planner.modification.get({ id: next.id })).planRevision).toMatchObject({ version: 2, basedOnVersion: 1 });
  });
});

describe('a revision that does not balance', () => {
  it('is refused at submit, and again at approval if it stopped balancing; nothing is applied', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Unbalanced revision caravan');
    const short = [{ allotmentClass: 'MOOE' as const, obligations: ['4999999.99', '0', '0', '0'], disbursements: zeros(12) }];
    const { id } = await planner.modification.create({
      ppaId,
      lines: [],
      justification: 'Short.',
      planRevision: { classes: short, indicators: indicatorsOf(plan) },
    });
    expect((await planner.modification.get({ id })).planRevision!.problems[0]).toContain('₱0.01 less than the allocation');
    const atSubmit = await refusal(planner.modification.submit({ id }));
    expect([atSubmit.code, atSubmit.message]).toEqual(['CONFLICT', expect.stringContaining('₱0.01 less than the allocation of ₱5,000,000.00')]);

    await planner.modification.update({ id, lines: [], justification: 'Balanced now.', planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) } });
    await planner.modification.submit({ id });
    // The draft changes under the request after submission (no use case does this; the approval must still check).
    const draft = (await handle.db.select().from(planVersions).where(eq(planVersions.modificationRequestId, id)))[0]!;
    await handle.db
      .update(planObligationTargets)
      .set({ amount: '4000000.00' })
      .where(and(eq(planObligationTargets.versionId, draft.id), eq(planObligationTargets.quarter, 1)));
    const atApproval = await refusal(head.modification.decide({ id, decision: 'approve' }));
    expect([atApproval.code, atApproval.message]).toEqual([
      'CONFLICT',
      expect.stringContaining('can no longer be approved as it stands: Revised Financial Plan'),
    ]);
    expect((await planner.plan.get({ id: ppaId })).version!.version).toBe(1);
    expect((await head.modification.get({ id })).status).toBe('submitted');
  });

  it('is refused when another version became the plan in force after it was drafted (it revises an old plan)', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Stale revision caravan');
    const { id } = await planner.modification.create({
      ppaId,
      lines: [],
      justification: 'Stale.',
      planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) },
    });
    // No use case makes this happen while a revision is pending; the submission must not trust that.
    await handle.db.insert(planVersions).values({ ppaId, version: 3, basedOnId: plan.version!.id, lockedAt: new Date() });
    const stale = await refusal(planner.modification.submit({ id }));
    expect([stale.code, stale.message]).toEqual(['CONFLICT', expect.stringContaining('has been revised since this revision was drafted')]);
  });

  it('refuses a revision with bad indicator targets before anything is written', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Bad indicator revision caravan');
    const bad = indicatorsOf(plan).map((i) => ({ ...i, quarterTargets: ['1', '1', '1', '1'] }));
    const refused = await refusal(
      planner.modification.create({ ppaId, lines: [], justification: 'Bad.', planRevision: { classes: allInQ1, indicators: bad } }),
    );
    expect(refused.code).toBe('BAD_REQUEST');
    const elsewhere = indicatorsOf(plan).map((i) => ({ ...i, workItemId: '00000000-0000-4000-8000-000000000000' }));
    const tied = await refusal(
      planner.modification.create({ ppaId, lines: [], justification: 'Tied elsewhere.', planRevision: { classes: allInQ1, indicators: elsewhere } }),
    );
    expect([tied.code, tied.message]).toEqual(['BAD_REQUEST', expect.stringContaining('work item of the same PPA')]);
    expect(await handle.db.select().from(planVersions).where(eq(planVersions.ppaId, ppaId))).toHaveLength(1);
  });

  it('refuses a request that carries neither lines nor a revision', async () => {
    const { ppaId } = await lockedPpaWithPlan('Empty request caravan');
    expect((await refusal(planner.modification.create({ ppaId, lines: [], justification: 'Nothing.' }))).code).toBe('BAD_REQUEST');
  });
});

describe('who may carry a revision', () => {
  it('another MOA’s planner does not see the PPA; a viewer and the MOA head cannot draft one; nothing is written', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Guarded revision caravan');
    const input = { ppaId, lines: [], justification: 'Not mine.', planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) } };
    expect((await refusal(mafarPlanner.modification.create(input))).code).toBe('NOT_FOUND');
    expect((await refusal(viewer.modification.create(input))).code).toBe('FORBIDDEN');
    expect((await refusal(head.modification.create(input))).code).toBe('FORBIDDEN');
    expect(await handle.db.select().from(planVersions).where(eq(planVersions.ppaId, ppaId))).toHaveLength(1);
  });

  it('a direct plan change cannot write into a pending revision, even with the budget unlocked', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('Unlocked revision caravan');
    await planner.modification.create({ ppaId, lines: [], justification: 'Pending.', planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) } });
    await handle.db.update(ppas).set({ budgetLockedAt: null }).where(eq(ppas.id, ppaId));
    const direct = await refusal(planner.plan.saveFinancialPlan({ id: ppaId, classes: allInQ1 }));
    expect([direct.code, direct.message]).toEqual(['CONFLICT', expect.stringContaining('carries a revision of this plan')]);
  });
});

describe('over REST', () => {
  it('creates a request carrying a revision, shows it on the request, and the OpenAPI document describes it', async () => {
    const { ppaId, plan } = await lockedPpaWithPlan('REST revision caravan');
    const token = await demoApiToken(handle.db, 'planner@example.org');
    const call = (path: string, init: RequestInit = {}) =>
      handleRestRequest(
        new Request(`http://localhost/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }),
        handle.db,
      );
    const created = await call(`/ppas/${ppaId}/modifications`, {
      method: 'POST',
      body: JSON.stringify({ lines: [], justification: 'Over REST.', planRevision: { classes: allInQ1, indicators: indicatorsOf(plan) } }),
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as { id: string };
    const detail = (await (await call(`/modifications/${id}`)).json()) as { planRevision: { version: number; applied: boolean } };
    expect(detail.planRevision).toMatchObject({ version: 2, applied: false });

    const document = openApiDocument('http://localhost');
    expect(JSON.stringify(document.paths!['/ppas/{ppaId}/modifications']!.post!.requestBody)).toContain('planRevision');
    expect(JSON.stringify(document.paths!['/modifications/{id}']!.get!.responses)).toContain('planRevision');
  });
});
