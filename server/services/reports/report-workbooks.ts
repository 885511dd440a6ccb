import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { BUDGET_STATUS_LABELS } from '../../domain/budget-status';
import { humanize } from '../../domain/labels';
import { manilaMomentText } from '../../domain/manila-time';
import { centavosOf, toPesoString, type Centavos } from '../../domain/money';
import { addTotals, deriveFigures } from '../../domain/portfolio';
import {
  APART_SHEET,
  auditFindings,
  auditTrailLines,
  executionRemarks,
  ppaCode,
  PPA_STATUS_WORDS,
  splitForTotals,
  stageText,
  totalsNote,
} from '../../domain/reports';
import { rollUpTree, walkTree, type FlatWorkItem } from '../../domain/rollup';
import { spreadsheetCell, type SpreadsheetValue } from '../../domain/spreadsheet-cells';
import type { Viewer } from '../../domain/types';
import { XLSX_CONTENT_TYPE, type FileDownload, type ReportRequest } from '../../contracts/reports';
import { streamWorkbook } from '../exports/xlsx-stream';
import type { FlatTreeRow } from '../budget/allocation-tree';
import { figuresCtes, isoTimestamp, readPpaFigures, type PpaFigureRow } from '../portfolio/ppa-figures';
import { seesAllMoas } from '../access';

/**
 * The MFBM Budget Execution Report and the COA Variance Report (docs/domain-rules.md, "Portfolio and
 * reports") as Excel workbooks. Every figure comes from the portfolio's per-PPA figures query, so a report
 * and the dashboard never disagree; amounts are numbers with a peso format, never text; text typed by users
 * goes through spreadsheetCell so it can never run as a formula; each table's header row is frozen and
 * filterable and the sheets print on A4 landscape, one page wide.
 */

export const PESO_FORMAT = '"₱"#,##0.00';
export const PERCENT_FORMAT = '0.00';
/** The audit trail sheet stops here; the log itself keeps everything (the PPA's history view shows it all). */
export const AUDIT_TRAIL_MAX_ROWS = 10_000;

export interface ReportFile {
  fileName: string;
  content: Buffer;
}

export function toFileDownload(file: ReportFile): FileDownload {
  return { fileName: file.fileName, contentType: XLSX_CONTENT_TYPE, contentBase64: file.content.toString('base64') };
}

type Cell = SpreadsheetValue;
type Kind = 'text' | 'amount' | 'percent' | 'number';
export interface Column<Row> {
  header: string;
  kind: Kind;
  width: number;
  value: (row: Row) => Cell;
}

const manilaDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Manila',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** An amount as the number a spreadsheet cell holds: exact to the centavo for any budget we keep. */
export const pesoNumber = (centavos: Centavos): number => Number(toPesoString(centavos));

function scopeLine(input: ReportRequest, viewer: Viewer, rows: readonly PpaFigureRow[]): string {
  if (input.moa) return `Implementing MOA: ${rows[0]?.moaName ? `${input.moa} — ${rows[0].moaName}` : input.moa}`;
  return seesAllMoas(viewer) ? 'Implementing MOA: all' : 'Implementing MOA: your MOA';
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4788' } };
const THIN_TOP: Partial<ExcelJS.Borders> = { top: { style: 'thin' } };
const TEXT_ALIGNMENT: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

interface Title {
  text: string;
  bold?: boolean;
  size?: number;
  italic?: boolean;
}

interface TableOptions<Row> {
  /** The TOTAL row under the table: cells by column header ("TOTAL" goes in the first column). */
  totals?: Record<string, Cell>;
  /** Per-row touches (an indent) as each row is written. */
  decorate?: (sheetRow: ExcelJS.Row, row: Row) => void;
  /** Lines under the table (after a blank row): what the TOTAL counts. */
  notes?: string[];
}

/**
 * One sheet: title rows (merged across the table, centred), a blank row, the header row (frozen, filterable),
 * the data rows, and the TOTAL row if any; A4 landscape, one page wide, the header repeated on every page.
 * Rows are streamed in order and let go as they are written. Returns the header row's number.
 */
export function writeTable<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  titles: Title[],
  columns: Column<Row>[],
  rows: readonly Row[],
  options: TableOptions<Row> = {},
): number {
  const headerRow = titles.length + 2;
  const lastDataRow = headerRow + rows.length;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(headerRow, lastDataRow), column: columns.length } };
  sheet.columns = columns.map((column) => ({
    width: column.width,
    // Styles by column, so each cell takes its column's (one shared style) instead of one of its own.
    style:
      column.kind === 'amount'
        ? { numFmt: PESO_FORMAT }
        : column.kind === 'percent'
          ? { numFmt: PERCENT_FORMAT }
          : column.kind === 'text'
            ? { alignment: TEXT_ALIGNMENT }
            : {},
  }));

  titles.forEach((title, i) => {
    const row = sheet.getRow(i + 1);
    const cell = row.getCell(1);
    cell.value = spreadsheetCell(title.text);
    cell.font = { bold: title.bold ?? true, italic: title.italic, size: title.size ?? 12 };
    cell.alignment = { horizontal: 'center' };
    sheet.mergeCells(i + 1, 1, i + 1, columns.length);
    row.commit();
  });

  const header = sheet.getRow(headerRow);
  columns.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.value = spreadsheetCell(column.header);
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEADER_FILL;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  header.commit();

  rows.forEach((row, r) => {
    const sheetRow = sheet.getRow(headerRow + 1 + r);
    columns.forEach((column, c) => {
      const cell = sheetRow.getCell(c + 1);
      const value = column.value(row);
      // An empty text is an empty cell, not a cell holding "".
      cell.value = column.kind === 'text' ? (value === '' ? null : spreadsheetCell(value)) : value;
    });
    options.decorate?.(sheetRow, row);
    sheetRow.commit();
  });

  if (options.totals) {
    const total = sheet.getRow(lastDataRow + 1);
    total.getCell(1).value = 'TOTAL';
    columns.forEach((column, i) => {
      if (column.header in options.totals!) total.getCell(i + 1).value = options.totals![column.header]!;
    });
    total.eachCell((cell) => {
      cell.font = { bold: true };
      cell.border = THIN_TOP;
    });
    total.commit();
  }
  (options.notes ?? []).forEach((note, i) => {
    const at = lastDataRow + (options.totals ? 3 : 2) + i;
    const cell = sheet.getRow(at).getCell(1);
    cell.value = spreadsheetCell(note);
    cell.font = { italic: true, size: 9 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.mergeCells(at, 1, at, columns.length);
    sheet.getRow(at).commit();
  });
  sheet.commit();
  return headerRow;
}

export const codeOf = (row: PpaFigureRow) => ppaCode(row.moaCode, row.fiscalYear, row.id);
const isOver = (row: PpaFigureRow) => row.money.disbursements > row.money.allocation;

/** A PPA's money as both reports show it: allocation, ledger and variance. */
const LEDGER_COLUMNS: Column<PpaFigureRow>[] = [
  { header: 'Allocated (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.allocation) },
  { header: 'Obligations (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.obligations) },
  { header: 'Disbursements (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.disbursements) },
  { header: 'Variance (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.figures.variance) },
  { header: 'Variance (%)', kind: 'percent', width: 11, value: (r) => r.figures.variancePercent },
];

/**
 * Approved modifications as the SAAODB lays them out after the allotment: the net adjustment, what was
 * transferred to other items (out) and from them (in), and the adjusted allotment the ledger is measured
 * against. Within a PPA the two transfers are equal (its total never changes).
 */
const MODIFICATION_COLUMNS: Column<PpaFigureRow>[] = [
  { header: 'Adjustments (₱)', kind: 'amount', width: 16, value: (r) => pesoNumber(r.transfers.in - r.transfers.out) },
  { header: 'Transfer To (₱)', kind: 'amount', width: 16, value: (r) => pesoNumber(r.transfers.out) },
  { header: 'Transfer From (₱)', kind: 'amount', width: 16, value: (r) => pesoNumber(r.transfers.in) },
  { header: 'Adjusted Allotment (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.allocation + r.transfers.in - r.transfers.out) },
];

/** The MFBM Budget Execution Report's columns, one row per PPA. */
export const BUDGET_EXECUTION_COLUMNS: Column<PpaFigureRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: codeOf },
  { header: 'PPA Title', kind: 'text', width: 42, value: (r) => r.title },
  { header: 'Implementing MOA', kind: 'text', width: 12, value: (r) => r.moaCode },
  { header: 'Appropriation Class', kind: 'text', width: 13, value: (r) => r.appropriationClass ?? '' },
  LEDGER_COLUMNS[0]!,
  ...MODIFICATION_COLUMNS,
  ...LEDGER_COLUMNS.slice(1),
  { header: 'Utilization (%)', kind: 'percent', width: 11, value: (r) => r.figures.utilisation },
  { header: 'Status', kind: 'text', width: 11, value: (r) => PPA_STATUS_WORDS[r.status] },
  {
    header: 'Remarks',
    kind: 'text',
    width: 34,
    value: (r) => executionRemarks({ approvalStage: r.approvalStage, overBudget: isOver(r), utilisation: r.figures.utilisation }),
  },
];

/** The COA "Budget Variance" sheet's columns, one row per PPA. */
export const BUDGET_VARIANCE_COLUMNS: Column<PpaFigureRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: codeOf },
  { header: 'PPA Title', kind: 'text', width: 40, value: (r) => r.title },
  { header: 'Implementing MOA', kind: 'text', width: 12, value: (r) => r.moaCode },
  ...LEDGER_COLUMNS,
  { header: 'Obligation Rate (%)', kind: 'percent', width: 12, value: (r) => r.figures.obligationRate },
  { header: 'Disbursement Rate (%)', kind: 'percent', width: 12, value: (r) => r.figures.disbursementRate },
  {
    header: 'Audit Findings',
    kind: 'text',
    width: 34,
    value: (r) =>
      auditFindings({
        variancePercent: r.figures.variancePercent,
        overBudget: isOver(r),
        obligationRate: r.figures.obligationRate,
        disbursementRate: r.figures.disbursementRate,
      }),
  },
];

/**
 * The PPAs a TOTAL leaves out (not yet approved out of budget review), on a sheet of their own: their stage and
 * proposed amounts, no TOTAL and no findings.
 */
export const APART_COLUMNS: Column<PpaFigureRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: codeOf },
  { header: 'PPA Title', kind: 'text', width: 42, value: (r) => r.title },
  { header: 'Implementing MOA', kind: 'text', width: 12, value: (r) => r.moaCode },
  { header: 'Appropriation Class', kind: 'text', width: 13, value: (r) => r.appropriationClass ?? '' },
  { header: 'Approval Stage', kind: 'text', width: 18, value: (r) => stageText(r.approvalStage) },
  { header: 'Proposed Allocation (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.allocation) },
  { header: 'Obligations (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.obligations) },
  { header: 'Disbursements (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.money.disbursements) },
];

function writeApartSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  report: string,
  input: ReportRequest,
  scope: string,
  rows: readonly PpaFigureRow[],
): void {
  if (rows.length === 0) return;
  writeTable(
    workbook,
    APART_SHEET,
    [
      { text: 'PPAS NOT YET APPROVED OUT OF BUDGET REVIEW', size: 12 },
      { text: `FY ${input.fiscalYear} · ${scope}`, bold: false, size: 10 },
      { text: `Their amounts are proposals, not allotments: the ${report}’s TOTAL does not count them.`, bold: false, italic: true, size: 9 },
    ],
    APART_COLUMNS,
    rows,
  );
}

/** The TOTAL row's money columns, shared by both reports: sums of the rows, and the figures of those sums. */
function totalsOf(rows: readonly PpaFigureRow[]) {
  const money = addTotals(rows.map((r) => r.money));
  const figures = deriveFigures(money);
  const moved = { in: rows.reduce((sum, r) => sum + r.transfers.in, 0n), out: rows.reduce((sum, r) => sum + r.transfers.out, 0n) };
  const moneyColumns = {
    'Allocated (₱)': pesoNumber(money.allocation),
    'Obligations (₱)': pesoNumber(money.obligations),
    'Disbursements (₱)': pesoNumber(money.disbursements),
    'Variance (₱)': pesoNumber(figures.variance),
    'Variance (%)': figures.variancePercent,
    'Adjustments (₱)': pesoNumber(moved.in - moved.out),
    'Transfer To (₱)': pesoNumber(moved.out),
    'Transfer From (₱)': pesoNumber(moved.in),
    'Adjusted Allotment (₱)': pesoNumber(money.allocation + moved.in - moved.out),
  };
  return { figures, moneyColumns };
}

export function reportTitles(authority: string, title: string, input: ReportRequest, viewer: Viewer, rows: readonly PpaFigureRow[], now: Date) {
  return [
    { text: authority, size: 14 },
    { text: 'BANGSAMORO AUTONOMOUS REGION IN MUSLIM MINDANAO' },
    { text: `${title} - FY ${input.fiscalYear}` },
    { text: `Generated: ${manilaMomentText(now)} (Asia/Manila)`, bold: false, italic: true, size: 10 },
    { text: scopeLine(input, viewer, rows), bold: false, size: 10 },
  ];
}

export function fileName(kind: string, input: ReportRequest): string {
  return `${kind}-FY${input.fiscalYear}${input.moa ? `-${input.moa}` : ''}.xlsx`;
}

export interface ReportOptions {
  db: Queryable;
  viewer: Viewer;
  input: ReportRequest;
  now?: Date;
}

/** The PPAs of the report: the fiscal year, the MOA if given, within what the viewer may see; by MOA, then title. */
export function reportRows(options: ReportOptions, now: Date) {
  return readPpaFigures({ db: options.db, viewer: options.viewer, filters: { fiscalYear: options.input.fiscalYear, moaCode: options.input.moa }, now });
}

/**
 * MFBM Budget Execution Report: the header rows, one row per PPA approved out of budget review, a TOTAL row of
 * those, and a note; the PPAs still in draft or review on a sheet apart. Two statements in all.
 */
export async function budgetExecutionReport(options: ReportOptions): Promise<ReportFile> {
  const now = options.now ?? new Date();
  const all = await reportRows(options, now);
  const { counted, apart } = splitForTotals(all);
  const { figures, moneyColumns } = totalsOf(counted);
  const content = await streamWorkbook(now, (workbook) => {
    writeTable(
      workbook,
      'Budget Execution Report',
      reportTitles('MINISTRY OF FINANCE AND BUDGET MANAGEMENT', 'BUDGET EXECUTION REPORT', options.input, options.viewer, all, now),
      BUDGET_EXECUTION_COLUMNS,
      counted,
      {
        totals: {
          ...moneyColumns,
          'Utilization (%)': figures.utilisation,
        },
        notes: [totalsNote(apart.length)],
      },
    );
    writeApartSheet(workbook, 'Budget Execution Report', options.input, scopeLine(options.input, options.viewer, all), apart);
  });
  return { fileName: fileName('mfbm-budget-execution', options.input), content };
}

/** One work item of the Activity Breakdown, its figures rolled up as the allocation tree rolls them. */
export interface BreakdownRow {
  ppa: PpaFigureRow;
  level: number;
  title: string;
  workType: string;
  status: string;
  allocated: Centavos;
  actual: Centavos;
  variance: Centavos;
  variancePercent: number | null;
  utilisation: number | null;
  budgetStatus: string;
}

type FlatItemRow = Pick<FlatTreeRow, 'id' | 'parent_id' | 'title' | 'work_type' | 'status' | 'progress' | 'allocated_budget' | 'sort_order' | 'own_actual'> & {
  ppa_id: string;
};

/**
 * Every work item of the report's PPAs with the disbursements recorded on it, in one statement; rolled up per
 * PPA in code by the allocation tree's own rollup. A PPA without work items gets one PPA-level row. Also each
 * item's title, for the audit trail's words.
 */
async function breakdownRows(
  options: ReportOptions,
  ppaRows: readonly PpaFigureRow[],
  now: Date,
): Promise<{ rows: BreakdownRow[]; titles: Map<string, string> }> {
  const result = await options.db.execute(sql`
    ${figuresCtes({ viewer: options.viewer, filters: { fiscalYear: options.input.fiscalYear, moaCode: options.input.moa }, now })},
    own as (
      select e.work_item_id, sum(e.amount) as total
      from expenditure_entries e
      where e.kind = 'disbursement' and e.ppa_id in (select id from scoped)
      group by e.work_item_id
    )
    select w.id, w.ppa_id, w.parent_id, w.title, w.work_type, w.status, w.progress, w.adjusted_budget::text as allocated_budget,
           w.sort_order, own.total::text as own_actual
    from work_items w left join own on own.work_item_id = w.id
    where w.ppa_id in (select id from scoped)`);
  const itemsByPpa = new Map<string, FlatWorkItem[]>();
  const titles = new Map<string, string>();
  for (const r of rowsOf<FlatItemRow>(result)) {
    titles.set(r.id, r.title);
    const list = itemsByPpa.get(r.ppa_id) ?? [];
    list.push({
      id: r.id,
      parentId: r.parent_id,
      title: r.title,
      workType: r.work_type,
      status: r.status,
      progress: Number(r.progress),
      allocated: centavosOf(r.allocated_budget),
      ownActual: centavosOf(r.own_actual),
      sortOrder: Number(r.sort_order),
    });
    itemsByPpa.set(r.ppa_id, list);
  }
  const rows: BreakdownRow[] = [];
  for (const ppa of ppaRows) {
    const items = itemsByPpa.get(ppa.id);
    if (!items) {
      rows.push({
        ppa,
        level: 0,
        title: 'PPA level (no work items)',
        workType: '',
        status: PPA_STATUS_WORDS[ppa.status],
        allocated: ppa.money.allocation,
        actual: ppa.money.disbursements,
        variance: ppa.figures.variance,
        variancePercent: ppa.figures.variancePercent,
        utilisation: ppa.figures.utilisation,
        budgetStatus: BUDGET_STATUS_LABELS[ppa.figures.budgetStatus],
      });
      continue;
    }
    const roots = rollUpTree(items, 'budget_weighted');
    const depth = new Map<string, number>();
    for (const node of walkTree(roots)) {
      const level = node.item.parentId ? (depth.get(node.item.parentId) ?? 0) + 1 : 0;
      depth.set(node.item.id, level);
      rows.push({
        ppa,
        level,
        title: node.item.title,
        workType: node.item.workType,
        status: node.item.status,
        allocated: node.allocated,
        actual: node.actual,
        variance: node.variance,
        variancePercent: node.variancePercent,
        utilisation: node.utilisationPercent,
        budgetStatus: BUDGET_STATUS_LABELS[node.budgetStatus],
      });
    }
  }
  return { rows, titles };
}

export const ACTIVITY_BREAKDOWN_COLUMNS: Column<BreakdownRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: (r) => codeOf(r.ppa) },
  { header: 'PPA Title', kind: 'text', width: 30, value: (r) => r.ppa.title },
  { header: 'Level', kind: 'number', width: 7, value: (r) => r.level },
  { header: 'Work Item', kind: 'text', width: 36, value: (r) => r.title },
  { header: 'Type', kind: 'text', width: 12, value: (r) => (r.workType ? humanize(r.workType) : '') },
  { header: 'Allocated (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.allocated) },
  { header: 'Actual (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.actual) },
  { header: 'Variance (₱)', kind: 'amount', width: 18, value: (r) => pesoNumber(r.variance) },
  { header: 'Variance (%)', kind: 'percent', width: 11, value: (r) => r.variancePercent },
  { header: 'Utilization (%)', kind: 'percent', width: 11, value: (r) => r.utilisation },
  { header: 'Budget Status', kind: 'text', width: 15, value: (r) => r.budgetStatus },
  { header: 'Status', kind: 'text', width: 12, value: (r) => humanize(r.status) },
];

export interface AuditTrailRow {
  at: string;
  ppa: PpaFigureRow;
  action: string;
  field: string;
  oldValue: string;
  newValue: string;
  user: string;
  reason: string;
}

interface AuditSqlRow {
  ppa_id: string;
  created_at: string;
  entity_type: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  actor: string | null;
}

/** The audit log of the report's PPAs, newest first; at most AUDIT_TRAIL_MAX_ROWS + 1 rows (one more says "truncated"). */
async function readAuditLog(options: ReportOptions, now: Date): Promise<AuditSqlRow[]> {
  const result = await options.db.execute(sql`
    ${figuresCtes({ viewer: options.viewer, filters: { fiscalYear: options.input.fiscalYear, moaCode: options.input.moa }, now })}
    select l.ppa_id, ${isoTimestamp(sql`l.created_at`)} as created_at, l.entity_type, l.entity_id, l.action,
           l.before::text as before, l.after::text as after, l.reason, coalesce(u.name, u.email) as actor
    from audit_log l left join users u on u.id = l.actor_id
    where l.ppa_id in (select id from scoped)
    order by l.created_at desc, l.id
    limit ${AUDIT_TRAIL_MAX_ROWS + 1}`);
  return rowsOf<AuditSqlRow>(result);
}

/** The audit trail in the history's words, one row per changed value; at most AUDIT_TRAIL_MAX_ROWS. */
function auditTrailRows(
  log: readonly AuditSqlRow[],
  ppaRows: readonly PpaFigureRow[],
  titles: ReadonlyMap<string, string>,
): { rows: AuditTrailRow[]; truncated: boolean } {
  const byId = new Map(ppaRows.map((p) => [p.id, p]));
  const rows: AuditTrailRow[] = [];
  for (const r of log) {
    const ppa = byId.get(r.ppa_id);
    if (!ppa) continue;
    const facts = {
      entityType: r.entity_type,
      entityId: r.entity_id,
      action: r.action,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
    };
    for (const line of auditTrailLines(facts, (id) => titles.get(id))) {
      rows.push({ at: manilaDateTime.format(new Date(r.created_at)), ppa, ...line, user: r.actor ?? 'System', reason: r.reason ?? '' });
    }
  }
  const truncated = rows.length > AUDIT_TRAIL_MAX_ROWS;
  return { rows: rows.slice(0, AUDIT_TRAIL_MAX_ROWS), truncated };
}

export const AUDIT_TRAIL_COLUMNS: Column<AuditTrailRow>[] = [
  { header: 'When (Manila)', kind: 'text', width: 19, value: (r) => r.at },
  { header: 'PPA Code', kind: 'text', width: 22, value: (r) => codeOf(r.ppa) },
  { header: 'PPA Title', kind: 'text', width: 28, value: (r) => r.ppa.title },
  { header: 'Action', kind: 'text', width: 40, value: (r) => r.action },
  { header: 'Field', kind: 'text', width: 18, value: (r) => r.field },
  { header: 'Old Value', kind: 'text', width: 30, value: (r) => r.oldValue },
  { header: 'New Value', kind: 'text', width: 30, value: (r) => r.newValue },
  { header: 'User', kind: 'text', width: 22, value: (r) => r.user },
  { header: 'Reason', kind: 'text', width: 24, value: (r) => r.reason },
];

/**
 * COA Variance Report: "Budget Variance" (per PPA approved out of budget review, with obligation and disbursement
 * rates, findings and a TOTAL row), the other PPAs on a sheet apart, "Activity Breakdown" (per work item) and
 * "Audit Trail" (who changed what, old → new, when). Four statements in all, whatever the number of PPAs.
 */
export async function coaVarianceReport(options: ReportOptions): Promise<ReportFile> {
  const now = options.now ?? new Date();
  const rows = await reportRows(options, now);
  const [{ rows: breakdown, titles }, log] = await Promise.all([breakdownRows(options, rows, now), readAuditLog(options, now)]);
  const audit = auditTrailRows(log, rows, titles);
  // Variance and findings are about approved budgets: a draft's proposal is listed apart, never audited or totalled.
  const { counted, apart } = splitForTotals(rows);
  const { figures, moneyColumns } = totalsOf(counted);
  const scope = scopeLine(options.input, options.viewer, rows);
  const content = await streamWorkbook(now, (workbook) => {
    writeTable(
      workbook,
      'Budget Variance',
      reportTitles('COMMISSION ON AUDIT', 'BUDGET VARIANCE REPORT', options.input, options.viewer, rows, now),
      BUDGET_VARIANCE_COLUMNS,
      counted,
      {
        totals: {
          ...moneyColumns,
          'Obligation Rate (%)': figures.obligationRate,
          'Disbursement Rate (%)': figures.disbursementRate,
        },
        notes: [totalsNote(apart.length)],
      },
    );
    writeApartSheet(workbook, 'Budget Variance Report', options.input, scope, apart);
    const workItemColumn = ACTIVITY_BREAKDOWN_COLUMNS.findIndex((c) => c.header === 'Work Item') + 1;
    writeTable(
      workbook,
      'Activity Breakdown',
      [
        { text: 'ACTIVITY BREAKDOWN', size: 12 },
        { text: `FY ${options.input.fiscalYear} · ${scope}`, bold: false, size: 10 },
        // An item's allocation already holds its children's: a column total would count money twice.
        {
          text: 'Each work item’s allocated amount includes its sub-items’; actual rolls up the spending of the item and everything under it.',
          bold: false,
          italic: true,
          size: 9,
        },
      ],
      ACTIVITY_BREAKDOWN_COLUMNS,
      breakdown,
      { decorate: (sheetRow, row) => (sheetRow.getCell(workItemColumn).alignment = { indent: row.level, wrapText: true, vertical: 'top' }) },
    );
    writeTable(
      workbook,
      'Audit Trail',
      [
        { text: 'AUDIT TRAIL', size: 12 },
        { text: `FY ${options.input.fiscalYear} · ${scope} · newest first`, bold: false, size: 10 },
        {
          text: audit.truncated
            ? `Only the latest ${AUDIT_TRAIL_MAX_ROWS.toLocaleString('en-PH')} changes are listed; each PPA’s history shows all of its changes.`
            : 'Every recorded change to these PPAs, their budgets, work items and ledgers.',
          bold: false,
          italic: true,
          size: 9,
        },
      ],
      AUDIT_TRAIL_COLUMNS,
      audit.rows,
    );
  });
  return { fileName: fileName('coa-variance', options.input), content };
}
