import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spreadsheetCell, spreadsheetText } from './spreadsheet-cells';

describe('spreadsheetText', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd|/C calc!A0', `'+1+cmd|/C calc!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('puts a quote before %j', (text, expected) => {
    expect(spreadsheetText(text)).toBe(expected);
  });

  it.each(['Venue Booking', 'Completion & Reporting', 'a=b', 'Budget: ₱-5', '', ' =not first', "'=already quoted"])('leaves %j alone', (text) => {
    expect(spreadsheetText(text)).toBe(text);
  });

  it('never lets text start with a formula character, and only ever adds one quote', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const safe = spreadsheetText(text);
        expect(/^[=+\-@\t\r]/.test(safe)).toBe(false);
        expect([text, `'${text}`]).toContain(safe);
      }),
    );
  });
});

describe('spreadsheetCell', () => {
  it('neutralises text but keeps numbers (negative ones too) and blanks as they are', () => {
    expect(spreadsheetCell('-cmd')).toBe("'-cmd");
    expect(spreadsheetCell(-42500)).toBe(-42500);
    expect(spreadsheetCell(0)).toBe(0);
    expect(spreadsheetCell(null)).toBeNull();
  });
});
