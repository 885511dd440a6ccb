import { toPesoString } from '../../domain/money';
import { addTotals, deriveFigures } from '../../domain/portfolio';
import { humanize } from '../../domain/labels';
import { PPA_STATUS_WORDS, stageText } from '../../domain/reports';
import { spreadsheetCell, spreadsheetText } from '../../domain/spreadsheet-cells';
import type { PpaFigureRow } from '../portfolio/ppa-figures';
import { streamWorkbook } from './xlsx-stream';

const PESO_FORMAT = '"₱"#,##0.00';

/**
 * The PPA list's exports: the rows the list's filters select, in its order, with the list's columns. Text is
 * neutralised against formula injection (titles are typed by planners); amounts are exact two-decimal strings
 * in the CSV and numbers with a peso format in the XLSX.
 */
type Column = { header: string } & (
  | { kind: 'text'; value: (row: PpaFigureRow) => string }
  | { kind: 'amount'; value: (row: PpaFigureRow) => string | null }
  | { kind: 'number'; value: (row: PpaFigureRow) => number | null }
);

export const PPA_LIST_EXPORT_COLUMNS: Column[] = [
  { header: 'Title', kind: 'text', value: (r) => r.title },
  { header: 'MOA', kind: 'text', value: (r) => r.moaCode },
  { header: 'Fiscal year', kind: 'number', value: (r) => r.fiscalYear },
  // In the words of the list and the PPA page ("Peace security", "Program"), not the stored codes.
  { header: 'Sector', kind: 'text', value: (r) => humanize(r.sector) },
  { header: 'Category', kind: 'text', value: (r) => humanize(r.category) },
  { header: 'Approval stage', kind: 'text', value: (r) => stageText(r.approvalStage) },
  { header: 'Days in stage', kind: 'number', value: (r) => r.daysInStage },
  { header: 'Status', kind: 'text', value: (r) => PPA_STATUS_WORDS[r.status] },
  { header: 'Progress %', kind: 'number', value: (r) => r.progress },
  { header: 'Budget ceiling', kind: 'amount', value: (r) => r.budgetCeiling },
  { header: 'Budget allocation', kind: 'amount', value: (r) => r.budgetAllocation },
  { header: 'Obligations', kind: 'amount', value: (r) => toPesoString(r.money.obligations) },
  { header: 'Disbursements', kind: 'amount', value: (r) => toPesoString(r.money.disbursements) },
  { header: 'Utilisation %', kind: 'number', value: (r) => r.figures.utilisation },
];

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvCells(row: PpaFigureRow): string[] {
  return PPA_LIST_EXPORT_COLUMNS.map((column) => csvField(column.kind === 'amount' ? column.value(row) : spreadsheetCell(column.value(row))));
}

/** The list as CSV (RFC 4180): a header and one row per PPA, nothing else, so it loads as a table. */
export function ppaListCsv(rows: readonly PpaFigureRow[]): string {
  const header = PPA_LIST_EXPORT_COLUMNS.map((c) => csvField(spreadsheetText(c.header)));
  return [header, ...rows.map(csvCells)].map((fields) => fields.join(',')).join('\r\n') + '\r\n';
}

/** The list as a workbook: frozen, filterable header; a TOTAL row that is the sum of the rows above it. */
export async function ppaListXlsx(rows: readonly PpaFigureRow[], now = new Date()): Promise<Buffer> {
  const money = addTotals(rows.map((r) => r.money));
  const totals: Record<string, number | string | null> = {
    Title: `TOTAL (${rows.length} PPAs)`,
    'Budget ceiling': Number(toPesoString(money.ceiling)),
    'Budget allocation': Number(toPesoString(money.allocation)),
    Obligations: Number(toPesoString(money.obligations)),
    Disbursements: Number(toPesoString(money.disbursements)),
    'Utilisation %': deriveFigures(money).utilisation,
  };
  return streamWorkbook(now, (workbook) => {
    const sheet = workbook.addWorksheet('PPAs', {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    });
    sheet.columns = PPA_LIST_EXPORT_COLUMNS.map((c) => ({
      width: c.header === 'Title' ? 48 : c.kind === 'amount' ? 18 : 12,
      style: c.kind === 'amount' ? { numFmt: PESO_FORMAT } : {},
    }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, rows.length + 1), column: PPA_LIST_EXPORT_COLUMNS.length } };
    const header = sheet.addRow(PPA_LIST_EXPORT_COLUMNS.map((c) => spreadsheetText(c.header)));
    header.font = { bold: true };
    header.commit();
    for (const row of rows) {
      sheet.addRow(PPA_LIST_EXPORT_COLUMNS.map((c) => (c.kind === 'amount' ? amountCell(c.value(row)) : spreadsheetCell(c.value(row))))).commit();
    }
    const total = sheet.addRow(PPA_LIST_EXPORT_COLUMNS.map((c) => totals[c.header] ?? null));
    total.font = { bold: true };
    total.commit();
    sheet.commit();
  });
}

const amountCell = (amount: string | null): number | null => (amount === null ? null : Number(amount));
