import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { addLedgerEntry, allPpaIds, ownFigures, restAs, type Rest, type TreeNode } from '@/test/portfolio';
import { callerFor, demoViewer } from '@/test/viewers';
import { parsePesos, toPesoString } from '../../domain/money';
import { deriveFigures } from '../../domain/portfolio';
import { APART_SHEET, auditFindings, countsInReportTotals, executionRemarks, ppaCode, PPA_STATUS_WORDS, stageText, totalsNote } from '../../domain/reports';
import type { ApprovalStage } from '../../domain/types';
import { humanize } from '../../domain/labels';
import { BUDGET_STATUS_LABELS } from '../../domain/budget-status';
import { manilaDay } from '../../domain/schedule';
import { XLSX_CONTENT_TYPE } from '../../contracts/reports';
import { handleReportDownload } from '../../http/downloads';
import { openApiDocument } from '../../http/rest-handler';

/**
 * The MFBM and COA workbooks, opened with exceljs: sheets, header rows, columns, every row against the API's
 * own figures for that PPA (GET /ppas/{id} and its budget-allocation-tree), and the TOTAL rows.
 */

let handle: TestDatabase;
let admin: Rest;
let planner: Rest;
const TODAY = manilaDay(new Date());
const TRAINING = stableId('ppa:mssd-livelihood:item:Execution:Training Sessions');
const LIVELIHOOD = stableId('ppa:mssd-livelihood');

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const plannerViewer = await demoViewer(handle.db, 'planner@example.org');
  await addLedgerEntry(handle.db, {
    workItemId: TRAINING,
    kind: 'obligation',
    amount: '3000000.00',
    recordedById: plannerViewer.userId,
    spentOn: '2026-02-15',
  });
  const caller = await callerFor(handle.db, 'planner@example.org');
  await caller.workItem.recordExpenditure({ id: TRAINING, amount: '250000.25', date: TODAY, description: '=1+1 second batch' });
  await caller.ppa.update({ id: stableId('ppa:mssd-family'), description: 'Family welfare, revised' });
  // A ledger written before payments had to stay within obligations: ₱1.15M paid against ₱0.1M obligated.
  const olderPlanning = stableId('ppa:mssd-older:item:Planning & Design');
  await addLedgerEntry(handle.db, {
    workItemId: olderPlanning,
    kind: 'obligation',
    amount: '100000.00',
    recordedById: plannerViewer.userId,
    spentOn: '2026-02-15',
  });
  await addLedgerEntry(handle.db, {
    workItemId: olderPlanning,
    kind: 'disbursement',
    amount: '1150000.00',
    recordedById: plannerViewer.userId,
    spentOn: '2026-02-16',
  });
  admin = await restAs(handle.db, 'admin@example.org');
  planner = await restAs(handle.db, 'planner@example.org');
});
afterAll(() => handle?.close());

async function workbookFrom(res: Response): Promise<ExcelJS.Workbook> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook;
}

const centavos = (value: ExcelJS.CellValue) => BigInt(Math.round((value as number) * 100));
const pesos = (value: string) => Number(value);
const rowValues = (row: ExcelJS.Row, count: number) => Array.from({ length: count }, (_, i) => row.getCell(i + 1).value);

/** The data rows of a table: from under the header to (not including) TOTAL or the end. */
function dataRows(sheet: ExcelJS.Worksheet, headerRow: number): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  for (let r = headerRow + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (row.getCell(1).value === 'TOTAL') break;
    rows.push(row);
  }
  return rows;
}

function expectPrintable(sheet: ExcelJS.Worksheet, headerRow: number, columns: number) {
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: headerRow });
  expect(String(sheet.autoFilter)).toMatch(new RegExp(`^A${headerRow}:${String.fromCharCode(64 + columns)}\\d+$`));
  expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
}

/**
 * The sheet of PPAs a TOTAL leaves out: each of `ids` that is not past budget review, with its stage, and none
 * of the others. Returns how many it lists.
 */
async function expectListedApart(workbook: ExcelJS.Workbook, ids: string[], counted: Set<string>): Promise<number> {
  const sheet = workbook.getWorksheet(APART_SHEET)!;
  expect(rowValues(sheet.getRow(5), 8)).toEqual([
    'PPA Code',
    'PPA Title',
    'Implementing MOA',
    'Appropriation Class',
    'Approval Stage',
    'Proposed Allocation (₱)',
    'Obligations (₱)',
    'Disbursements (₱)',
  ]);
  const listed = new Map(dataRows(sheet, 5).map((r) => [r.getCell(1).value as string, r]));
  let apart = 0;
  for (const id of ids) {
    const own = await ownFigures(admin, id);
    const row = listed.get(ppaCode(own.ppa.moa.code, 2026, id));
    if (counted.has(id)) {
      expect(row, own.ppa.title).toBeUndefined();
      continue;
    }
    apart += 1;
    expect([row?.getCell(5).value, row?.getCell(6).value], own.ppa.title).toEqual([stageText(own.ppa.approvalStage as ApprovalStage), pesos(own.allocation)]);
  }
  expect(listed.size).toBe(apart);
  return apart;
}

const MFBM_HEADERS = [
  'PPA Code',
  'PPA Title',
  'Implementing MOA',
  'Appropriation Class',
  'Allocated (₱)',
  'Adjustments (₱)',
  'Transfer To (₱)',
  'Transfer From (₱)',
  'Adjusted Allotment (₱)',
  'Obligations (₱)',
  'Disbursements (₱)',
  'Variance (₱)',
  'Variance (%)',
  'Utilization (%)',
  'Status',
  'Remarks',
];

describe('MFBM Budget Execution Report', () => {
  it('shows an approved modification as the SAAODB does: transfer to, transfer from, and the adjusted allotment (Quick Response Fund, FY 2025)', async () => {
    const workbook = await workbookFrom(await admin('/reports/budget-execution.xlsx?fiscalYear=2025&moa=MSSD'));
    const sheet = workbook.getWorksheet('Budget Execution Report')!;
    const qrf = dataRows(sheet, 7).find((row) => row.getCell(2).value === 'Quick Response Fund')!;
    // The seeded approved request moved ₱2,500,000.00 between two of its phases; the rejected and pending ones moved nothing.
    expect(rowValues(qrf, 9).slice(4)).toEqual([200000000, 0, 2500000, 2500000, 200000000]);
  });

  it('has the header rows, the columns, a row per PPA equal to the API’s figures, and a TOTAL equal to their sum', async () => {
    const workbook = await workbookFrom(await admin('/reports/budget-execution.xlsx?fiscalYear=2026'));
    const sheet = workbook.getWorksheet('Budget Execution Report')!;
    expect([1, 2, 3].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([
      'MINISTRY OF FINANCE AND BUDGET MANAGEMENT',
      'BANGSAMORO AUTONOMOUS REGION IN MUSLIM MINDANAO',
      'BUDGET EXECUTION REPORT - FY 2026',
    ]);
    expect(String(sheet.getRow(4).getCell(1).value)).toMatch(/^Generated: [A-Z][a-z]{2} \d{1,2}, \d{4} at \d{2}:\d{2} \(Asia\/Manila\)$/);
    expect(rowValues(sheet.getRow(7), 16)).toEqual(MFBM_HEADERS);
    expectPrintable(sheet, 7, 16);

    // Only PPAs approved out of budget review are rows of the report (and of its TOTAL); the others are apart.
    const ids = await allPpaIds(admin, 'fiscalYear=2026');
    const rows = dataRows(sheet, 7);
    const counted = new Set<string>();
    for (const id of ids) if (countsInReportTotals((await ownFigures(admin, id)).ppa.approvalStage as ApprovalStage)) counted.add(id);
    expect(counted.size).toBeGreaterThan(0);
    expect(rows).toHaveLength(counted.size);
    const byCode = new Map(rows.map((row) => [row.getCell(1).value as string, row]));
    for (const id of counted) {
      const own = await ownFigures(admin, id);
      const row = byCode.get(ppaCode(own.ppa.moa.code, 2026, id));
      expect(row, own.ppa.title).toBeDefined();
      const money = {
        ceiling: parsePesos(own.ceiling),
        allocation: parsePesos(own.allocation),
        obligations: parsePesos(own.obligations),
        disbursements: parsePesos(own.disbursements),
      };
      const derived = deriveFigures(money);
      expect(rowValues(row!, 16), own.ppa.title).toEqual([
        ppaCode(own.ppa.moa.code, 2026, id),
        own.ppa.title,
        own.ppa.moa.code,
        own.ppa.appropriationClass,
        pesos(own.allocation),
        0,
        0,
        0,
        pesos(own.allocation),
        pesos(own.obligations),
        pesos(own.disbursements),
        pesos(toPesoString(derived.variance)),
        derived.variancePercent,
        derived.utilisation,
        PPA_STATUS_WORDS[own.ppa.status as keyof typeof PPA_STATUS_WORDS],
        executionRemarks({
          approvalStage: own.ppa.approvalStage as 'draft',
          overBudget: money.disbursements > money.allocation,
          utilisation: derived.utilisation,
        }),
      ]);
      for (const column of [5, 6, 7, 8, 9, 10, 11, 12]) {
        expect(row!.getCell(column).type).toBe(ExcelJS.ValueType.Number);
        expect(row!.getCell(column).numFmt).toBe('"₱"#,##0.00');
      }
    }
    const livelihood = byCode.get(ppaCode('MSSD', 2026, LIVELIHOOD))!;
    expect(livelihood.getCell(16).value).toBe('Low utilization');

    const total = sheet.getRow(7 + rows.length + 1);
    expect(total.getCell(1).value).toBe('TOTAL');
    for (const column of [5, 6, 7, 8, 9, 10, 11, 12]) {
      expect(centavos(total.getCell(column).value), MFBM_HEADERS[column - 1]).toBe(rows.reduce((s, r) => s + centavos(r.getCell(column).value), 0n));
      expect(total.getCell(column).numFmt).toBe('"₱"#,##0.00');
    }
    // Child and Youth Welfare (₱435.9M, technical review) is no part of the TOTAL.
    expect(byCode.has(ppaCode('MSSD', 2026, stableId('ppa:mssd-child')))).toBe(false);
    const apart = await expectListedApart(workbook, ids, counted);
    expect(apart).toBeGreaterThan(0);
    expect(sheet.getRow(7 + rows.length + 3).getCell(1).value).toBe(totalsNote(apart));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Budget Execution Report', APART_SHEET]);
  });

  it('one MOA, and a planner’s own MOA only: another MOA’s report has no PPAs', async () => {
    const mssd = (await workbookFrom(await admin('/reports/budget-execution.xlsx?fiscalYear=2026&moa=mssd'))).worksheets[0]!;
    const mssdRows = dataRows(mssd, 7);
    expect(new Set(mssdRows.map((r) => r.getCell(3).value))).toEqual(new Set(['MSSD']));
    expect(String(mssd.getRow(5).getCell(1).value)).toContain('MSSD');
    const own = (await workbookFrom(await planner('/reports/budget-execution.xlsx?fiscalYear=2026'))).worksheets[0]!;
    expect(dataRows(own, 7).map((r) => r.getCell(1).value)).toEqual(mssdRows.map((r) => r.getCell(1).value));
    const foreign = (await workbookFrom(await planner('/reports/budget-execution.xlsx?fiscalYear=2026&moa=MAFAR'))).worksheets[0]!;
    expect(dataRows(foreign, 7)).toEqual([]);
    expect(foreign.getRow(8).getCell(5).value).toBe(0);
    expect(foreign.getRow(10).getCell(1).value).toBe(totalsNote(0));
  });
});

describe('COA Variance Report', () => {
  it('Budget Variance: obligation and disbursement rates and findings per PPA, equal to the API; a TOTAL row', async () => {
    const workbook = await workbookFrom(await admin('/reports/coa-variance.xlsx?fiscalYear=2026&moa=MSSD'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Budget Variance', APART_SHEET, 'Activity Breakdown', 'Audit Trail']);
    const sheet = workbook.getWorksheet('Budget Variance')!;
    expect([1, 2, 3].map((r) => sheet.getRow(r).getCell(1).value)).toEqual([
      'COMMISSION ON AUDIT',
      'BANGSAMORO AUTONOMOUS REGION IN MUSLIM MINDANAO',
      'BUDGET VARIANCE REPORT - FY 2026',
    ]);
    expect(rowValues(sheet.getRow(7), 11)).toEqual([
      'PPA Code',
      'PPA Title',
      'Implementing MOA',
      'Allocated (₱)',
      'Obligations (₱)',
      'Disbursements (₱)',
      'Variance (₱)',
      'Variance (%)',
      'Obligation Rate (%)',
      'Disbursement Rate (%)',
      'Audit Findings',
    ]);
    expectPrintable(sheet, 7, 11);
    const rows = dataRows(sheet, 7);
    const ids = await allPpaIds(admin, 'fiscalYear=2026&moa=MSSD');
    const counted = new Set<string>();
    for (const id of ids) if (countsInReportTotals((await ownFigures(admin, id)).ppa.approvalStage as ApprovalStage)) counted.add(id);
    expect(rows).toHaveLength(counted.size);
    const apart = await expectListedApart(workbook, ids, counted);
    expect(sheet.getRow(7 + rows.length + 3).getCell(1).value).toBe(totalsNote(apart));
    for (const id of counted) {
      const own = await ownFigures(admin, id);
      const row = rows.find((r) => r.getCell(1).value === ppaCode('MSSD', 2026, id))!;
      const money = {
        ceiling: 0n,
        allocation: parsePesos(own.allocation),
        obligations: parsePesos(own.obligations),
        disbursements: parsePesos(own.disbursements),
      };
      const f = deriveFigures(money);
      expect(rowValues(row, 11).slice(3), own.ppa.title).toEqual([
        pesos(own.allocation),
        pesos(own.obligations),
        pesos(own.disbursements),
        pesos(toPesoString(f.variance)),
        f.variancePercent,
        f.obligationRate,
        f.disbursementRate,
        auditFindings({
          variancePercent: f.variancePercent,
          overBudget: money.disbursements > money.allocation,
          obligationRate: f.obligationRate,
          disbursementRate: f.disbursementRate,
        }),
      ]);
    }
    const older = rows.find((r) => r.getCell(1).value === ppaCode('MSSD', 2026, stableId('ppa:mssd-older')))!;
    expect(older.getCell(10).value).toBe(1150);
    expect(older.getCell(11).value).toBe('MATERIAL VARIANCE; LOW OBLIGATION RATE; DISBURSEMENT RATE ABOVE 100%');
    const total = sheet.getRow(7 + rows.length + 1);
    expect(total.getCell(1).value).toBe('TOTAL');
    for (const column of [4, 5, 6, 7]) expect(centavos(total.getCell(column).value)).toBe(rows.reduce((s, r) => s + centavos(r.getCell(column).value), 0n));
  });

  it('Activity Breakdown: one row per work item, equal to the allocation tree’s node; a PPA without items gets a PPA-level row', async () => {
    const workbook = await workbookFrom(await admin('/reports/coa-variance.xlsx?fiscalYear=2026&moa=MSSD'));
    const sheet = workbook.getWorksheet('Activity Breakdown')!;
    expect(rowValues(sheet.getRow(5), 12)).toEqual([
      'PPA Code',
      'PPA Title',
      'Level',
      'Work Item',
      'Type',
      'Allocated (₱)',
      'Actual (₱)',
      'Variance (₱)',
      'Variance (%)',
      'Utilization (%)',
      'Budget Status',
      'Status',
    ]);
    expectPrintable(sheet, 5, 12);
    const rows = dataRows(sheet, 5);
    let expected = 0;
    for (const id of await allPpaIds(admin, 'fiscalYear=2026&moa=MSSD')) {
      const own = await ownFigures(admin, id);
      const mine = rows.filter((r) => r.getCell(1).value === ppaCode('MSSD', 2026, id));
      if (!own.tree) {
        expect(mine.map((r) => r.getCell(4).value)).toEqual(['PPA level (no work items)']);
        expected += 1;
        continue;
      }
      const nodes: { node: TreeNode; level: number }[] = [];
      const walk = (node: TreeNode, level: number) => {
        nodes.push({ node, level });
        node.children.forEach((c) => walk(c, level + 1));
      };
      walk(own.tree, 0);
      expected += nodes.length;
      expect(
        mine.map((r) => rowValues(r, 12).slice(2)),
        own.ppa.title,
      ).toEqual(
        nodes.map(({ node, level }) => [
          level,
          node.title,
          humanize(node.workType),
          pesos(node.allocated),
          pesos(node.actual),
          pesos(node.variance),
          node.variancePercent,
          node.utilisation,
          BUDGET_STATUS_LABELS[node.budgetStatus as 'over_budget'],
          humanize(node.status),
        ]),
      );
    }
    expect(rows).toHaveLength(expected);
    const venue = rows.find((r) => r.getCell(4).value === 'Venue Booking')!;
    expect([venue.getCell(7).value, venue.getCell(11).value, venue.getCell(4).alignment?.indent]).toEqual([342500, 'Over Budget', 2]);
    // Types and statuses in the tree's words ("Sub project", "In progress"), never the stored codes.
    expect(rows.filter((r) => [5, 12].some((c) => /_|^[a-z]/.test(String(r.getCell(c).value ?? 'X'))))).toEqual([]);
  });

  it('Audit Trail: who changed what, old → new, when; newest first; text never a formula', async () => {
    const workbook = await workbookFrom(await admin('/reports/coa-variance.xlsx?fiscalYear=2026&moa=MSSD'));
    const sheet = workbook.getWorksheet('Audit Trail')!;
    expect(rowValues(sheet.getRow(5), 9)).toEqual(['When (Manila)', 'PPA Code', 'PPA Title', 'Action', 'Field', 'Old Value', 'New Value', 'User', 'Reason']);
    const rows = dataRows(sheet, 5).map((r) => rowValues(r, 9));
    const edit = rows.find((r) => r[3] === 'Edited the PPA' && r[4] === 'Description')!;
    // Empty cells (no old value, no reason) are empty, not "".
    expect(edit.slice(1)).toEqual([
      ppaCode('MSSD', 2026, stableId('ppa:mssd-family')),
      'Family and Community Welfare Program',
      'Edited the PPA',
      'Description',
      null,
      'Family welfare, revised',
      'Norhaya Planner (MSSD)',
      null,
    ]);
    expect(String(edit[0])).toMatch(new RegExp(`^${TODAY} \\d{2}:\\d{2}:\\d{2}$`));
    // In the history's words: what happened, amounts in pesos, the item by its title.
    const spending = rows.filter((r) => r[3] === 'Recorded a disbursement of ₱250,000.25 on “Training Sessions”');
    expect(spending.find((r) => r[4] === 'Description')?.[6]).toBe("'=1+1 second batch");
    expect(rows.filter((r) => r[3] === 'Locked the budget').map((r) => [r[7], r[8]])).toContainEqual([
      'Farida Reviewer (MFBM)',
      'Approved in budget review: budget review → stakeholder consultation',
    ]);
    // Every moment in Manila time: no raw UTC timestamp, and no stored code, in any cell.
    expect(rows.flat().filter((v) => /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|^[a-z]+(_[a-z]+)+$/.test(String(v ?? '')))).toEqual([]);
    expect(rows.every((r) => String(r[1]).startsWith('MSSD-'))).toBe(true);
    const times = rows.map((r) => String(r[0]));
    expect(times).toEqual([...times].sort().reverse());
  });
});

describe('serving the reports', () => {
  it('REST answers with the file; bad input is a 400 naming the field; no token is a 401', async () => {
    const res = await admin('/reports/coa-variance.xlsx?fiscalYear=2026');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="coa-variance-FY2026.xlsx"');
    for (const [query, field] of [
      ['', 'fiscalYear'],
      ['fiscalYear=abc', 'fiscalYear'],
      ['fiscalYear=3000', 'fiscalYear'],
      ['fiscalYear=2026&moa=%27%3B--', 'moa'],
    ]) {
      for (const report of ['budget-execution', 'coa-variance']) {
        const bad = await admin(`/reports/${report}.xlsx?${query}`);
        expect(bad.status, `${report} ${query}`).toBe(400);
        expect(((await bad.json()) as { message: string }).message).toContain(field);
      }
    }
    const { handleRestRequest } = await import('../../http/rest-handler');
    expect((await handleRestRequest(new Request('http://localhost/api/v1/reports/budget-execution.xlsx?fiscalYear=2026'), handle.db)).status).toBe(401);
    // An unknown year is an empty report, not an error.
    const empty = (await workbookFrom(await admin('/reports/budget-execution.xlsx?fiscalYear=2099'))).worksheets[0]!;
    expect(dataRows(empty, 7)).toEqual([]);
  });

  it('the OpenAPI document describes the responses as the workbook file', () => {
    const document = openApiDocument('http://localhost');
    for (const path of ['/reports/budget-execution.xlsx', '/reports/coa-variance.xlsx']) {
      const ok = (document.paths?.[path]?.get?.responses as Record<string, { content: Record<string, unknown> }>)['200']!;
      expect(Object.keys(ok.content)).toEqual([XLSX_CONTENT_TYPE]);
      expect(ok.content[XLSX_CONTENT_TYPE]).toEqual({ schema: { type: 'string', format: 'binary' } });
    }
    expect(document.components?.schemas?.FileDownload).toBeUndefined();
    expect(document.paths?.['/portfolio']?.get).toBeDefined();
  });

  it('the browser’s session download: 401 without one, 400 for a bad year, the workbook otherwise; tRPC gives base64', async () => {
    const viewer = await demoViewer(handle.db, 'viewer@example.org');
    expect((await handleReportDownload(handle.db, null, 'budget-execution', new URLSearchParams('fiscalYear=2026'))).status).toBe(401);
    expect((await handleReportDownload(handle.db, viewer, 'coa-variance', new URLSearchParams('fiscalYear=twenty'))).status).toBe(400);
    expect((await handleReportDownload(handle.db, viewer, 'coa-variance', new URLSearchParams())).status).toBe(400);
    const ok = await handleReportDownload(handle.db, viewer, 'budget-execution', new URLSearchParams('fiscalYear=2026&moa=MSSD'));
    expect(ok.headers.get('content-disposition')).toBe('attachment; filename="mfbm-budget-execution-FY2026-MSSD.xlsx"');
    const fromSession = new ExcelJS.Workbook();
    await fromSession.xlsx.load(await ok.arrayBuffer());
    const caller = await callerFor(handle.db, 'viewer@example.org');
    const file = await caller.report.budgetExecution({ fiscalYear: 2026, moa: 'MSSD' });
    const fromTrpc = new ExcelJS.Workbook();
    await fromTrpc.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(dataRows(fromTrpc.worksheets[0]!, 7).map((r) => rowValues(r, 12))).toEqual(dataRows(fromSession.worksheets[0]!, 7).map((r) => rowValues(r, 12)));
  });
});
