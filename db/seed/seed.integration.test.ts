import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { prepareDatabase } from '../prepare';
import { alerts, approvalDecisions, auditLog, expenditureEntries, moas, ppas, users, workItems } from '../schema';
import { seedDemoData } from './seed';
import { DEMO_PPAS } from './demo-data';
import { verifyCredentials } from '../../server/services/auth/viewers';
import { APPROVAL_STAGES } from '../../server/domain/types';

describe('demo data', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  async function counts() {
    const count = async (table: PgTable) =>
      (await handle.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
    return {
      moas: await count(moas),
      users: await count(users),
      ppas: await count(ppas),
      approvals: await count(approvalDecisions),
      workItems: await count(workItems),
      expenditures: await count(expenditureEntries),
      alerts: await count(alerts),
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
    expect(await handle.db.select().from(auditLog)).toEqual([]);
  });

  it('has one user per role who can sign in with the demo password', async () => {
    const roles = (await handle.db.select({ role: users.role }).from(users)).map((u) => u.role).sort();
    expect(new Set(roles)).toEqual(new Set(['admin', 'planner', 'mfbm_reviewer', 'executive', 'viewer']));
    expect((await verifyCredentials(handle.db, 'planner@example.org', 'ppa-demo-2026'))?.role).toBe('planner');
  });

  it('puts MSSD and MAFAR PPAs in every approval stage, over several fiscal years', async () => {
    for (const code of ['MSSD', 'MAFAR']) {
      const stages = await handle.db
        .select({ stage: ppas.approvalStage })
        .from(ppas)
        .innerJoin(moas, eq(moas.id, ppas.moaId))
        .where(eq(moas.code, code));
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
    const [project] = await handle.db.select().from(workItems).where(and(eq(workItems.ppaId, ppa!.id), isNull(workItems.parentId)));
    expect(project).toMatchObject({ allocatedBudget: '5000000.00', status: 'in_progress' });
    const childrenOf = (title: string) => items.filter((i) => i.parentId === byTitle.get(title)!.id).map((i) => [i.title, i.allocatedBudget]);
    expect(childrenOf('Livelihood Training for OBC Women')).toEqual([
      ['Preparation', '750000.00'],
      ['Execution', '3750000.00'],
      ['Completion & Reporting', '500000.00'],
    ]);
    expect(childrenOf('Preparation')).toEqual([['Venue Booking', '300000.00'], ['Invitations', '450000.00']]);
    expect(childrenOf('Execution')).toEqual([['Training Sessions', '3750000.00']]);
    expect(childrenOf('Completion & Reporting')).toEqual([['M&E Report', '500000.00']]);

    const [venueSpent] = await handle.db
      .select({ total: sql<string>`sum(${expenditureEntries.amount})` })
      .from(expenditureEntries)
      .where(eq(expenditureEntries.workItemId, byTitle.get('Venue Booking')!.id));
    expect(venueSpent?.total).toBe('342500.00');
    const open = await handle.db.select().from(alerts).where(eq(alerts.ppaId, ppa!.id));
    expect(open.map((a) => [a.type, a.severity, a.workItemId])).toEqual([['overspending', 'high', byTitle.get('Venue Booking')!.id]]);
  });
});
