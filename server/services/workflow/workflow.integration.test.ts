import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalDecisions, ppas, workItems } from '@/db/schema';
import { giveBalancedPlans } from '@/test/plans';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { callerFor } from '@/test/viewers';
import { activateExecution } from './activate-execution';

let handle: TestDatabase;
let planner: Awaited<ReturnType<typeof callerFor>>;
let reviewer: Awaited<ReturnType<typeof callerFor>>;
let executive: Awaited<ReturnType<typeof callerFor>>;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  planner = await callerFor(handle.db, 'planner@example.org');
  reviewer = await callerFor(handle.db, 'reviewer@example.org');
  executive = await callerFor(handle.db, 'executive@example.org');
});
afterAll(() => handle.close());

describe('walking a PPA through the workflow', () => {
  it('goes draft → enacted by the right roles, with every side effect, and the PPA is ongoing with its project in progress', async () => {
    const { id } = await planner.ppa.create({
      title: 'Halal Food Processing Training',
      category: 'activity',
      sector: 'economic',
      fiscalYear: 2026,
      budgetCeiling: '2000000',
      budgetAllocation: '1800000',
      fundingSource: 'GAAB',
      appropriationClass: 'MOOE',
    });
    expect((await refusal(reviewer.ppa.transition({ id, to: 'technical_review' }))).code).toBe('FORBIDDEN');

    const submitted = await planner.ppa.transition({ id, to: 'technical_review', comment: 'For review' });
    expect(submitted.approvalStage).toBe('technical_review');
    const tree = (await planner.budget.allocationTree({ id })).tree!;
    expect(tree.children.map((c) => c.allocated)).toEqual(['270000.00', '1350000.00', '180000.00']);

    await giveBalancedPlans(planner, id);
    await reviewer.ppa.transition({ id, to: 'budget_review' });
    expect((await refusal(planner.ppa.transition({ id, to: 'executive_approval' }))).code).toBe('FORBIDDEN');
    const locked = await reviewer.ppa.transition({ id, to: 'stakeholder_consultation' });
    expect(locked.budgetLockedAt).not.toBeNull();
    await reviewer.ppa.transition({ id, to: 'executive_approval' });
    expect((await refusal(reviewer.ppa.transition({ id, to: 'approved' }))).code).toBe('FORBIDDEN');
    await executive.ppa.transition({ id, to: 'approved' });
    const enacted = await executive.ppa.transition({ id, to: 'enacted' });
    expect(enacted).toMatchObject({ approvalStage: 'enacted', status: 'ongoing' });
    const [project] = await handle.db
      .select()
      .from(workItems)
      .where(and(eq(workItems.ppaId, id), isNull(workItems.parentId)));
    expect(project?.status).toBe('in_progress');

    const history = await planner.ppa.approvals({ id });
    expect(history.map((h) => [h.fromStage, h.toStage, h.decision, h.decidedBy])).toEqual([
      ['draft', 'technical_review', 'submit', 'Norhaya Planner (MSSD)'],
      ['technical_review', 'budget_review', 'approve', 'Farida Reviewer (MFBM)'],
      ['budget_review', 'stakeholder_consultation', 'approve', 'Farida Reviewer (MFBM)'],
      ['stakeholder_consultation', 'executive_approval', 'approve', 'Farida Reviewer (MFBM)'],
      ['executive_approval', 'approved', 'approve', 'Hon. Ismael Executive'],
      ['approved', 'enacted', 'approve', 'Hon. Ismael Executive'],
    ]);
    expect((await refusal(executive.ppa.transition({ id, to: 'approved' }))).code).toBe('CONFLICT');
  });

  it('refuses budget review to an incomplete PPA, naming what is missing, and writes nothing', async () => {
    const { id } = await planner.ppa.create({ title: 'Mobile Clinics for Island Barangays', category: 'project', sector: 'social', fiscalYear: 2026 });
    await planner.ppa.transition({ id, to: 'technical_review' });
    const gap = await refusal(reviewer.ppa.transition({ id, to: 'budget_review' }));
    expect(gap.code).toBe('CONFLICT');
    expect(gap.message).toBe(
      'Before budget review the PPA needs a budget allocation, a funding source, an appropriation class, an execution plan that distributes its allocation to activities (they hold ₱0.00), ' +
        'plans that hold (Enter the Financial Plan: obligation targets by quarter and disbursement targets by month. Add at least one output indicator to the Physical Plan.).',
    );
    expect((await planner.ppa.get({ id })).approvalStage).toBe('technical_review');
    expect(await handle.db.select().from(approvalDecisions).where(eq(approvalDecisions.ppaId, id))).toHaveLength(1);
  });

  it('rejects only with a comment, and a rejected PPA returns to draft by its planner', async () => {
    const { id } = await planner.ppa.create({ title: 'Community Radio for Peace', category: 'activity', sector: 'peace_security', fiscalYear: 2026 });
    await planner.ppa.transition({ id, to: 'technical_review' });
    const noComment = await refusal(reviewer.ppa.transition({ id, to: 'rejected' }));
    expect(noComment.code).toBe('BAD_REQUEST');
    expect(noComment.message).toBe('Say why the PPA is rejected: a comment is required.');
    await reviewer.ppa.transition({ id, to: 'rejected', comment: 'No outcome indicators.' });
    const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
    expect((await refusal(mafar.ppa.transition({ id, to: 'draft' }))).code).toBe('NOT_FOUND');
    expect((await planner.ppa.transition({ id, to: 'draft' })).approvalStage).toBe('draft');
    expect((await planner.ppa.approvals({ id })).find((a) => a.decision === 'reject')?.comment).toBe('No outcome indicators.');
  });

  it('activates execution once, however often it is asked', async () => {
    const [ppa] = await handle.db.select().from(ppas).where(eq(ppas.title, 'Quick Response Fund'));
    await handle.db.update(ppas).set({ approvalStage: 'enacted' }).where(eq(ppas.id, ppa!.id));
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await handle.db.transaction((tx) => activateExecution(tx, ppa!.id, null)));
    expect(results.map((r) => r.activated)).toEqual([true, false, false, false, false]);
    const [after] = await handle.db.select().from(ppas).where(eq(ppas.id, ppa!.id));
    expect(after?.status).toBe('ongoing');
  });
});
