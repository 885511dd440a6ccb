import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, auditLog, planAlertQuarters, planIndicators, planObligationTargets, planVersions, ppas } from '@/db/schema';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { giveBalancedPlans, TEST_INDICATOR } from '@/test/plans';
import { refusal } from '@/test/refusal';
import { newTrackedPpa } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { inProcessSteps, scheduledJob } from '../automation/scheduled-jobs';
import { recordAccomplishment } from './accomplishments';
import { raiseBehindPlanAlerts } from './behind-plan';
import { parsePesos } from '../../domain/money';
import { getPlan } from './read-plan';
import { portfolioSCurve } from './portfolio-curve';

let handle: TestDatabase;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let planner: Caller;
let otherPlanner: Caller;
let reviewer: Caller;
let viewer: Caller;
let admin: Caller;

const LIVELIHOOD = stableId('ppa:mssd-livelihood');
const zeros = (n: number) => Array.from({ length: n }, () => '0');

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  otherPlanner = await callerFor(handle.db, 'planner.mafar@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  viewer = await callerFor(handle.db, 'viewer@example.org');
  admin = await callerFor(handle.db, 'admin@example.org');
});
afterAll(() => handle.close());

/** A new MSSD PPA in technical review with ₱1,000,000.00 and its default plan, ready for everything but the plans. */
async function inTechnicalReview(title: string) {
  const { ppaId } = await newTrackedPpa(planner, { allocation: '1000000', title });
  await planner.ppa.update({ id: ppaId, appropriationClass: 'MOOE', fundingSource: 'GAAB' });
  await planner.ppa.transition({ id: ppaId, to: 'technical_review' });
  return ppaId;
}

const plan = (obligations: string[], disbursements = zeros(12)) => [{ allotmentClass: 'MOOE' as const, obligations, disbursements }];

describe('budget review and the plans', () => {
  it('is refused without a Financial Plan and an indicator, naming both; allowed once they hold', async () => {
    const id = await inTechnicalReview('Plans gate caravan');
    const none = await refusal(reviewer.ppa.transition({ id, to: 'budget_review' }));
    expect(none.code).toBe('CONFLICT');
    expect(none.message).toContain('Enter the Financial Plan');
    expect(none.message).toContain('Add at least one output indicator');
    expect((await reviewer.ppa.get({ id })).nextStages).toEqual(['rejected']);

    await planner.plan.saveFinancialPlan({ id, classes: plan(['400000', '300000', '200000', '100000']) });
    const noIndicator = await refusal(reviewer.ppa.transition({ id, to: 'budget_review' }));
    expect(noIndicator.message).not.toContain('Enter the Financial Plan');
    expect(noIndicator.message).toContain('Add at least one output indicator');

    await planner.plan.saveIndicators({ id, indicators: [TEST_INDICATOR] });
    expect((await reviewer.ppa.transition({ id, to: 'budget_review' })).approvalStage).toBe('budget_review');
  });

  it('is refused again when the allocation changes after the plan was made: the plan no longer balances', async () => {
    const id = await inTechnicalReview('Allocation moved caravan');
    await giveBalancedPlans(planner, id);
    await planner.ppa.update({ id, budgetCeiling: '1100000', budgetAllocation: '1100000' });
    const moved = await refusal(reviewer.ppa.transition({ id, to: 'budget_review' }));
    expect(moved.message).toContain('₱100,000.00 less than the allocation of ₱1,100,000.00');
    expect((await planner.plan.get({ id })).problems.map((p) => p.field)).toEqual(['classes']);
  });
});

describe('saving the Financial Plan', () => {
  it('refuses a plan one centavo off the allocation, or paying ahead of obligations, and writes nothing', async () => {
    const id = await inTechnicalReview('Centavo check caravan');
    const off = await refusal(planner.plan.saveFinancialPlan({ id, classes: plan(['400000', '300000', '200000', '99999.99']) }));
    expect([off.code, off.message]).toEqual(['BAD_REQUEST', expect.stringContaining('₱0.01 less than the allocation of ₱1,000,000.00')]);
    const early = zeros(12);
    early[1] = '400000.01';
    const ahead = await refusal(planner.plan.saveFinancialPlan({ id, classes: plan(['400000', '300000', '200000', '100000'], early) }));
    expect(ahead.message).toContain('by the end of Feb the plan disburses ₱400,000.01, more than the ₱400,000.00');
    const negative = await refusal(planner.plan.saveFinancialPlan({ id, classes: plan(['-1', '300000', '200000', '100000']) }));
    expect(negative.code).toBe('BAD_REQUEST');
    expect(await handle.db.select().from(planVersions).where(eq(planVersions.ppaId, id))).toEqual([]);
  });

  it('is for the PPA’s own planners and admins only: another MOA’s planner does not find it, others may not', async () => {
    const id = await inTechnicalReview('Who plans caravan');
    const body = { id, classes: plan(['1000000', '0', '0', '0']) };
    expect((await refusal(otherPlanner.plan.saveFinancialPlan(body))).code).toBe('NOT_FOUND');
    expect((await refusal(otherPlanner.plan.get({ id }))).code).toBe('NOT_FOUND');
    expect((await refusal(viewer.plan.saveFinancialPlan(body))).code).toBe('FORBIDDEN');
    expect((await refusal(reviewer.plan.saveIndicators({ id, indicators: [TEST_INDICATOR] }))).code).toBe('FORBIDDEN');
    expect((await admin.plan.saveFinancialPlan(body)).classes[0]!.obligations).toEqual(['1000000.00', '0.00', '0.00', '0.00']);
    expect((await viewer.plan.get({ id })).editable).toBe(false);
  });

  it('proposes a balanced spread from the work items, which saves as it is', async () => {
    const id = await inTechnicalReview('Proposal caravan');
    const { classes } = await planner.plan.proposeFinancialPlan({ id });
    const saved = await planner.plan.saveFinancialPlan({ id, classes });
    expect(saved.problems.map((p) => p.field)).toEqual(['indicators']);
    expect(saved.sCurve.at(-1)!.plannedObligations).toBe('1000000.00');
  });

  it('refuses indicators whose quarters do not add up to the year, or tied to another PPA’s work item', async () => {
    const id = await inTechnicalReview('Indicator check caravan');
    const uneven = await refusal(planner.plan.saveIndicators({ id, indicators: [{ ...TEST_INDICATOR, quarterTargets: ['25', '25', '25', '24'] }] }));
    expect(uneven.message).toContain('add up to 99, not the annual target of 100');
    const livelihoodItem = stableId('ppa:mssd-livelihood:item:Execution');
    const elsewhere = await refusal(planner.plan.saveIndicators({ id, indicators: [{ ...TEST_INDICATOR, workItemId: livelihoodItem }] }));
    expect(elsewhere.message).toContain('same PPA');
    const unknown = await refusal(planner.plan.saveIndicators({ id, indicators: [{ ...TEST_INDICATOR, key: stableId('nowhere') }] }));
    expect(unknown.code).toBe('BAD_REQUEST');
  });
});

describe('the lock with the budget, and versions', () => {
  it('locks the plan when the PPA leaves budget review; the database keeps it; an unlock starts version 2 and keeps the original', async () => {
    const id = await inTechnicalReview('Versioned caravan');
    await giveBalancedPlans(planner, id);
    await reviewer.ppa.transition({ id, to: 'budget_review' });
    await reviewer.ppa.transition({ id, to: 'executive_approval' });
    const locked = await planner.plan.get({ id });
    expect(locked.version).toMatchObject({ version: 1, lockedAt: expect.any(String) });
    expect(locked.editable).toBe(false);

    const change = await refusal(planner.plan.saveFinancialPlan({ id, classes: plan(['1000000', '0', '0', '0']) }));
    expect([change.code, change.message]).toEqual(['CONFLICT', expect.stringContaining('plan revision, carried by a modification request')]);
    expect((await refusal(planner.plan.saveIndicators({ id, indicators: [] }))).code).toBe('CONFLICT');
    // Even a direct write cannot change a locked version.
    const original = locked.version!.id;
    await expect(handle.db.update(planObligationTargets).set({ amount: '1.00' }).where(eq(planObligationTargets.versionId, original))).rejects.toThrow();
    await expect(handle.db.delete(planIndicators).where(eq(planIndicators.versionId, original))).rejects.toThrow();
    await expect(handle.db.update(planVersions).set({ lockedAt: null }).where(eq(planVersions.id, original))).rejects.toThrow();

    await admin.budget.unlockBudget({ id, reason: 'Typhoon re-programming' });
    const revised = await planner.plan.saveFinancialPlan({ id, classes: plan(['500000', '500000', '0', '0']) });
    expect(revised.versions.map((v) => [v.version, v.basedOnId === original, v.lockedAt !== null])).toEqual([
      [1, false, true],
      [2, true, false],
    ]);
    expect(revised.indicators.map((i) => i.name)).toEqual([TEST_INDICATOR.name]);
    const kept = await handle.db
      .select()
      .from(planObligationTargets)
      .where(and(eq(planObligationTargets.versionId, original), eq(planObligationTargets.quarter, 1)));
    expect(kept[0]!.amount).toBe('1000000.00');
    expect(revised.classes[0]!.obligations[0]).toBe('500000.00');
    await admin.budget.lockBudget({ id, reason: 'Revision settled' });
    expect((await planner.plan.get({ id })).version).toMatchObject({ version: 2, lockedAt: expect.any(String) });

    const history = await planner.history.ppa({ id });
    expect(history.entries.map((e) => e.summary)).toContain('Locked plan version 1 with the budget');
    const actions = (
      await handle.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.ppaId, id), eq(auditLog.entityType, 'plan')))
        .orderBy(auditLog.createdAt)
    ).map((a) => a.action);
    expect(actions).toEqual(['save_financial_plan', 'save_indicators', 'lock', 'revise', 'save_financial_plan', 'lock']);
  });

  it('goes with its PPA: deleting a PPA deletes its locked plan too', async () => {
    const id = await inTechnicalReview('Deleted caravan');
    await giveBalancedPlans(planner, id);
    await handle.db.update(planVersions).set({ lockedAt: new Date() }).where(eq(planVersions.ppaId, id));
    await handle.db.delete(ppas).where(eq(ppas.id, id));
    expect(await handle.db.select().from(planVersions).where(eq(planVersions.ppaId, id))).toEqual([]);
  });
});

describe('accomplishments', () => {
  const seededIndicator = stableId('ppa:mssd-livelihood:indicator:OBC women trained');
  const at = new Date('2026-12-01T09:00:00+08:00');

  it('asks for an explanation when a quarter falls more than 15% short, and keeps it', async () => {
    const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
    const short = recordAccomplishment({
      db: handle.db,
      viewer: plannerViewer,
      input: { id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 4, accomplished: '84.99' },
      now: at,
    });
    await expect(short).rejects.toThrow('84.99 of 100 persons is 85% of the Q4 target, more than 15% short: explain the shortfall.');
    const ok = await recordAccomplishment({
      db: handle.db,
      viewer: plannerViewer,
      input: { id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 4, accomplished: '85' },
      now: at,
    });
    expect(ok.indicators[0]!.accomplishments.find((a) => a.quarter === 4)).toMatchObject({ accomplished: '85.00', explanation: null });
    const explained = await recordAccomplishment({
      db: handle.db,
      viewer: plannerViewer,
      input: { id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 4, accomplished: '60', explanation: 'Last batch moved to January.' },
      now: at,
    });
    expect(explained.indicators[0]!.accomplishments.find((a) => a.quarter === 4)).toMatchObject({
      accomplished: '60.00',
      explanation: 'Last batch moved to January.',
    });
    expect(explained.quarters[3]).toMatchObject({ indicatorsMet: 0, indicatorsReported: 1, indicatorsWithTarget: 2 });
    expect(explained.quarters[1]).toMatchObject({ indicatorsMet: 1, indicatorsReported: 2, indicatorsWithTarget: 2 });
  });

  it('refuses a quarter not yet begun, an unknown indicator, another MOA and a viewer', async () => {
    const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
    const early = recordAccomplishment({
      db: handle.db,
      viewer: plannerViewer,
      input: { id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 4, accomplished: '100' },
      now: new Date('2026-09-30T23:00:00+08:00'),
    });
    await expect(early).rejects.toThrow('Q4 2026 has not begun yet');
    expect((await refusal(otherPlanner.plan.recordAccomplishment({ id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 1, accomplished: '1' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(viewer.plan.recordAccomplishment({ id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 1, accomplished: '1' }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(planner.plan.recordAccomplishment({ id: LIVELIHOOD, indicatorKey: stableId('nowhere'), quarter: 1, accomplished: '1' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(planner.plan.recordAccomplishment({ id: LIVELIHOOD, indicatorKey: seededIndicator, quarter: 5, accomplished: '1' }))).code).toBe(
      'BAD_REQUEST',
    );
  });
});

describe('planned against actual on the seeded Livelihood Training', () => {
  it('draws the S-curve and quarter cards from the plan and the ledger, to the centavo', async () => {
    const reviewerViewer = await demoViewer(handle.db, 'reviewer@example.org');
    const view = await getPlan({ db: handle.db, viewer: reviewerViewer, ppaId: LIVELIHOOD, now: new Date('2026-07-15T09:00:00+08:00') });
    expect(view.problems).toEqual([]);
    expect(view.sCurve[5]).toEqual({
      month: 6,
      plannedObligations: '3250000.00',
      plannedDisbursements: '2200000.00',
      actualObligations: '2842500.00',
      actualDisbursements: '1647500.00',
    });
    expect(view.sCurve[6]!.actualObligations).toBe('2842500.00');
    expect(view.sCurve[7]!.actualObligations).toBeNull();
    expect(view.quarters.slice(0, 2).map((q) => [q.quarter, q.closed, q.obligationTarget, q.obligations, q.obligationPercent])).toEqual([
      [1, true, '750000.00', '550000.00', 73.33],
      [2, true, '2500000.00', '2292500.00', 91.7],
    ]);
    expect(view.quarters[2]!.closed).toBe(false);
  });
});

describe('the portfolio’s S-curve', () => {
  it('adds up the counted PPAs’ plans, and its actual lines end at the dashboard’s own totals', async () => {
    const reviewerViewer = await demoViewer(handle.db, 'reviewer@example.org');
    const after = new Date('2027-01-15T09:00:00+08:00');
    const curve = await portfolioSCurve({ db: handle.db, viewer: reviewerViewer, fiscalYear: 2026, filters: { moaCode: 'MSSD' }, now: after });
    const portfolio = await reviewer.portfolio.get({ fiscalYear: 2026, moa: 'MSSD' });
    const counted = await reviewer.ppa.list({ fiscalYear: 2026, moa: 'MSSD', limit: 100 });
    expect(curve.ppaCount).toBe(
      counted.items.filter((p) => ['stakeholder_consultation', 'executive_approval', 'approved', 'enacted'].includes(p.approvalStage)).length,
    );
    expect(curve.withPlan).toBe(curve.ppaCount);
    expect(curve.sCurve.at(-1)!.actualObligations).toBe(portfolio.totals.obligations);
    expect(curve.sCurve.at(-1)!.actualDisbursements).toBe(portfolio.totals.disbursements);
    // Every counted PPA's plan balances, so the planned obligations end at their allocations' sum.
    const countedItems = counted.items.filter((p) => ['stakeholder_consultation', 'executive_approval', 'approved', 'enacted'].includes(p.approvalStage));
    expect(parsePesos(curve.sCurve.at(-1)!.plannedObligations)).toBe(countedItems.reduce((sum, p) => sum + parsePesos(p.budgetAllocation!), 0n));
    const mafar = await demoViewer(handle.db, 'planner.mafar@example.org');
    expect((await portfolioSCurve({ db: handle.db, viewer: mafar, fiscalYear: 2026, filters: { moaCode: 'MSSD' } })).ppaCount).toBe(0);
  });
});

describe('the behind-plan alert of the 06:00 job', () => {
  const sixAm = (day: string) => new Date(`${day}T06:00:00+08:00`);
  const behind = () => handle.db.select().from(alerts).where(eq(alerts.type, 'behind_plan'));

  it('on the seeded data: nothing after Q2 2026; after Q3, Livelihood’s obligations and one indicator, once', async () => {
    await handle.db.delete(planAlertQuarters).where(sql`true`);
    await handle.db.delete(alerts).where(eq(alerts.type, 'behind_plan'));
    expect(await raiseBehindPlanAlerts(handle.db, sixAm('2026-07-01'))).toEqual({ checked: 1, raised: 0 });
    expect(await behind()).toEqual([]);

    const job = scheduledJob('daily-approval-bottlenecks');
    const result = (await job.run(handle.db, sixAm('2026-10-01'), inProcessSteps(handle.db), () => {})) as { behindPlan: { checked: number; raised: number } };
    expect(result.behindPlan).toEqual({ checked: 1, raised: 1 });
    const [alert] = await behind();
    expect(alert).toMatchObject({
      ppaId: LIVELIHOOD,
      severity: 'high',
      title: 'Livelihood Training for OBC Women is behind plan after Q3 2026',
      message:
        'Obligations to the end of Q3: ₱2,842,500.00 of ₱4,500,000.00 planned (63.17%, under 75%). OBC women trained: 230 of 300 persons planned to the end of Q3 (76.67%, under 85%).',
    });
    // Once per quarter: the next mornings raise nothing new.
    expect(await raiseBehindPlanAlerts(handle.db, sixAm('2026-10-02'))).toEqual({ checked: 0, raised: 0 });
    expect(await behind()).toHaveLength(1);
  });

  it('checks last year’s Q4 in January, for the PPAs of that fiscal year', async () => {
    await handle.db.delete(planAlertQuarters).where(sql`true`);
    await handle.db.delete(alerts).where(eq(alerts.type, 'behind_plan'));
    // FY 2025's executed PPAs have plans and no ledger: every one is behind on obligations after Q4.
    const result = await raiseBehindPlanAlerts(handle.db, sixAm('2026-01-02'));
    expect(result.raised).toBe(result.checked);
    expect(result.checked).toBeGreaterThan(0);
    const titles = (await behind()).map((a) => a.title);
    expect(titles.every((t) => t.endsWith('after Q4 2025'))).toBe(true);
    const [count] = await handle.db
      .select({ n: sql<number>`count(*)::int` })
      .from(planAlertQuarters)
      .where(eq(planAlertQuarters.quarter, 4));
    expect(count!.n).toBe(result.checked);
  });
});
