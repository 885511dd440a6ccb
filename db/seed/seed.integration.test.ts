import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_INDICATOR } from '../../test/plans';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { prepareDatabase } from '../prepare';
import { alerts, approvalDecisions, auditLog, expenditureEntries, moas, ppas, users, workItems } from '../schema';
import { seedDemoData } from './seed';
import { DEMO_PPAS } from './demo-data';
import { verifyCredentials } from '../../server/services/auth/viewers';
import { APPROVAL_STAGES } from '../../server/domain/types';
import { disbursementProblem, spendingStageProblem } from '../../server/domain/ledger';
import { centavosOf } from '../../server/domain/money';
import { callerFor } from '../../test/viewers';
import { stableId } from './stable-id';

describe('demo data', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  async function counts() {
    const count = async (table: PgTable) => (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return {
      moas: await count(moas),
      users: await count(users),
      ppas: await count(ppas),
      approvals: await count(approvalDecisions),
      workItems: await count(workItems),
      expenditures: await count(expenditureEntries),
      alerts: await count(alerts),
      audit: await count(auditLog),
    };
  }

  it('seeds on an empty database through prepareDatabase, and only then', async () => {
    expect(await prepareDatabase(handle, { seedIfEmpty: true })).toEqual({ seeded: true });
    expect(await prepareDatabase(handle, { seedIfEmpty: true })).toEqual({ seeded: false });
  });

  it('is idempotent: a second seed changes nothing, and keeps planners’ own edits', async () => {
    const before = await counts();
    expect(before.ppas).toBe(DEMO_PPAS.length);
    const livelihoodId = (await handle.db.select({ id: ppas.id }).from(ppas).where(eq(ppas.title, 'Livelihood Training for OBC Women')))[0]!.id;
    await handle.db.update(ppas).set({ description: 'Edited by a planner' }).where(eq(ppas.id, livelihoodId));
    await seedDemoData(handle.db);
    expect(await counts()).toEqual(before);
    const [row] = await handle.db.select({ description: ppas.description }).from(ppas).where(eq(ppas.id, livelihoodId));
    expect(row?.description).toBe('Edited by a planner');
  });

  it('has one user per role who can sign in with the demo password', async () => {
    const roles = (await handle.db.select({ role: users.role }).from(users)).map((u) => u.role).sort();
    expect(new Set(roles)).toEqual(new Set(['admin', 'planner', 'mfbm_reviewer', 'executive', 'viewer', 'moa_head']));
    expect((await verifyCredentials(handle.db, 'planner@example.org', 'ppa-demo-2026'))?.role).toBe('planner');
  });

  it('puts MSSD and MAFAR PPAs in every approval stage, over several fiscal years', async () => {
    for (const code of ['MSSD', 'MAFAR']) {
      const stages = await handle.db.select({ stage: ppas.approvalStage }).from(ppas).innerJoin(moas, eq(moas.id, ppas.moaId)).where(eq(moas.code, code));
      expect(new Set(stages.map((s) => s.stage))).toEqual(new Set(APPROVAL_STAGES));
    }
    const years = await handle.db.selectDistinct({ fy: ppas.fiscalYear }).from(ppas);
    expect(years.length).toBeGreaterThanOrEqual(3);
  });

  it('builds the Livelihood Training tree of the roadmap mock-up, with spending and one overspend', async () => {
    const [ppa] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Livelihood Training for OBC Women'));
    expect(ppa).toMatchObject({ budgetAllocation: '5000000.00', approvalStage: 'enacted', status: 'ongoing' });
    expect(ppa!.budgetLockedAt).not.toBeNull();
    const items = await handle.db.select().from(workItems).where(eq(workItems.ppaId, ppa!.id)).orderBy(asc(workItems.sortOrder));
    const byTitle = new Map(items.map((i) => [i.title, i]));
    const [project] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, ppa!.id), isNull(workItems.parentId)));
    expect(project).toMatchObject({ allocatedBudget: '5000000.00', status: 'in_progress' });
    const childrenOf = (title: string) => items.filter((i) => i.parentId === byTitle.get(title)!.id).map((i) => [i.title, i.allocatedBudget]);
    expect(childrenOf('Livelihood Training for OBC Women')).toEqual([
      ['Preparation', '750000.00'],
      ['Execution', '3750000.00'],
      ['Completion & Reporting', '500000.00'],
    ]);
    expect(childrenOf('Preparation')).toEqual([
      ['Venue Booking', '300000.00'],
      ['Invitations', '450000.00'],
    ]);
    expect(childrenOf('Execution')).toEqual([['Training Sessions', '3750000.00']]);
    expect(childrenOf('Completion & Reporting')).toEqual([['M&E Report', '500000.00']]);

    const [venueSpent] = await handle.db
      .select({ total: sql<string>`sum(${expenditureEntries.amount})` })
      .from(expenditureEntries)
      .where(and(eq(expenditureEntries.workItemId, byTitle.get('Venue Booking')!.id), eq(expenditureEntries.kind, 'disbursement')));
    expect(venueSpent?.total).toBe('342500.00');
    const open = await handle.db.select().from(alerts).where(eq(alerts.ppaId, ppa!.id));
    expect(open.map((a) => [a.type, a.severity, a.workItemId])).toEqual([['overspending', 'high', byTitle.get('Venue Booking')!.id]]);
  });

  it('keeps the ledger rules: entries only on PPAs past budget review, recorded after the lock, every payment within its item’s obligations', async () => {
    const entries = await handle.db
      .select({ entry: expenditureEntries, stage: ppas.approvalStage, lockedAt: ppas.budgetLockedAt })
      .from(expenditureEntries)
      .innerJoin(ppas, eq(ppas.id, expenditureEntries.ppaId))
      .orderBy(asc(expenditureEntries.recordedAt));
    expect(entries.length).toBeGreaterThan(0);
    const ledgers = new Map<string, { obligations: bigint; disbursements: bigint }>();
    for (const { entry, stage, lockedAt } of entries) {
      expect(spendingStageProblem(stage), entry.description).toBeNull();
      expect(entry.recordedAt.getTime(), entry.description).toBeGreaterThan(lockedAt!.getTime());
      expect(entry.referenceNo, entry.description).toMatch(entry.kind === 'obligation' ? /^ORS-/ : /^DV-/);
      const ledger = ledgers.get(entry.workItemId) ?? { obligations: 0n, disbursements: 0n };
      const amount = centavosOf(entry.amount);
      if (entry.kind === 'disbursement') expect(disbursementProblem(ledger, amount), entry.description).toBeNull();
      ledgers.set(
        entry.workItemId,
        entry.kind === 'obligation' ? { ...ledger, obligations: ledger.obligations + amount } : { ...ledger, disbursements: ledger.disbursements + amount },
      );
    }
  });

  it('writes the demo’s past to the audit log as the app does, so each PPA’s history tells it', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const history = async (key: string) => (await planner.history.ppa({ id: stableId(`ppa:${key}`), limit: 100 })).entries;

    const livelihood = await history('mssd-livelihood');
    expect(livelihood.map((e) => [e.summary, e.actor])).toEqual([
      ['Recorded a disbursement of ₱1,125,000.00 on “Training Sessions”', 'Norhaya Planner (MSSD)'],
      ['Recorded an obligation of ₱2,250,000.00 on “Training Sessions”', 'Norhaya Planner (MSSD)'],
      ['Recorded a disbursement of ₱142,500.00 on “Venue Booking”', 'Norhaya Planner (MSSD)'],
      ['Recorded an obligation of ₱42,500.00 on “Venue Booking”', 'Norhaya Planner (MSSD)'],
      ['Recorded a disbursement of ₱180,000.00 on “Invitations”', 'Norhaya Planner (MSSD)'],
      ['Recorded an obligation of ₱250,000.00 on “Invitations”', 'Norhaya Planner (MSSD)'],
      ['Recorded a disbursement of ₱200,000.00 on “Venue Booking”', 'Norhaya Planner (MSSD)'],
      ['Recorded an obligation of ₱300,000.00 on “Venue Booking”', 'Norhaya Planner (MSSD)'],
      ['Started execution on enactment', null],
      ['Approved', 'Hon. Ismael Executive'],
      ['Approved', 'Hon. Ismael Executive'],
      ['Approved', 'Farida Reviewer (MFBM)'],
      ['Locked plan version 1 with the budget', 'Farida Reviewer (MFBM)'],
      ['Locked the budget', 'Farida Reviewer (MFBM)'],
      ['Approved', 'Farida Reviewer (MFBM)'],
      ['Approved', 'Farida Reviewer (MFBM)'],
      ['Saved the Physical Plan’s indicators', 'Norhaya Planner (MSSD)'],
      ['Saved the Financial Plan', 'Norhaya Planner (MSSD)'],
      ['Added “M&E Report”', 'Norhaya Planner (MSSD)'],
      ['Added “Training Sessions”', 'Norhaya Planner (MSSD)'],
      ['Added “Invitations”', 'Norhaya Planner (MSSD)'],
      ['Added “Venue Booking”', 'Norhaya Planner (MSSD)'],
      ['Enabled execution tracking with the default plan', 'Norhaya Planner (MSSD)'],
      ['Submitted for review', 'Norhaya Planner (MSSD)'],
      ['Created the PPA', 'Norhaya Planner (MSSD)'],
    ]);
    const [ppa] = await handle.db
      .select()
      .from(ppas)
      .where(eq(ppas.id, stableId('ppa:mssd-livelihood')));
    const lock = livelihood.find((e) => e.summary === 'Locked the budget')!;
    expect([lock.at, lock.reason]).toEqual([
      new Date(ppa!.budgetLockedAt!.getTime() + 2).toISOString(),
      'Approved in budget review: budget review → stakeholder consultation',
    ]);
    const decisions = await handle.db.select().from(approvalDecisions).where(eq(approvalDecisions.ppaId, ppa!.id)).orderBy(asc(approvalDecisions.decidedAt));
    expect(
      livelihood
        .filter((e) => e.action === 'transition')
        .map((e) => e.at)
        .reverse(),
    ).toEqual(decisions.map((d) => d.decidedAt.toISOString()));
    expect(livelihood.find((e) => e.summary === 'Submitted for review')?.reason).toBe('Submitted for technical review.');

    // A PPA waiting in budget review: its decisions, no lock; a rejected one: the reviewer's comment.
    expect((await history('mssd-women')).map((e) => e.summary)).toEqual([
      'Approved',
      'Saved the Physical Plan’s indicators',
      'Saved the Financial Plan',
      'Enabled execution tracking with the default plan',
      'Submitted for review',
      'Created the PPA',
    ]);
    expect((await history('mssd-child-2024'))[0]).toMatchObject({
      summary: 'Rejected',
      actor: 'Farida Reviewer (MFBM)',
      reason: expect.stringContaining('BDP results matrix'),
    });
    expect((await history('mssd-family')).map((e) => e.summary)).toEqual(['Created the PPA']);
  });

  it('gives each seeded audit row the shape the app gives the same action', async () => {
    // The app's own rows for the same actions, on a PPA taken through them by hand.
    const planner = await callerFor(handle.db, 'planner@example.org');
    const reviewer = await callerFor(handle.db, 'reviewer@example.org');
    const executive = await callerFor(handle.db, 'executive@example.org');
    const created = await planner.ppa.create({
      title: 'Shape check caravan',
      category: 'activity',
      sector: 'social',
      fiscalYear: 2026,
      budgetCeiling: '1000',
      budgetAllocation: '1000',
      appropriationClass: 'MOOE',
      fundingSource: 'GAAB',
      startDate: '2026-02-01',
      targetEndDate: '2026-12-15',
    });
    await planner.ppa.transition({ id: created.id, to: 'technical_review' });
    const { tree } = await planner.budget.allocationTree({ id: created.id });
    const prep = tree!.children[0]!;
    await planner.workItem.add({ parentId: prep.id, title: 'Hall', workType: 'task', startDate: '2026-02-01', dueDate: '2026-11-30' });
    // The plans as a planner enters them: the proposed Financial Plan, then two indicators at once.
    await planner.plan.saveFinancialPlan({ id: created.id, classes: (await planner.plan.proposeFinancialPlan({ id: created.id })).classes });
    await planner.plan.saveIndicators({ id: created.id, indicators: [TEST_INDICATOR, { ...TEST_INDICATOR, name: 'Starter kits', unit: 'kits' }] });
    await reviewer.ppa.transition({ id: created.id, to: 'budget_review' });
    await reviewer.ppa.transition({ id: created.id, to: 'executive_approval' });
    await executive.ppa.transition({ id: created.id, to: 'approved' });
    await executive.ppa.transition({ id: created.id, to: 'enacted' });
    await planner.workItem.recordExpenditure({
      id: prep.id,
      kind: 'obligation',
      amount: '10',
      date: '2026-03-01',
      description: 'Hall contract',
      referenceNo: 'ORS-1',
    });

    const shape = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(shape)
        : value !== null && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .map(([k, v]) => [k, shape(v)])
                .sort(),
            )
          : typeof value;
    const rowsOf = async (ppaId: string) =>
      new Map(
        (await handle.db.select().from(auditLog).where(eq(auditLog.ppaId, ppaId))).map((r) => [
          `${r.entityType} ${r.action}`,
          { before: shape(r.before), after: shape(r.after), actor: r.actorId === null ? 'system' : 'person' },
        ]),
      );
    const app = await rowsOf(created.id);
    const seeded = await rowsOf(stableId('ppa:mssd-livelihood'));
    expect([...seeded.keys()].sort()).toEqual([...app.keys()].sort());
    for (const [action, row] of seeded) expect(row, action).toEqual(app.get(action));
  });
});
