import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, rowsOf, type Database } from './index';
import { approvalDecisions, expenditureEntries, moas, ppaLedgerTotals, ppas, users, workItems } from './schema';
import { createTestDatabase, type TestDatabase } from '../test/database';

describe('migrations', () => {
  it('apply on PGlite (the embedded default) and create every table', async () => {
    const handle = openDatabase({ memory: true });
    try {
      await handle.migrate();
      await handle.migrate(); // a second run finds nothing to do
      const tables = rowsOf<{ table_name: string }>(
        await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`),
      ).map((r) => r.table_name);
      expect(tables).toEqual([
        'accounts',
        'alerts',
        'api_tokens',
        'approval_decisions',
        'audit_log',
        'budget_distributions',
        'budget_transfers',
        'collab_documents',
        'email_deliveries',
        'event_outbox',
        'expenditure_entries',
        'indicator_accomplishments',
        'job_runs',
        'maintenance_mode',
        'moas',
        'modification_lines',
        'modification_requests',
        'modification_steps',
        'notification_preferences',
        'notifications',
        'password_links',
        'plan_alert_quarters',
        'plan_disbursement_targets',
        'plan_indicators',
        'plan_obligation_targets',
        'plan_versions',
        'ppa_ledger_totals',
        'ppas',
        'progress_snapshots',
        'sessions',
        'slow_operations',
        'users',
        'verification_tokens',
        'work_items',
      ]);
    } finally {
      await handle.close();
    }
  });

  it('apply on the test run’s database driver (PostgreSQL in CI)', async () => {
    const handle = await createTestDatabase();
    try {
      const [row] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`));
      expect(row?.n).toBe(34);
      expect(handle.driver).toBe(inject('testDatabase').driver);
    } finally {
      await handle.close();
    }
  });
});

describe('the database refuses bad rows by itself', () => {
  let handle: TestDatabase;
  let db: Database;
  let moaId: string;
  let userId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db;
    const [moa] = await db.insert(moas).values({ code: 'MSSD', name: 'Ministry of Social Services and Development' }).returning();
    const [user] = await db.insert(users).values({ email: 'a@example.org', role: 'admin' }).returning();
    moaId = moa!.id;
    userId = user!.id;
  });
  afterAll(() => handle.close());

  const basePpa = () => ({ title: 'Test PPA', moaId, category: 'activity' as const, sector: 'social' as const, fiscalYear: 2026 });

  /** Postgres wraps the violation: the constraint's name is on the cause. */
  async function violation(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      const cause = (error as { cause?: { constraint_name?: string; constraint?: string; message?: string } }).cause;
      return cause?.constraint_name ?? cause?.constraint ?? cause?.message ?? String(error);
    }
    throw new Error('the database accepted a row it should refuse');
  }

  it.each([
    ['fiscal year before 2000', { fiscalYear: 1999 }, 'ppas_fiscal_year_range'],
    ['fiscal year after 2100', { fiscalYear: 2101 }, 'ppas_fiscal_year_range'],
    ['progress over 100', { progress: 101 }, 'ppas_progress_range'],
    ['allocation above ceiling', { budgetCeiling: '100.00', budgetAllocation: '100.01' }, 'ppas_allocation_within_ceiling'],
    ['negative ceiling', { budgetCeiling: '-1.00' }, 'ppas_ceiling_non_negative'],
    ['end before start', { startDate: '2026-05-01', targetEndDate: '2026-04-30' }, 'ppas_dates_ordered'],
    ['blank title', { title: '   ' }, 'ppas_title_present'],
  ])('a PPA with %s', async (_label, override, constraint) => {
    expect(await violation(db.insert(ppas).values({ ...basePpa(), ...override }))).toContain(constraint);
  });

  it('keeps pesos exact to the centavo in numeric(18,2)', async () => {
    const [row] = await db
      .insert(ppas)
      .values({ ...basePpa(), budgetCeiling: '9999999999999999.99', budgetAllocation: '0.10' })
      .returning();
    expect(row?.budgetCeiling).toBe('9999999999999999.99');
    expect(row?.budgetAllocation).toBe('0.10');
  });

  it('allows one execution project per PPA, roots only as projects, progress 0–100, no negative money', async () => {
    const [ppa] = await db.insert(ppas).values(basePpa()).returning();
    const root = { ppaId: ppa!.id, title: 'Root', workType: 'project' as const };
    const [project] = await db.insert(workItems).values(root).returning();
    expect(await violation(db.insert(workItems).values(root))).toContain('work_items_one_project_per_ppa');
    expect(await violation(db.insert(workItems).values({ ...root, workType: 'activity' }))).toContain('work_items_root_is_project');
    expect(await violation(db.insert(workItems).values({ ...root, parentId: project!.id }))).toContain('work_items_root_is_project');
    const child = { ppaId: ppa!.id, parentId: project!.id, title: 'Child', workType: 'activity' as const };
    expect(await violation(db.insert(workItems).values({ ...child, progress: -1 }))).toContain('work_items_progress_range');
    expect(await violation(db.insert(workItems).values({ ...child, allocatedBudget: '-0.01' }))).toContain('work_items_allocation_non_negative');
    expect(await violation(db.insert(workItems).values({ ...child, weight: '-1' }))).toContain('work_items_weight_non_negative');
    // Modifications: an item never gives more than it holds, and transfer sums never go negative.
    expect(await violation(db.insert(workItems).values({ ...child, allocatedBudget: '10.00', transfersOut: '10.01' }))).toContain(
      'work_items_adjusted_non_negative',
    );
    expect(await violation(db.insert(workItems).values({ ...child, transfersIn: '-1.00' }))).toContain('work_items_transfers_non_negative');
    const [moved] = await db
      .insert(workItems)
      .values({ ...child, allocatedBudget: '10.00', transfersIn: '5.00', transfersOut: '15.00' })
      .returning();
    expect(moved!.adjustedBudget).toBe('0.00');
  });

  it('refuses non-positive spending, a reversal without a reason or twice, a reject without a comment, and a planner without a MOA', async () => {
    const [ppa] = await db.insert(ppas).values(basePpa()).returning();
    const [project] = await db.insert(workItems).values({ ppaId: ppa!.id, title: 'Root', workType: 'project' }).returning();
    const entry = { workItemId: project!.id, ppaId: ppa!.id, spentOn: '2026-03-01', description: 'Venue', recordedById: userId };
    expect(await violation(db.insert(expenditureEntries).values({ ...entry, amount: '0.00' }))).toContain('expenditure_entries_amount_sign');
    expect(await violation(db.insert(expenditureEntries).values({ ...entry, amount: '-5.00' }))).toContain('expenditure_entries_amount_sign');
    const [original] = await db
      .insert(expenditureEntries)
      .values({ ...entry, amount: '500.00' })
      .returning();
    const reversal = { ...entry, reversesId: original!.id, amount: '-500.00', reversalReason: 'Wrong item' };
    expect(await violation(db.insert(expenditureEntries).values({ ...reversal, amount: '500.00' }))).toContain('expenditure_entries_amount_sign');
    expect(await violation(db.insert(expenditureEntries).values({ ...reversal, reversalReason: null }))).toContain('expenditure_entries_reversal_has_reason');
    expect(await violation(db.insert(expenditureEntries).values({ ...reversal, reversalReason: '  ' }))).toContain('expenditure_entries_reversal_has_reason');
    expect(await violation(db.insert(expenditureEntries).values({ ...entry, amount: '5.00', reversalReason: 'No target' }))).toContain(
      'expenditure_entries_reversal_has_reason',
    );
    await db.insert(expenditureEntries).values(reversal);
    expect(await violation(db.insert(expenditureEntries).values(reversal))).toContain('expenditure_entries_reversed_once');
    const decision = { ppaId: ppa!.id, fromStage: 'technical_review' as const, toStage: 'rejected' as const, decision: 'reject' as const, decidedById: userId };
    expect(await violation(db.insert(approvalDecisions).values({ ...decision, comment: ' ' }))).toContain('approval_decisions_reject_has_comment');
    expect(await violation(db.insert(users).values({ email: 'p@example.org', role: 'planner' }))).toContain('users_moa_scoped_roles');
  });

  it('deletes a subtree with its parent, but not an item with recorded spending on its own', async () => {
    const [ppa] = await db.insert(ppas).values(basePpa()).returning();
    const [project] = await db.insert(workItems).values({ ppaId: ppa!.id, title: 'Root', workType: 'project' }).returning();
    const [activity] = await db.insert(workItems).values({ ppaId: ppa!.id, parentId: project!.id, title: 'A', workType: 'activity' }).returning();
    const [task] = await db.insert(workItems).values({ ppaId: ppa!.id, parentId: activity!.id, title: 'T', workType: 'task' }).returning();
    await db
      .insert(expenditureEntries)
      .values({ workItemId: task!.id, ppaId: ppa!.id, amount: '10.00', spentOn: '2026-03-01', description: 'x', recordedById: userId });
    expect(await violation(db.delete(workItems).where(eq(workItems.id, activity!.id)))).toContain('expenditure_entries_work_item_id');
    // Deleting the PPA takes its whole tree and ledger with it.
    await db.delete(ppas).where(eq(ppas.id, ppa!.id));
    expect(await db.select().from(workItems).where(eq(workItems.ppaId, ppa!.id))).toEqual([]);
  });

  it('refuses to delete a MOA that still has PPAs', async () => {
    await db.insert(ppas).values(basePpa());
    expect(await violation(db.delete(moas).where(eq(moas.id, moaId)))).toContain('ppas_moa_id_moas_id_fk');
  });
});

describe.each(['PGlite', 'the test run’s driver'])('each PPA’s ledger sums follow its entries, kept by the database (%s)', (where) => {
  let db: Database;
  let close: () => Promise<void>;
  let moaId: string;
  let userId: string;

  beforeAll(async () => {
    if (where === 'PGlite') {
      const handle = openDatabase({ memory: true });
      await handle.migrate();
      [db, close] = [handle.db, () => handle.close()];
    } else {
      const handle = await createTestDatabase();
      [db, close] = [handle.db, () => handle.close()];
    }
    const [moa] = await db.insert(moas).values({ code: 'MSSD', name: 'Ministry of Social Services and Development' }).returning();
    const [user] = await db.insert(users).values({ email: 'a@example.org', role: 'admin' }).returning();
    [moaId, userId] = [moa!.id, user!.id];
  });
  afterAll(() => close());

  async function newPpaWithItem() {
    const [ppa] = await db.insert(ppas).values({ title: 'Ledger PPA', moaId, category: 'activity', sector: 'social', fiscalYear: 2026 }).returning();
    const [item] = await db.insert(workItems).values({ ppaId: ppa!.id, title: 'Root', workType: 'project' }).returning();
    return { ppaId: ppa!.id, workItemId: item!.id };
  }
  const entry = (at: { ppaId: string; workItemId: string }, kind: 'obligation' | 'disbursement', amount: string) => ({
    ...at,
    kind,
    amount,
    spentOn: '2026-03-01',
    description: 'x',
    recordedById: userId,
  });

  /** [stored sums, the ledger's own sums] of a PPA: they must always be equal. */
  async function sums(ppaId: string) {
    const [stored] = await db.select().from(ppaLedgerTotals).where(eq(ppaLedgerTotals.ppaId, ppaId));
    const [counted] = rowsOf<{ obligations: string; disbursements: string }>(
      await db.execute(sql`select coalesce(sum(amount) filter (where kind = 'obligation'), 0)::numeric(18,2)::text as obligations,
                                  coalesce(sum(amount) filter (where kind = 'disbursement'), 0)::numeric(18,2)::text as disbursements
                           from expenditure_entries where ppa_id = ${ppaId}`),
    );
    return { stored: stored ? [stored.obligations, stored.disbursements] : null, counted: [counted!.obligations, counted!.disbursements] };
  }

  it('adds entries of one statement across PPAs, nets reversals, follows a corrected amount, and keeps nothing of a failed statement', async () => {
    const [a, b] = [await newPpaWithItem(), await newPpaWithItem()];
    expect((await sums(a.ppaId)).stored).toBeNull();
    await db
      .insert(expenditureEntries)
      .values([entry(a, 'obligation', '1000.10'), entry(a, 'disbursement', '250.05'), entry(b, 'disbursement', '0.01'), entry(a, 'disbursement', '0.95')]);
    expect(await sums(a.ppaId)).toEqual({ stored: ['1000.10', '251.00'], counted: ['1000.10', '251.00'] });
    expect(await sums(b.ppaId)).toEqual({ stored: ['0.00', '0.01'], counted: ['0.00', '0.01'] });

    const [mistake] = await db
      .insert(expenditureEntries)
      .values(entry(a, 'disbursement', '99.99'))
      .returning();
    await db.insert(expenditureEntries).values({ ...entry(a, 'disbursement', '-99.99'), reversesId: mistake!.id, reversalReason: 'Wrong PPA' });
    expect(await sums(a.ppaId)).toEqual({ stored: ['1000.10', '251.00'], counted: ['1000.10', '251.00'] });

    // The app never edits an entry; an operator's correction by hand is still followed.
    await db.update(expenditureEntries).set({ amount: '1000.00' }).where(eq(expenditureEntries.id, mistake!.id));
    expect(await sums(a.ppaId)).toEqual({ stored: ['1000.10', '1151.01'], counted: ['1000.10', '1151.01'] });
    await db
      .update(expenditureEntries)
      .set({ kind: 'obligation' })
      .where(sql`${expenditureEntries.ppaId} = ${b.ppaId}`);
    expect(await sums(b.ppaId)).toEqual({ stored: ['0.01', '0.00'], counted: ['0.01', '0.00'] });

    // One bad row fails the whole statement: the sums stay as they were.
    await expect(db.insert(expenditureEntries).values([entry(a, 'disbursement', '5.00'), entry(a, 'disbursement', '-5.00')])).rejects.toThrow();
    expect(await sums(a.ppaId)).toEqual({ stored: ['1000.10', '1151.01'], counted: ['1000.10', '1151.01'] });
  });

  it('stays exact under 40 writers at once, and goes with its PPA', async () => {
    const at = await newPpaWithItem();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => db.insert(expenditureEntries).values(entry(at, i % 4 === 0 ? 'obligation' : 'disbursement', `${i + 1}.01`))),
    );
    expect(await sums(at.ppaId)).toEqual({ stored: ['190.10', '630.30'], counted: ['190.10', '630.30'] });
    await db.delete(ppas).where(eq(ppas.id, at.ppaId));
    expect(await db.select().from(ppaLedgerTotals).where(eq(ppaLedgerTotals.ppaId, at.ppaId))).toEqual([]);
  });
});
