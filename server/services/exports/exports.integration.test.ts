import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ppas, workItems } from '@/db/schema';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { newSpendablePpa, newTrackedPpa, nodeNamed, obligate } from '@/test/trees';
import { callerFor, demoViewer } from '@/test/viewers';
import { handleAllocationExport } from '../../http/downloads';

let handle: TestDatabase;
let livelihoodId: string;
beforeAll(async () => {
  handle = await createSeededTestDatabase();
  livelihoodId = (await handle.db.select({ id: ppas.id }).from(ppas).where(eq(ppas.title, 'Livelihood Training for OBC Women')))[0]!.id;
});
afterAll(() => handle.close());

describe('allocation tree exports', () => {
  it('CSV: a row per work item, exact amounts, quoted where needed, types and statuses in the page’s words', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const res = await handleAllocationExport(handle.db, planner, livelihoodId, 'csv');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="allocation-MSSD-/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[3]).toBe(
      '2,Venue Booking,Task,Completed,100,300000.00,342500.00,-42500.00,42500.00,114.17,Over Budget,342500.00,114.17,100,-42500.00,300000.00,0.00,0.00',
    );
    expect(lines[7]).toBe(
      '1,Completion & Reporting,Activity,Not started,0,500000.00,0.00,500000.00,-500000.00,0,No Expenditure,0.00,0,,500000.00,500000.00,0.00,0.00',
    );
  });

  it('CSV: after an approved modification, Allocated is the adjusted figure and the approved allocation and transfers explain it', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const [qrf] = await handle.db.select({ id: ppas.id }).from(ppas).where(eq(ppas.title, 'Quick Response Fund'));
    const lines = (await (await handleAllocationExport(handle.db, planner, qrf!.id, 'csv')).text()).trimEnd().split('\r\n');
    // The seeded approved request moved ₱2,500,000.00 from Completion & Reporting to Execution.
    expect(lines.find((l) => l.startsWith('1,Execution,'))).toMatch(/^1,Execution,Activity,[^,]+,\d+,152500000\.00,.*,150000000\.00,2500000\.00,0\.00$/);
    expect(lines.find((l) => l.startsWith('1,Completion & Reporting,'))).toMatch(/,17500000\.00,.*,20000000\.00,0\.00,2500000\.00$/);
  });

  it('XLSX: amounts are numbers with a peso format, titles indented by level', async () => {
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const res = await handleAllocationExport(handle.db, planner, livelihoodId, 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('Allocation tree')!;
    const venue = sheet.getRow(6); // title, budget, header, project, Preparation, then Venue Booking
    expect(venue.getCell(2).value).toBe('Venue Booking');
    expect(venue.getCell(2).alignment?.indent).toBe(2);
    expect(venue.getCell(6).value).toBe(300000);
    expect(venue.getCell(7).value).toBe(342500);
    expect(venue.getCell(6).numFmt).toContain('₱');
    expect([venue.getCell(3).value, venue.getCell(4).value]).toEqual(['Task', 'Completed']);
    expect(sheet.getRow(2).getCell(1).value).toBe('Budget allocation: ₱5,000,000.00');
  });

  describe('formula injection', () => {
    // What an attacker could type as a title; the API trims titles, so tab and CR ones are stored directly.
    const dangerous = ['=HYPERLINK("http://evil","x")', '+1+cmd|/C calc!A0', '-2+3+cmd|/C calc!A0', '@SUM(1+9)*cmd|/C calc!A0', '\t=1+1', '\r=1+1'];
    let ppaId: string;
    beforeAll(async () => {
      const planner = await callerFor(handle.db, 'planner@example.org');
      const plan = await newSpendablePpa(handle.db, planner, { allocation: '100000', title: '=cmd|/C calc!A0 caravan' });
      ppaId = plan.ppaId;
      const prep = nodeNamed(plan.tree, 'Preparation');
      for (const [i, title] of dangerous.entries()) {
        const item = await planner.workItem.add({ parentId: prep.id, title: `Item ${i}`, workType: 'task', allocatedBudget: i === 0 ? '1000' : '0' });
        await handle.db.update(workItems).set({ title }).where(eq(workItems.id, item.id));
        // Spending past the allocation makes a negative amount, which must stay a number.
        if (i === 0) {
          await obligate(planner, item.id, '1500');
          await planner.workItem.recordExpenditure({ id: item.id, amount: '1500', date: '2026-03-01', description: 'Overrun' });
        }
      }
    });

    it('CSV: a title starting with = + - @ tab or CR gets a leading quote; negative amounts stay plain numbers', async () => {
      const res = await handleAllocationExport(handle.db, await demoViewer(handle.db, 'planner@example.org'), ppaId, 'csv');
      const csv = await res.text();
      expect(csv).toContain(
        `2,"'=HYPERLINK(""http://evil"",""x"")",Task,Not started,0,1000.00,1500.00,-500.00,500.00,150,Over Budget,1500.00,150,100,-500.00,1000.00,0.00,0.00\r\n`,
      );
      expect(csv).toContain(`2,'+1+cmd|/C calc!A0,Task,`);
      expect(csv).toContain(`2,'-2+3+cmd|/C calc!A0,Task,`);
      expect(csv).toContain(`2,'@SUM(1+9)*cmd|/C calc!A0,Task,`);
      expect(csv).toContain(`2,'\t=1+1,Task,`);
      expect(csv).toContain(`2,"'\r=1+1",Task,`);
      // No field of any row starts a formula: each is quoted or begins with a harmless character.
      const fieldStarts = csv.split('\r\n').flatMap((line) => [...line.matchAll(/(?:^|,)"?([^,"]?)/g)].map((m) => m[1]));
      expect(fieldStarts.filter((c) => c && /[=+@\t\r]/.test(c))).toEqual([]);
    });

    it('XLSX: the same titles come back as quoted text, amounts (negative too) as numbers', async () => {
      const res = await handleAllocationExport(handle.db, await demoViewer(handle.db, 'planner@example.org'), ppaId, 'xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await res.arrayBuffer());
      const sheet = workbook.getWorksheet('Allocation tree')!;
      expect(sheet.getRow(1).getCell(1).value).toBe("'=cmd|/C calc!A0 caravan (MSSD)");
      const rows = new Map<string, ExcelJS.Row>();
      sheet.eachRow((row, number) => {
        if (number > 3) rows.set(String(row.getCell(2).value), row);
      });
      for (const title of dangerous) {
        // XML reads a stored carriage return back as a line feed; the quote before it is what counts.
        const row = rows.get(`'${title.replace('\r', '\n')}`);
        expect(row, title).toBeDefined();
        expect(row!.getCell(2).type).toBe(ExcelJS.ValueType.String);
      }
      const overrun = rows.get(`'${dangerous[0]}`)!;
      expect([overrun.getCell(6).value, overrun.getCell(7).value, overrun.getCell(8).value]).toEqual([1000, 1500, -500]);
      expect(overrun.getCell(8).type).toBe(ExcelJS.ValueType.Number);
      expect(overrun.getCell(8).numFmt).toContain('₱');
    });
  });

  it('refuses without a session, and for another MOA or a bad id', async () => {
    expect((await handleAllocationExport(handle.db, null, livelihoodId, 'csv')).status).toBe(401);
    const mafar = await demoViewer(handle.db, 'planner.mafar@example.org');
    expect((await handleAllocationExport(handle.db, mafar, livelihoodId, 'xlsx')).status).toBe(404);
    expect((await handleAllocationExport(handle.db, mafar, 'nope', 'csv')).status).toBe(404);
  });
});

describe('workspace procedures', () => {
  it('previews a distribution exactly as it would apply, with the reason it would be refused, writing nothing', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    const { ppaId, tree } = await newTrackedPpa(planner, { allocation: '100000.00', template: 'empty' });
    for (const title of ['A', 'B', 'C']) await planner.workItem.add({ parentId: tree.id, title, workType: 'activity' });
    const equal = await planner.budget.previewDistribution({ id: ppaId, parentId: tree.id, mode: 'equal' });
    expect(equal).toMatchObject({ total: '100000.00', unallocated: '0.00', problem: null });
    expect(equal.allocations.map((a) => [a.title, a.current, a.amount])).toEqual([
      ['A', '0.00', '33333.34'],
      ['B', '0.00', '33333.33'],
      ['C', '0.00', '33333.33'],
    ]);
    const a = equal.allocations[0]!.workItemId;
    const over = await planner.budget.previewDistribution({
      id: ppaId,
      parentId: tree.id,
      mode: 'manual',
      allocations: [{ workItemId: a, amount: '100000.01' }],
    });
    expect(over.problem).toContain('₱0.01 too much');
    expect(over.unallocated).toBe('-0.01');
    const zero = await planner.budget.previewDistribution({ id: ppaId, parentId: tree.id, mode: 'weighted' });
    expect(zero.problem).toBeNull();
    expect((await planner.budget.allocationTree({ id: ppaId })).tree!.children.every((c) => c.allocated === '0.00')).toBe(true);
    expect((await refusal(planner.budget.previewDistribution({ id: ppaId, parentId: a, mode: 'equal' }))).code).toBe('BAD_REQUEST');
    const viewer = await callerFor(handle.db, 'viewer@example.org');
    expect((await refusal(viewer.budget.previewDistribution({ id: ppaId, parentId: tree.id, mode: 'equal' }))).code).toBe('FORBIDDEN');
    const locked = await planner.budget.previewDistribution({
      id: livelihoodId,
      parentId: nodeNamed((await planner.budget.allocationTree({ id: livelihoodId })).tree!, 'Preparation').id,
      mode: 'equal',
    });
    expect(locked.problem).toContain('locked');
  });

  it('counts the progress overview and keeps a daily progress history', async () => {
    const planner = await callerFor(handle.db, 'planner@example.org');
    expect((await planner.budget.allocationTree({ id: livelihoodId })).overview).toEqual({ total: 7, completed: 1, inProgress: 4, notStarted: 2, blocked: 0 });
    const history = await planner.budget.progressHistory({ id: livelihoodId });
    expect(history.map((h) => h.progress)).toEqual([4, 11, 18, 24, 29, 32]);
    await planner.budget.syncFromWorkItems({ id: livelihoodId });
    await planner.budget.syncFromWorkItems({ id: livelihoodId });
    const after = await planner.budget.progressHistory({ id: livelihoodId });
    expect(after).toHaveLength(7); // one point per day, however often it syncs
    expect(after.at(-1)!.progress).toBe(34);
    // A fresh plan: the default template's three activities, none started; an untracked PPA has no overview.
    const fresh = await newTrackedPpa(planner, { allocation: '1000' });
    expect(fresh.tree.children.map((c) => [c.title, c.status, c.allocated])).toEqual([
      ['Preparation', 'not_started', '150.00'],
      ['Execution', 'not_started', '750.00'],
      ['Completion & Reporting', 'not_started', '100.00'],
    ]);
    expect((await planner.budget.allocationTree({ id: fresh.ppaId })).overview).toEqual({ total: 3, completed: 0, inProgress: 0, notStarted: 3, blocked: 0 });
    expect((await planner.budget.allocationTree({ id: (await planner.ppa.list({ q: 'Family and Community Welfare' })).items[0]!.id })).overview).toBeNull();
  });
});
