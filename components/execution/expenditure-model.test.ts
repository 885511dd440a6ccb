import { describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { zRecordExpenditureRequest, zReverseExpenditureRequest } from '@/server/contracts/work-item';
import {
  afterRecorded,
  emptyExpenditure,
  expenditureRequest,
  findNode,
  ledgerLine,
  reversalRequest,
  spendingSummary,
  type ExpenditureValues,
} from './expenditure-model';

const ITEM_ID = '77777777-7777-4777-8777-777777777777';
const ENTRY_ID = '88888888-8888-4888-8888-888888888888';

function firstErrors(request: unknown, schema: typeof zRecordExpenditureRequest | typeof zReverseExpenditureRequest = zRecordExpenditureRequest) {
  const parsed = schema.safeParse(request);
  const errors: Record<string, string> = {};
  // The dialog shows each field's first message (fieldError).
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return errors;
}

const valid: ExpenditureValues = { kind: 'disbursement', amount: '100', date: '2026-03-15', description: 'Snacks', referenceNo: '' };

describe('expenditure form', () => {
  it('starts as a blank disbursement dated today in Manila, not the UTC day', () => {
    // 07:30 on Nov 27 in Manila is still Nov 26 in UTC.
    expect(emptyExpenditure(new Date('2026-11-26T23:30:00Z'))).toEqual({
      kind: 'disbursement',
      amount: '',
      date: '2026-11-27',
      description: '',
      referenceNo: '',
    });
    expect(emptyExpenditure(new Date('2026-03-15T10:00:00Z')).date).toBe('2026-03-15');
    expect(emptyExpenditure().date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a valid entry becomes the record request, normalised by the server’s schema', () => {
    const request = expenditureRequest(ITEM_ID, {
      kind: 'obligation',
      amount: '₱12,500.5',
      date: '2026-03-15',
      description: ' Venue rental ',
      referenceNo: ' ORS-2026-03-0042 ',
    });
    expect(zRecordExpenditureRequest.parse(request)).toEqual({
      id: ITEM_ID,
      kind: 'obligation',
      amount: '12500.50',
      date: '2026-03-15',
      description: 'Venue rental',
      referenceNo: 'ORS-2026-03-0042',
    });
    // A blank reference is no reference.
    expect(zRecordExpenditureRequest.parse(expenditureRequest(ITEM_ID, valid)).referenceNo).toBeNull();
  });

  it('each invalid input is refused under its own field', () => {
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, amount: '0' }))).toEqual({ amount: 'An expenditure must be more than ₱0.00.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, amount: 'ten' }))).toEqual({ amount: 'Enter an amount in pesos, like 1500000.00.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, date: '' }))).toEqual({ date: 'Enter a date as YYYY-MM-DD.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, description: '  ' }))).toEqual({ description: 'Describe what the money was spent on.' });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, referenceNo: 'R'.repeat(61) }))).toEqual({
      referenceNo: 'Keep the reference number under 60 characters (an ORS or DV number).',
    });
    expect(firstErrors(expenditureRequest(ITEM_ID, { ...valid, referenceNo: 'DV\t12' }))).toEqual({
      referenceNo: 'The reference number may contain only printable characters.',
    });
    expect(firstErrors(reversalRequest(ENTRY_ID, ' no '), zReverseExpenditureRequest)).toEqual({
      reason: 'Give a reason of at least 5 characters; it stays in the ledger.',
    });
    expect(firstErrors(reversalRequest(ENTRY_ID, 'Entered on the wrong item'), zReverseExpenditureRequest)).toEqual({});
  });

  it('after recording, the kind and date stay and the rest clears', () => {
    expect(afterRecorded({ kind: 'obligation', amount: '100', date: '2026-03-01', description: 'Snacks', referenceNo: 'ORS-1' })).toEqual({
      kind: 'obligation',
      amount: '',
      date: '2026-03-01',
      description: '',
      referenceNo: '',
    });
  });

  it('summarises the item’s money in pesos: allocated, obligated, disbursed (actual), remaining', () => {
    expect(spendingSummary({ allocated: '100000.00', obligations: '60000.00', actual: '25000.50', remaining: '74999.50' })).toBe(
      'Allocated ₱100,000.00 · obligated ₱60,000.00 · disbursed ₱25,000.50 · remaining ₱74,999.50',
    );
    expect(spendingSummary({ allocated: '0.00', obligations: '0.00', actual: '150.00', remaining: '-150.00' })).toBe(
      'Allocated ₱0.00 · obligated ₱0.00 · disbursed ₱150.00 · remaining -₱150.00',
    );
  });
});

describe('the ledger list', () => {
  const entry = { kind: 'obligation' as const, amount: '1234.50', reversesId: null, reversalReason: null, reversedById: null };
  it('shows the kind and amount, and offers Reverse on an entry neither reversed nor a reversal', () => {
    expect(ledgerLine(entry)).toEqual({ kind: 'Obligation', amount: '₱1,234.50', note: null, reversible: true });
    expect(ledgerLine({ ...entry, reversedById: ENTRY_ID })).toEqual({ kind: 'Obligation', amount: '₱1,234.50', note: 'Reversed', reversible: false });
    expect(ledgerLine({ ...entry, kind: 'disbursement', amount: '-1234.50', reversesId: ENTRY_ID, reversalReason: 'Wrong item' })).toEqual({
      kind: 'Reversal of a disbursement',
      amount: '-₱1,234.50',
      note: 'Reason: Wrong item',
      reversible: false,
    });
  });

  it('finds the item in the latest tree, or nothing once it is gone', () => {
    const leaf = { id: 'b', children: [] } as unknown as AllocationNodeShape;
    const root = { id: 'a', children: [{ id: 'c', children: [leaf] }] } as unknown as AllocationNodeShape;
    expect(findNode(root, 'b')).toBe(leaf);
    expect(findNode(root, 'x')).toBeNull();
    expect(findNode(null, 'b')).toBeNull();
  });
});
