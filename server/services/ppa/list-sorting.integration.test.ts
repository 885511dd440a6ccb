import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ppas } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { addLedgerEntry, restAs, restJson } from '@/test/portfolio';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, nodeNamed } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { parsePesos, toPesoString } from '../../domain/money';
import { APPROVAL_STAGES } from '../../domain/types';
import { PPA_LIST_SORTS, type ListPpasResponse, type PpaListItem } from '../../contracts/ppa';
import { handlePpaListExport } from '../../http/downloads';

/** Sorting, paging under each sort, totals and the exports of the PPA list. */

let handle: TestDatabase;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let admin: Caller;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  admin = await callerFor(handle.db, 'admin@example.org');
  const planner = await callerFor(handle.db, 'planner@example.org');
  const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
  // Equal keys to tie-break (same allocation, same utilisation, same title), spending to sort by, and an
  // unfunded PPA (no utilisation at all).
  for (const [i, allocation] of ['250000.00', '250000.00', '1000.00'].entries()) {
    const { tree } = await newSpendablePpa(handle.db, planner, { allocation, title: i < 2 ? 'Madrasah Feeding' : 'Barangay Caravan' });
    await addLedgerEntry(handle.db, {
      workItemId: nodeNamed(tree, 'Execution').id,
      kind: 'obligation',
      amount: '90000.00',
      recordedById: plannerViewer.userId,
      spentOn: '2026-05-01',
    });
    await planner.workItem.recordExpenditure({
      id: nodeNamed(tree, 'Execution').id,
      amount: i === 2 ? '1500.00' : '25000.00',
      date: '2026-05-02',
      description: 'Meals',
    });
  }
  await planner.ppa.create({ title: 'Unfunded Study', category: 'activity', sector: 'social', fiscalYear: 2026 });
  // One PPA entered its stage long ago.
  await handle.db
    .update(ppas)
    .set({ stageEnteredAt: new Date('2026-01-05T02:00:00Z') })
    .where(eq(ppas.title, 'TVET Provisions'));
});
afterAll(() => handle?.close());

/** Every page of a sorted list, `limit` at a time, following the cursors. */
async function allPages(caller: Caller, input: Parameters<Caller['ppa']['list']>[0], limit: number): Promise<PpaListItem[]> {
  const items: PpaListItem[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await caller.ppa.list({ ...input, limit, cursor });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
  throw new Error('the cursors never ended');
}

const amount = (v: string | null) => (v === null ? -1n : parsePesos(v));
const compare = (a: bigint | number | string, b: bigint | number | string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order each sort promises, checked on the items themselves (ties by title then id, always ascending). */
function keyOf(sort: (typeof PPA_LIST_SORTS)[number], item: PpaListItem): bigint | number | string {
  switch (sort) {
    case 'title':
      return item.title;
    case 'allocation':
      return amount(item.budgetAllocation);
    case 'utilisation':
      return item.utilisation ?? -1;
    case 'progress':
      return item.progress;
    case 'stage':
      return APPROVAL_STAGES.indexOf(item.approvalStage);
    case 'daysInStage':
      return item.daysInStage;
  }
}

describe('sorting the PPA list', () => {
  for (const sort of PPA_LIST_SORTS) {
    for (const order of ['asc', 'desc'] as const) {
      it(`${sort} ${order}: ordered by the key, and pages of 4 give exactly the one-page list`, async () => {
        const whole = (await admin.ppa.list({ sort, order, limit: 100 })).items;
        expect(whole.length).toBeGreaterThan(20);
        for (let i = 1; i < whole.length; i++) {
          const [a, b] = [whole[i - 1]!, whole[i]!];
          const byKey = compare(keyOf(sort, a), keyOf(sort, b)) * (order === 'asc' ? 1 : -1);
          // Days in stage: a day is coarser than the timestamp the list orders by, so only the order of days is checked.
          if (sort === 'daysInStage') expect(byKey, `${a.title} before ${b.title}`).toBeLessThanOrEqual(0);
          else expect(byKey < 0 || (byKey === 0 && compare(a.title, b.title) <= 0), `${a.title} before ${b.title}`).toBe(true);
        }
        const paged = await allPages(admin, { sort, order }, 4);
        expect(paged.map((p) => p.id)).toEqual(whole.map((p) => p.id));
      });
    }
  }

  it('pages stay exact under a filter and for a planner (own MOA only)', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const whole = (await planner.ppa.list({ sort: 'utilisation', order: 'desc', fiscalYear: 2026, limit: 100 })).items;
    expect(new Set(whole.map((p) => p.moa.code))).toEqual(new Set(['MSSD']));
    expect((await allPages(planner, { sort: 'utilisation', order: 'desc', fiscalYear: 2026 }, 2)).map((p) => p.id)).toEqual(whole.map((p) => p.id));
    // Utilisation is disbursements ÷ allocation: the ₱1,000 PPA that spent ₱1,500 leads.
    expect(whole[0]).toMatchObject({ title: 'Barangay Caravan', utilisation: 150, disbursements: '1500.00', obligations: '90000.00' });
  });

  it('days in stage: the PPA that entered its stage longest ago first when descending', async () => {
    const [first] = (await admin.ppa.list({ sort: 'daysInStage', order: 'desc', limit: 1 })).items;
    expect(first!.title).toBe('TVET Provisions');
    expect(first!.stageEnteredAt).toBe('2026-01-05T02:00:00.000000Z');
  });

  it('refuses a cursor of another sort, a forged one, or an unknown sort; the default order keeps its cursors', async () => {
    const byTitle = await admin.ppa.list({ sort: 'title', limit: 2 });
    expect((await refusal(admin.ppa.list({ sort: 'allocation', cursor: byTitle.nextCursor! }))).message).toContain('another sort order');
    expect((await refusal(admin.ppa.list({ sort: 'title', order: 'desc', cursor: byTitle.nextCursor! }))).code).toBe('BAD_REQUEST');
    expect((await refusal(admin.ppa.list({ cursor: byTitle.nextCursor! }))).message).toContain('sorted list');
    const forged = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const id = byTitle.items[0]!.id;
    for (const cursor of [
      forged(['allocation', 'asc', '1; drop table ppas', 'x', id]),
      forged(['allocation', 'asc', '1', 'x', 'not-a-uuid']),
      forged(['allocation', 'asc', 1, 'x', id]),
      forged(['allocation', 'asc', '1', 'x\u0000', id]),
      'not base64 at all!',
      forged({ a: 1 } as unknown as unknown[]),
    ]) {
      expect((await refusal(admin.ppa.list({ sort: 'allocation', cursor }))).code, cursor).toBe('BAD_REQUEST');
    }
    for (const [sort, value] of [
      ['stage', 'not_a_stage'],
      ['daysInStage', '2026-13-45 99:99:99'],
      ['progress', '-5'],
    ] as const) {
      const error = await refusal(admin.ppa.list({ sort, order: 'asc', cursor: forged([sort, 'asc', value, 'x', id]) }));
      expect(error.code, `${sort} ${value}`).toBe('BAD_REQUEST');
    }
    const defaultPage = await admin.ppa.list({ limit: 3 });
    expect((await admin.ppa.list({ limit: 3, cursor: defaultPage.nextCursor! })).items).toHaveLength(3);
    const rest = await restAs(handle.db, 'admin@example.org');
    const bad = await rest('/ppas?sort=budget&order=up');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('sort');
    const sorted = await restJson<ListPpasResponse>(rest, '/ppas?sort=allocation&order=desc&limit=2&withTotals=true');
    expect(sorted.items[0]!.title).toBe('Disaster Risk Reduction and Emergency Assistance Program');
    expect(sorted.totals!.count).toBeGreaterThan(20);
    // Without the new parameters the REST answer is as before (plus the new item fields), with no totals.
    const plain = await restJson<ListPpasResponse>(rest, '/ppas?fiscalYear=2026&limit=100');
    expect(plain.totals).toBeUndefined();
    expect(Object.keys(plain.items[0]!)).toEqual(
      expect.arrayContaining([
        'id',
        'title',
        'moa',
        'category',
        'sector',
        'fiscalYear',
        'budgetCeiling',
        'budgetAllocation',
        'status',
        'approvalStage',
        'progress',
      ]),
    );
  });
});

describe('the list’s totals', () => {
  it('count and sums over every page the filters select, equal to the sum of the rows', async () => {
    for (const input of [{}, { fiscalYear: 2026 }, { moa: 'MSSD', sector: 'social' as const }, { q: 'Madrasah' }, { approvalStage: 'enacted' as const }]) {
      const { totals } = await admin.ppa.list({ ...input, withTotals: true, limit: 2 });
      const all = (await admin.ppa.list({ ...input, limit: 100 })).items;
      const sum = (pick: (p: PpaListItem) => string | null) => toPesoString(all.reduce((s, p) => s + amount(pick(p) ?? '0'), 0n));
      expect(totals, JSON.stringify(input)).toMatchObject({
        count: all.length,
        budgetCeiling: sum((p) => p.budgetCeiling),
        budgetAllocation: sum((p) => p.budgetAllocation),
        obligations: sum((p) => p.obligations),
        disbursements: sum((p) => p.disbursements),
      });
    }
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await viewer.ppa.list({ moa: 'MAFAR', withTotals: true })).totals).toMatchObject({ count: 0, budgetAllocation: '0.00', utilisation: null });
  });
});

describe('exporting the list', () => {
  const search = { fy: '2026', sort: 'allocation', order: 'desc', q: 'a' };

  it('CSV: exactly the filtered list, every page, in its order', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const res = await handlePpaListExport(handle.db, planner, { ...search, cursor: 'ignored' }, 'csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ppas-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    const plannerCaller = await callerFor(handle.db, 'planner@example.org');
    const listed = await allPages(plannerCaller, { fiscalYear: 2026, sort: 'allocation', order: 'desc', q: 'a' }, 3);
    expect(lines[0]).toBe(
      'Title,MOA,Fiscal year,Sector,Category,Approval stage,Days in stage,Status,Progress %,Budget ceiling,Budget allocation,Obligations,Disbursements,Utilisation %',
    );
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(listed.map((p) => (p.title.includes(',') ? `"${p.title}"` : p.title)));
    expect(lines.every((l) => !l.includes('MAFAR'))).toBe(true);
    const caravan = lines.find((l) => l.startsWith('Barangay Caravan'))!;
    expect(caravan).toContain(',1000.00,1000.00,90000.00,1500.00,150');
    // Codes in the words of the list and the PPA page, not as stored.
    expect(caravan).toMatch(/^Barangay Caravan,MSSD,2026,Social,Activity,Approved,\d+,Planning,/);
  });

  it('XLSX: the same rows, amounts as numbers, a TOTAL row equal to their sum, no formulas from titles', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { id } = await planner.ppa.create({
      title: '=HYPERLINK("http://evil","x")',
      category: 'activity',
      sector: 'social',
      fiscalYear: 2026,
      budgetCeiling: '10.00',
      budgetAllocation: '10.00',
    });
    const res = await handlePpaListExport(handle.db, await demoViewer(handle.db, 'planner@example.org'), { fy: '2026' }, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('PPAs')!;
    const listed = await allPages(planner, { fiscalYear: 2026 }, 100);
    expect(sheet.rowCount).toBe(listed.length + 2);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const titles = listed.map((_, i) => sheet.getRow(i + 2).getCell(1).value);
    expect(titles).toContain(`'=HYPERLINK("http://evil","x")`);
    expect(listed.some((p) => p.id === id)).toBe(true);
    let allocation = 0n;
    for (let r = 2; r <= listed.length + 1; r++) {
      const cell = sheet.getRow(r).getCell(11);
      if (cell.value !== null) {
        expect(cell.type).toBe(ExcelJS.ValueType.Number);
        allocation += BigInt(Math.round((cell.value as number) * 100));
      }
    }
    const total = sheet.getRow(listed.length + 2);
    expect(total.getCell(1).value).toBe(`TOTAL (${listed.length} PPAs)`);
    expect(BigInt(Math.round((total.getCell(11).value as number) * 100))).toBe(allocation);
    expect(total.getCell(11).numFmt).toBe('"₱"#,##0.00');
  });

  it('needs a session; bad parameters are dropped as the page drops them', async () => {
    expect((await handlePpaListExport(handle.db, null, {}, 'csv')).status).toBe(401);
    const res = await handlePpaListExport(handle.db, await demoViewer(handle.db, 'viewer@example.org'), { fy: 'abc', sort: 'nonsense', stage: 'nope' }, 'csv');
    expect(res.status).toBe(200);
    const rows = (await res.text()).trimEnd().split('\r\n').length - 1;
    expect(rows).toBe((await (await callerFor(handle.db, 'viewer@example.org')).ppa.list({ withTotals: true })).totals!.count);
  });
});
