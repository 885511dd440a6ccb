import ExcelJS from 'exceljs';
import { BUDGET_STATUS_LABELS } from '../../domain/budget-status';
import { humanize } from '../../domain/labels';
import { formatStoredPesos } from '../../domain/money';
import { spreadsheetCell, spreadsheetText } from '../../domain/spreadsheet-cells';
import type { AllocationNodeShape, AllocationTreeResponse } from '../../contracts/budget';

const PESO_FORMAT = '"₱"#,##0.00;-"₱"#,##0.00';

interface ExportRow {
  level: number;
  node: AllocationNodeShape;
}

function flatten(node: AllocationNodeShape, level = 0, rows: ExportRow[] = []): ExportRow[] {
  rows.push({ level, node });
  for (const child of node.children) flatten(child, level + 1, rows);
  return rows;
}

/**
 * The exports' columns. The kind decides how a value is written: text is neutralised against formula
 * injection (it may be typed by anyone who edits the plan), amounts are exact two-decimal strings that
 * the XLSX turns into numbers, numbers are written as they are.
 */
type Column = { header: string } & (
  | { kind: 'text'; value: (row: ExportRow) => string }
  | { kind: 'amount'; value: (row: ExportRow) => string }
  | { kind: 'number'; value: (row: ExportRow) => number | null }
);

const COLUMNS: Column[] = [
  { header: 'Level', kind: 'number', value: (r) => r.level },
  { header: 'Title', kind: 'text', value: (r) => r.node.title },
  // In the words of the tree on the page ("Sub project", "In progress"), not the stored codes.
  { header: 'Type', kind: 'text', value: (r) => humanize(r.node.workType) },
  { header: 'Status', kind: 'text', value: (r) => humanize(r.node.status) },
  { header: 'Progress %', kind: 'number', value: (r) => r.node.progress },
  { header: 'Allocated', kind: 'amount', value: (r) => r.node.allocated },
  { header: 'Actual', kind: 'amount', value: (r) => r.node.actual },
  { header: 'Remaining', kind: 'amount', value: (r) => r.node.remaining },
  { header: 'Variance', kind: 'amount', value: (r) => r.node.variance },
  { header: 'Utilisation %', kind: 'number', value: (r) => r.node.utilisation },
  { header: 'Budget status', kind: 'text', value: (r) => BUDGET_STATUS_LABELS[r.node.budgetStatus] },
  // The ledger's other kind, after the columns integrators already read by position ("Actual" = disbursements).
  { header: 'Obligations', kind: 'amount', value: (r) => r.node.obligations },
  { header: 'Obligation rate %', kind: 'number', value: (r) => r.node.obligationRate },
  { header: 'Disbursement rate %', kind: 'number', value: (r) => r.node.disbursementRate },
  { header: 'Unobligated', kind: 'amount', value: (r) => r.node.unobligated },
  // Modifications after the lock, last for the same reason: "Allocated" is the adjusted figure, these explain it.
  { header: 'Approved allocation', kind: 'amount', value: (r) => r.node.originalAllocation },
  { header: 'Transfers in', kind: 'amount', value: (r) => r.node.transfersIn },
  { header: 'Transfers out', kind: 'amount', value: (r) => r.node.transfersOut },
];

const HEADERS = COLUMNS.map((c) => spreadsheetText(c.header));
const TITLE_COLUMN = COLUMNS.findIndex((c) => c.header === 'Title') + 1;
const AMOUNT_COLUMNS = COLUMNS.flatMap((c, i) => (c.kind === 'amount' ? [i + 1] : []));

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row's CSV fields: an amount stays the exact decimal a spreadsheet reads as a number (-42500.00 too). */
function csvCells(row: ExportRow): string[] {
  return COLUMNS.map((column) => csvField(column.kind === 'amount' ? column.value(row) : spreadsheetCell(column.value(row))));
}

/** The allocation tree as CSV (RFC 4180): one row per work item, amounts as exact decimal pesos. */
export function allocationTreeCsv(tree: AllocationTreeResponse): string {
  const rows = tree.tree ? flatten(tree.tree) : [];
  return [HEADERS.map(csvField), ...rows.map(csvCells)].map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

/** One row's XLSX cells: a spreadsheet cell holds a number; the exact amount is the string it is parsed from. */
function xlsxCells(row: ExportRow): (string | number | null)[] {
  return COLUMNS.map((column) => (column.kind === 'amount' ? Number(column.value(row)) : spreadsheetCell(column.value(row))));
}

/** The allocation tree as an Excel workbook: amounts are numbers with a peso format, titles indented by level. */
export async function allocationTreeXlsx(tree: AllocationTreeResponse): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PPA Tracker';
  const sheet = workbook.addWorksheet('Allocation tree', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([spreadsheetText(`${tree.ppa.title} (${tree.ppa.moaCode})`)]).font = { bold: true, size: 13 };
  sheet.addRow([spreadsheetText(`Budget allocation: ${formatStoredPesos(tree.ppa.budgetAllocation)}`)]);
  const header = sheet.addRow(HEADERS);
  header.font = { bold: true };
  for (const row of tree.tree ? flatten(tree.tree) : []) {
    const added = sheet.addRow(xlsxCells(row));
    added.getCell(TITLE_COLUMN).alignment = { indent: row.level };
  }
  for (const column of AMOUNT_COLUMNS) sheet.getColumn(column).numFmt = PESO_FORMAT;
  sheet.getColumn(TITLE_COLUMN).width = 40;
  for (const column of AMOUNT_COLUMNS) sheet.getColumn(column).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
