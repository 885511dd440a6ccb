import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, moas, ppas } from '@/db/schema';
import { DEMO_PPAS } from '@/db/seed/demo-data';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { anonymousCaller, callerFor } from '@/test/viewers';

let handle: TestDatabase;
let ids: { mssd: string; mafar: string; livelihood: string; mafarFood: string; mssdChild: string };

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const moaId = async (code: string) => (await handle.db.select({ id: moas.id }).from(moas).where(eq(moas.code, code)))[0]!.id;
  const ppaId = async (title: string, fy: number) =>
    (
      await handle.db
        .select({ id: ppas.id })
        .from(ppas)
        .where(sql`${ppas.title} = ${title} and ${ppas.fiscalYear} = ${fy}`)
    )[0]!.id;
  ids = {
    mssd: await moaId('MSSD'),
    mafar: await moaId('MAFAR'),
    livelihood: await ppaId('Livelihood Training for OBC Women', 2026),
    mafarFood: await ppaId('Food Security and Nutrition Convergence Program', 2025),
    mssdChild: await ppaId('Child and Youth Welfare Program', 2026),
  };
});
afterAll(() => handle.close());

async function ppaCount() {
  return (await handle.db.select({ n: sql<number>`count(*)::int` }).from(ppas))[0]!.n;
}

const validPpa = {
  title: 'Community Kitchen for Displaced Families',
  category: 'project' as const,
  sector: 'social' as const,
  fiscalYear: 2026,
  budgetCeiling: '1,000,000.00',
  budgetAllocation: '950000',
};

describe('MOA scoping', () => {
  it('lists only the planner’s own MOA’s PPAs, even when asked for another MOA', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const page = await planner.ppa.list({ limit: 100 });
    expect(page.items.length).toBe(8);
    expect(new Set(page.items.map((p) => p.moa.code))).toEqual(new Set(['MSSD']));
    expect((await planner.ppa.list({ moaId: ids.mafar })).items).toEqual([]);
  });

  it('lets a planner neither read nor edit another MOA’s PPA, and reveals nothing about it', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    expect((await refusal(planner.ppa.get({ id: ids.mafarFood }))).code).toBe('NOT_FOUND');
    expect((await refusal(planner.ppa.update({ id: ids.mafarFood, title: 'Hijacked' }))).code).toBe('NOT_FOUND');
    const [row] = await handle.db.select({ title: ppas.title }).from(ppas).where(eq(ppas.id, ids.mafarFood));
    expect(row?.title).toBe('Food Security and Nutrition Convergence Program');
  });

  it('lets a viewer read their MOA’s PPAs but not create or edit one', async () => {
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await viewer.ppa.get({ id: ids.livelihood })).canEdit).toBe(false);
    const before = await ppaCount();
    expect(await refusal(viewer.ppa.create(validPpa))).toMatchObject({ code: 'FORBIDDEN', message: 'Only planners and admins can create PPAs.' });
    expect((await refusal(viewer.ppa.update({ id: ids.livelihood, title: 'Renamed' }))).code).toBe('FORBIDDEN');
    expect((await refusal(viewer.ppa.get({ id: ids.mafarFood }))).code).toBe('NOT_FOUND');
    expect(await ppaCount()).toBe(before);
  });

  it('lets reviewers and executives read every MOA but not edit', async () => {
    for (const email of ['reviewer@example.org', 'executive@example.org']) {
      const caller = await callerFor(handle.db, email);
      expect((await caller.ppa.list({ limit: 100 })).items.length).toBe(DEMO_PPAS.length);
      expect((await caller.ppa.get({ id: ids.mafarFood })).canEdit).toBe(false);
      expect((await refusal(caller.ppa.update({ id: ids.mafarFood, title: 'X PPA' }))).code).toBe('FORBIDDEN');
      expect(await refusal(caller.ppa.create({ ...validPpa, moaId: ids.mafar }))).toMatchObject({
        code: 'FORBIDDEN',
        message: 'Only planners and admins can create PPAs.',
      });
    }
  });

  it('refuses everything to a caller who is not signed in', async () => {
    expect((await refusal(anonymousCaller(handle.db).ppa.list({}))).code).toBe('UNAUTHORIZED');
  });

  it('offers each viewer only the MOAs they may use', async () => {
    expect((await (await callerFor(handle.db, 'planner.mafar@example.org')).moa.list()).map((m) => m.code)).toEqual(['MAFAR']);
    expect((await (await callerFor(handle.db, 'admin@example.org')).moa.list()).length).toBe(8);
  });
});

describe('list filters and pagination', () => {
  it('filters by fiscal year, stage, status, MOA and text', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const fy2024 = await admin.ppa.list({ fiscalYear: 2024, limit: 100 });
    expect(fy2024.items.length).toBeGreaterThan(0);
    expect(fy2024.items.every((p) => p.fiscalYear === 2024)).toBe(true);
    const enacted = await admin.ppa.list({ approvalStage: 'enacted', limit: 100 });
    expect(enacted.items.map((p) => p.title).sort()).toEqual([
      'Expenditure Management Program',
      'Food Security and Nutrition Convergence Program',
      'Livelihood Training for OBC Women',
      'Tiyakap Bangsamoro Kalusugan Program',
    ]);
    expect((await admin.ppa.list({ status: 'ongoing', limit: 100 })).items.length).toBe(4);
    const mafar = await admin.ppa.list({ moaId: ids.mafar, limit: 100 });
    expect(mafar.items.length).toBe(8);
    expect((await admin.ppa.list({ q: 'LIVELIHOOD' })).items.map((p) => p.title)).toEqual(['Livelihood Training for OBC Women']);
    expect((await admin.ppa.list({ q: 'OBC women' })).items[0]?.budgetAllocation).toBe('5000000.00');
    expect((await admin.ppa.list({ q: '%' })).items).toEqual([]); // a literal percent sign, not a wildcard
  });

  it('walks every page once, in order: newest fiscal year first, then title', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const all = (await admin.ppa.list({ limit: 100 })).items;
    const walked: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.ppa.list({ limit: 5, cursor });
      walked.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(walked).toEqual(all.map((p) => p.id));
    const order = all.map((p) => [p.fiscalYear, p.title] as const);
    const sorted = [...order].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(order).toEqual(sorted);
  });

  it('refuses a tampered cursor with a field-named error', async () => {
    const admin = await callerFor(handle.db, 'admin@example.org');
    const error = await refusal(admin.ppa.list({ cursor: 'not-a-cursor' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('cursor');
  });
});

describe('creating and editing', () => {
  it('creates a planner’s PPA in their own MOA, as a draft, with an audit row', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const created = await planner.ppa.create(validPpa);
    expect(created).toMatchObject({
      title: validPpa.title,
      moa: { code: 'MSSD' },
      approvalStage: 'draft',
      status: 'planning',
      budgetCeiling: '1000000.00',
      budgetAllocation: '950000.00',
      canEdit: true,
    });
    const audit = await handle.db.select().from(auditLog).where(eq(auditLog.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('refuses a planner creating for another MOA; lets an admin create for any MOA but asks which', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    expect((await refusal(planner.ppa.create({ ...validPpa, moaId: ids.mafar }))).code).toBe('FORBIDDEN');
    const admin = await callerFor(handle.db, 'admin@example.org');
    const noMoa = await refusal(admin.ppa.create(validPpa));
    expect(noMoa.code).toBe('BAD_REQUEST');
    expect(noMoa.message).toBe('Choose the implementing MOA.');
    expect((await admin.ppa.create({ ...validPpa, moaId: ids.mafar })).moa.code).toBe('MAFAR');
    const unknownMoa = await refusal(admin.ppa.create({ ...validPpa, moaId: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownMoa.message).toBe('That MOA does not exist.');
  });

  it.each([
    ['budgetAllocation', { budgetAllocation: '1200000' }, 'The budget allocation cannot be more than the budget ceiling.'],
    ['budgetCeiling', { budgetCeiling: 'a lot' }, 'Enter an amount in pesos, like 1500000.00.'],
    ['budgetCeiling', { budgetCeiling: '-5' }, 'Amounts cannot be negative.'],
    ['title', { title: 'ab' }, 'Give the PPA a title of at least 3 characters.'],
    ['fiscalYear', { fiscalYear: 1999 }, 'The fiscal year must be between 2000 and 2100.'],
    ['targetEndDate', { startDate: '2026-06-01', targetEndDate: '2026-05-01' }, 'The target end date cannot be before the start date.'],
    ['fundingSourceDetail', { fundingSource: 'other' }, 'Name the funding source when you choose "other".'],
    ['category', { category: 'portfolio' }, 'Choose a category: program, project or activity.'],
  ])('refuses a bad %s with a message naming it, and writes nothing', async (field, override, message) => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const before = await ppaCount();
    const error = await refusal(planner.ppa.create({ ...validPpa, ...override } as typeof validPpa));
    expect(error.code).toBe('BAD_REQUEST');
    const issues = (error.cause as unknown as { issues: { path: string[]; message: string }[] }).issues;
    expect(issues).toContainEqual(expect.objectContaining({ path: [field], message }));
    expect(await ppaCount()).toBe(before);
  });

  it('edits descriptive fields of a locked PPA but refuses a budget change', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const edited = await planner.ppa.update({ id: ids.livelihood, description: 'Now with follow-up mentoring.' });
    expect(edited.description).toBe('Now with follow-up mentoring.');
    const locked = await refusal(planner.ppa.update({ id: ids.livelihood, budgetAllocation: '4000000' }));
    expect(locked.code).toBe('CONFLICT');
    expect(locked.message).toContain('locked');
    // One new row (the seed wrote the PPA's past before it): the edit, and nothing of the refused change.
    const audit = await handle.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, ids.livelihood), eq(auditLog.action, 'update')));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'update', before: { description: expect.any(String) }, after: { description: 'Now with follow-up mentoring.' } });
  });

  it('re-checks the ceiling against stored values and never cuts the allocation below the execution plan', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const ceiling = await refusal(planner.ppa.update({ id: ids.mssdChild, budgetCeiling: '1000.00' }));
    expect(ceiling.message).toBe('The budget allocation cannot be more than the budget ceiling.');
    const belowPlan = await refusal(planner.ppa.update({ id: ids.mssdChild, budgetAllocation: '1000.00' }));
    expect(belowPlan.code).toBe('BAD_REQUEST');
    expect(belowPlan.message).toBe('The execution plan already allocates ₱435,904,366.00; the budget allocation cannot be less.');
    const ok = await planner.ppa.update({ id: ids.mssdChild, budgetCeiling: '500000000', budgetAllocation: '450000000.00' });
    expect(ok).toMatchObject({ budgetCeiling: '500000000.00', budgetAllocation: '450000000.00' });
  });

  it('checks "other" funding against the stored detail', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const missing = await refusal(planner.ppa.update({ id: ids.mssdChild, fundingSource: 'other' }));
    expect(missing.message).toBe('Name the funding source when you choose "other".');
    await planner.ppa.update({ id: ids.mssdChild, fundingSource: 'other', fundingSourceDetail: 'Japan ODA grant' });
    expect((await planner.ppa.update({ id: ids.mssdChild, fundingSource: 'other', title: 'Child and Youth Welfare Program' })).fundingSourceDetail).toBe(
      'Japan ODA grant',
    );
  });

  it('refuses an end date before the stored start date', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const error = await refusal(planner.ppa.update({ id: ids.mssdChild, targetEndDate: '2025-01-01' }));
    expect(error.message).toBe('The target end date cannot be before the start date.');
  });

  it('reads a PPA with its approval history and tree', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const ppa = await planner.ppa.get({ id: ids.livelihood });
    expect(ppa.approvals.map((a) => `${a.fromStage}>${a.toStage}`)).toEqual([
      'draft>technical_review',
      'technical_review>budget_review',
      'budget_review>stakeholder_consultation',
      'stakeholder_consultation>executive_approval',
      'executive_approval>approved',
      'approved>enacted',
    ]);
    expect(ppa.approvals[0]?.decidedBy).toBe('Norhaya Planner (MSSD)');
    expect(ppa.workItems).toHaveLength(8);
  });
});
