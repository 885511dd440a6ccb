import { describe, expect, it } from 'vitest';
import { zRecordExpenditureRequest } from '@/server/contracts/work-item';
import { afterRecorded, emptyExpenditure, expenditureRequest, spendingSummary } from './expenditure-model';

const ITEM_ID = '77777777-7777-4777-8777-777777777777';

function firstErrors(request: unknown) {
  const parsed = zRecordExpenditureRequest.safeParse(request);
  const errors: Record<string, string> = {};
  // The dialog shows each field's first message (fieldError).
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

describe('expenditure form', () => {
  it('starts blank, dated today', () => {
    expect(emptyExpenditure(new Date('2026-03-15T10:00:00Z'))).toEqual({ amount: '', date: '2026-03-15', description: '' });
    expect(emptyExpenditure().date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a valid entry becomes the record request, normalised by the server’s schema', () => {
    const request = expenditureRequest(ITEM_ID, { amount: '₱12,500.5', date: '2026-03-15', description: ' Venue rental ' });
    expect(request).toEqual({ id: ITEM_ID, amount: '₱12,500.5', date: '2026-03-15', description: ' Venue rental ' });
    expect(zRecordExpenditureRequest.parse(request)).toEqual({ id: ITEM_ID, amount: '12500.50', date: '2026-03-15', description: 'Venue rental' });
  });

  it('each invalid input is refused under its own field', () => {
    const valid = { amount: '100', date: '2026-03-15', description: 'Snacks' };
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, amount: '0' }))).toEqual({ amount: 'An expenditure must be more than ₱0.00.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, amount: 'ten' }))).toEqual({ amount: 'Enter an amount in pesos, like 1500000.00.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, date: '' }))).toEqual({ date: 'Enter a date as YYYY-MM-DD.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, description: '  ' }))).toEqual({ description: 'Describe what the money was spent on.' });
  });

  it('after recording, the date stays and amount and description clear', () => {
    expect(afterRecorded({ amount: '100', date: '2026-03-01', description: 'Snacks' })).toEqual({ amount: '', date: '2026-03-01', description: '' });
  });

  it('summarises the item’s money in pesos', () => {
    expect(spendingSummary({ allocated: '100000.00', actual: '25000.50', remaining: '74999.50' })).toBe(
      'Allocated ₱100,000.00 · actual ₱25,000.50 · remaining ₱74,999.50',
    );
    expect(spendingSummary({ allocated: '0.00', actual: '150.00', remaining: '-150.00' })).toBe('Allocated ₱0.00 · actual ₱150.00 · remaining -₱150.00');
  });
});
