import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '@/db/seed/stable-id';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { restAs, type Rest } from '@/test/portfolio';
import { callerFor, demoViewer } from '@/test/viewers';
import { XLSX_CONTENT_TYPE } from '../../contracts/reports';
import { physicalReport, saaodbReport } from './plan-workbooks';

/**
 * The Quarterly Physical Report of Operation and the SAAODB by quarter, opened with exceljs: the header rows,
 * Livelihood Training's row against its seeded plan and ledger, and every TOTAL equal to the sum of its column.
 */

let handle: TestDatabase;
let admin: Rest;
const HEADER_ROW = 7;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  admin = await restAs(handle.db, 'admin@example.org');
  // An explanation that looks like a formula lands as the text it is.
  const planner = await callerFor(handle.db, 'planner@example.org');
  await planner.plan.recordAccomplishment({
    id: stableId('ppa:mssd-livelihood'),
    indicatorKey: stableId('ppa:mssd-livelihood:indicator:Starter kits distributed'),
    quarter: 4,
    accomplished: '10',
    explanation: '=HYPERLINK("x") kits still at the port',
  });
});
afterAll(() => handle?.close());

async function workbookFrom(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  return workbook.worksheets[0]!;
}

function table(sheet: ExcelJS.Worksheet) {
  const headers = (sheet.getRow(HEADER_ROW).values as ExcelJS.CellValue[]).slice(1).map(String);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  let total: Record<string, ExcelJS.CellValue> | null = null;
  for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record = Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value]));
    if (row.getCell(1).value === 'TOTAL') {
      total = record;
      break;
    }
    rows.push(record);
  }
  return { headers, rows, total: total! };
}

const hundredths = (value: ExcelJS.CellValue) => Math.round(Number(value ?? 0) * 100);

/** Each numeric column's TOTAL is the sum of its rows, exactly (to the centavo or the hundredth). */
function expectTotalsAreSums(t: ReturnType<typeof table>, columns: string[]) {
  for (const column of columns) {
    expect(hundredths(t.total[column]), column).toBe(t.rows.reduce((s, r) => s + hundredths(r[column]), 0));
  }
}

describe('Quarterly Physical Report of Operation', () => {
  it('lists each indicator with its quarters, variance and explanations; its TOTAL is its rows', async () => {
    const sheet = await workbookFrom(await admin('/reports/physical-report-of-operation.xlsx?fiscalYear=2026'));
    expect(sheet.getRow(3).getCell(1).value).toBe('QUARTERLY PHYSICAL REPORT OF OPERATION - FY 2026');
    const t = table(sheet);
    const women = t.rows.find((r) => r['Output Indicator'] === 'OBC women trained')!;
    expect([women['Annual Target'], women['Q2 Target'], women['Q2 Actual'], women['Q3 Actual'], women['Q4 Actual']]).toEqual([400, 150, 140, 90, null]);
    expect(women['Explanation of Variance']).toMatch(/^Q3: Two batches moved to October/);
    const kits = t.rows.find((r) => r['Output Indicator'] === 'Starter kits distributed')!;
    expect(kits['Explanation of Variance']).toBe('Q4: =HYPERLINK("x") kits still at the port');
    const numeric = t.headers.filter((h) => /Target|Actual|^Variance$/.test(h));
    expect(numeric.length).toBeGreaterThan(10);
    expectTotalsAreSums(t, numeric);
  });

  it('answers a planner of another MOA with no rows, and the service the same file as the API', async () => {
    const mafar = await restAs(handle.db, 'planner.mafar@example.org');
    const t = table(await workbookFrom(await mafar('/reports/physical-report-of-operation.xlsx?fiscalYear=2026&moa=MSSD')));
    expect(t.rows).toEqual([]);
    const file = await physicalReport({ db: handle.db, viewer: await demoViewer(handle.db, 'admin@example.org'), input: { fiscalYear: 2026 } });
    expect(file.fileName).toBe('physical-report-of-operation-FY2026.xlsx');
  });
});

describe('SAAODB by quarter', () => {
  it('splits Livelihood’s ledger by quarter, with its balances; its TOTAL is its rows', async () => {
    const sheet = await workbookFrom(await admin('/reports/saaodb-by-quarter.xlsx?fiscalYear=2026'));
    const t = table(sheet);
    const livelihood = t.rows.find((r) => r['PPA Title'] === 'Livelihood Training for OBC Women')!;
    expect([livelihood['Obligations Q1 (₱)'], livelihood['Obligations Q2 (₱)'], livelihood['Obligations Q3 (₱)'], livelihood['Obligations Total (₱)']]).toEqual(
      [550000, 2292500, 0, 2842500],
    );
    expect([livelihood['Disbursements Q1 (₱)'], livelihood['Disbursements Q2 (₱)'], livelihood['Disbursements Total (₱)']]).toEqual([380000, 1267500, 1647500]);
    expect(livelihood['Unpaid Obligations (₱)']).toBe(1195000);
    expect(livelihood['Appropriation (₱)']).toBe(5000000);
    expectTotalsAreSums(
      t,
      t.headers.filter((h) => h.endsWith('(₱)')),
    );
  });

  it('releases the allotment quarter by quarter: before April only Q1’s obligation target', async () => {
    const viewer = await demoViewer(handle.db, 'admin@example.org');
    const file = await saaodbReport({ db: handle.db, viewer, input: { fiscalYear: 2026, moa: 'MSSD' }, now: new Date('2026-03-15T09:00:00+08:00') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const livelihood = table(workbook.worksheets[0]!).rows.find((r) => r['PPA Title'] === 'Livelihood Training for OBC Women')!;
    expect(livelihood['Allotment Released (₱)']).toBe(750000);
    expect(livelihood['Unobligated Allotment (₱)']).toBe(750000 - 2842500);
  });
});
