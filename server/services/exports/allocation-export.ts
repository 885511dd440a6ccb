import ExcelJS from 'exceljs';
import { BUDGET_STATUS_LABELS } from '../../domain/budget-status';
import type { AllocationNodeShape, AllocationTreeResponse } from '../../routers/budget/budget.types';

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

const HEADERS = ['Level', 'Title', 'Type', 'Status', 'Progress %', 'Allocated', 'Actual', 'Remaining', 'Variance', 'Utilisation %', 'Budget status'];

function cells({ level, node }: ExportRow) {
  return [level, node.title, node.workType, node.status, node.progress, node.allocated, node.actual, node.remaining, node.variance, node.utilisation, BUDGET_STATUS_LABELS[node.budgetStatus]] as const;
}

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The allocation tree as CSV (RFC 4180): one row per work item, amounts as exact decimal pesos. */
export function allocationTreeCsv(tree: AllocationTreeResponse): string {
  const rows = tree.tree ? flatten(tree.tree) : [];
  return [HEADERS, ...rows.map(cells)].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The allocation tree as an Excel workbook: amounts are numbers with a peso format, titles indented by level. */
export async function allocationTreeXlsx(tree: AllocationTreeResponse): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'PPA Tracker';
  const sheet = workbook.addWorksheet('Allocation tree', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.addRow([`${tree.ppa.title} (${tree.ppa.moaCode})`]).font = { bold: true, size: 13 };
  sheet.addRow([`Budget allocation: ${tree.ppa.budgetAllocation ?? '—'}`]);
  const header = sheet.addRow(HEADERS);
  header.font = { bold: true };
  for (const row of tree.tree ? flatten(tree.tree) : []) {
    const values = cells(row);
    // A spreadsheet cell holds a number; the exact amount is the two-decimal string it is parsed from.
    const added = sheet.addRow([values[0], values[1], values[2], values[3], values[4], ...values.slice(5, 9).map(Number), values[9], values[10]]);
    added.getCell(2).alignment = { indent: row.level };
  }
  for (const column of [6, 7, 8, 9]) sheet.getColumn(column).numFmt = PESO_FORMAT;
  sheet.getColumn(2).width = 40;
  for (const column of [6, 7, 8, 9]) sheet.getColumn(column).width = 18;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
