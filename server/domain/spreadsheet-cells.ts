/**
 * Spreadsheet formula injection ("CSV injection", OWASP): Excel, LibreOffice and Google Sheets may run a
 * cell whose text starts with = + - @ (or a tab or carriage return before one) as a formula, so a work item
 * titled =HYPERLINK("http://evil","x") would become a live link, or worse, in whoever opens the export.
 * OWASP's remedy: a leading single quote, which every spreadsheet reads as "this is text".
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text as a spreadsheet will show it, never run it. */
export function spreadsheetText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export type SpreadsheetValue = string | number | null;

/**
 * A cell for any export (CSV, XLSX): text goes through `spreadsheetText`; numbers and blanks stay as they
 * are, since a number cell is never a formula (a negative amount must stay a number, not become text).
 */
export function spreadsheetCell(value: SpreadsheetValue): SpreadsheetValue {
  return typeof value === 'string' ? spreadsheetText(value) : value;
}
