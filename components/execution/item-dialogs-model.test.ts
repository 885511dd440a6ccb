import { describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { zAddWorkItemRequest, zUpdateWorkItemRequest } from '@/server/contracts/work-item';
import { allowedChildTypes } from '@/server/domain/work-item-types';
import { fieldError } from '../ui/field-error';
import { addChildRequest, defaultChildType, displayWeight, editItemRequest, initialEditValues, unallocatedHint } from './item-dialogs-model';

const node: AllocationNodeShape = {
  id: '33333333-3333-4333-8333-333333333333',
  title: 'Training',
  workType: 'activity',
  status: 'in_progress',
  progress: 40,
  originalAllocation: '100000.00',
  transfersIn: '0.00',
  transfersOut: '0.00',
  appropriationClass: null,
  objectOfExpenditure: null,
  allocated: '100000.00',
  actual: '25000.50',
  obligations: '0.00',
  disbursements: '25000.50',
  obligationRate: 0,
  disbursementRate: null,
  unobligated: '100000.00',
  remaining: '74999.50',
  variance: '0.00',
  variancePercent: null,
  utilisation: 25,
  budgetStatus: 'under_budget',
  childrenAllocated: '0.00',
  unallocated: '100000.00',
  sortOrder: 0,
  weight: '1.0000',
  budgetNotes: '',
  priority: 'medium',
  startDate: '2026-03-01',
  dueDate: null,
  childCount: 0,
  children: [],
};

/** The server's first message per field for a request, as the dialog shows it (fieldError of the tRPC error). */
function serverFieldErrors(schema: typeof zUpdateWorkItemRequest | typeof zAddWorkItemRequest, request: unknown) {
  const parsed = schema.safeParse(request);
  if (parsed.success) return {};
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? '')] ??= []).push(issue.message);
  const error = { data: { fieldErrors } };
  return Object.fromEntries(Object.keys(fieldErrors).map((field) => [field, fieldError(error, field)]));
}

describe('EditItemDialog request', () => {
  it('starts from the item’s current values (dates, weight, notes), not "Unchanged"', () => {
    expect(initialEditValues({ ...node, budgetNotes: 'Venue + meals', weight: '2.5000' })).toEqual({
      title: 'Training',
      status: 'in_progress',
      progress: '40',
      allocatedBudget: '100000.00',
      workType: 'activity',
      priority: 'medium',
      startDate: '2026-03-01',
      dueDate: '',
      weight: '2.5',
      budgetNotes: 'Venue + meals',
      appropriationClass: '',
      objectOfExpenditure: '',
    });
    expect(displayWeight('1.0000')).toBe('1');
    expect(displayWeight('0.2500')).toBe('0.25');
    expect(displayWeight('10')).toBe('10');
  });

  it('unchanged inputs send title, status and progress only (not the type nor a locked allocation)', () => {
    const request = editItemRequest(node, initialEditValues(node));
    expect(request).toEqual({ id: node.id, title: 'Training', status: 'in_progress', progress: 40 });
    expect(zUpdateWorkItemRequest.safeParse(request).success).toBe(true);
    // The same amount or weight written differently is no change either.
    expect(editItemRequest(node, { ...initialEditValues(node), allocatedBudget: '₱100,000', weight: '1' })).toEqual(request);
  });

  it('sends a new appropriation class or object of expenditure, and clears them back to the parent’s', () => {
    const set = editItemRequest(node, { ...initialEditValues(node), appropriationClass: 'CO', objectOfExpenditure: ' 5060405003 ICT Equipment ' });
    expect(set).toMatchObject({ appropriationClass: 'CO', objectOfExpenditure: '5060405003 ICT Equipment' });
    expect(zUpdateWorkItemRequest.safeParse(set).success).toBe(true);
    const classified = { ...node, appropriationClass: 'CO' as const, objectOfExpenditure: 'x' };
    expect(editItemRequest(classified, { ...initialEditValues(classified), appropriationClass: '', objectOfExpenditure: '' })).toMatchObject({
      appropriationClass: null,
      objectOfExpenditure: null,
    });
  });

  it('sends what changed: the type, allocation, priority, dates, weight and notes', () => {
    const request = editItemRequest(node, {
      ...initialEditValues(node),
      workType: 'sub_activity',
      allocatedBudget: '₱120,000',
      progress: '55',
      priority: 'high',
      startDate: '2026-03-02',
      dueDate: '2026-04-30',
      weight: '2.5',
      budgetNotes: 'Venue + meals',
    });
    expect(request).toEqual({
      id: node.id,
      title: 'Training',
      status: 'in_progress',
      progress: 55,
      workType: 'sub_activity',
      allocatedBudget: '₱120,000',
      priority: 'high',
      startDate: '2026-03-02',
      dueDate: '2026-04-30',
      weight: '2.5',
      budgetNotes: 'Venue + meals',
    });
    expect(zUpdateWorkItemRequest.parse(request)).toMatchObject({ allocatedBudget: '120000.00', weight: '2.5' });
  });

  it('an emptied date or note clears it', () => {
    const request = editItemRequest(
      { ...node, budgetNotes: 'Old note' },
      { ...initialEditValues({ ...node, budgetNotes: 'Old note' }), startDate: '', budgetNotes: '' },
    );
    expect(request).toMatchObject({ startDate: null, budgetNotes: '' });
    expect(zUpdateWorkItemRequest.safeParse(request).success).toBe(true);
  });

  it('each invalid input comes back from the server under its own field', () => {
    const edit = (values: Partial<ReturnType<typeof initialEditValues>>) =>
      serverFieldErrors(zUpdateWorkItemRequest, editItemRequest(node, { ...initialEditValues(node), ...values }));
    expect(edit({ title: ' ' })).toEqual({ title: 'Give the work item a title.' });
    // An emptied progress box reads as 0, which is valid.
    expect(edit({ progress: '' })).toEqual({});
    expect(edit({ progress: '101' })).toEqual({ progress: 'Progress is between 0 and 100.' });
    expect(edit({ progress: '4.5' })).toEqual({ progress: 'Enter progress as a whole number from 0 to 100.' });
    expect(edit({ progress: 'abc' })).toEqual({ progress: 'Enter progress as a whole number from 0 to 100.' });
    expect(edit({ allocatedBudget: '12.345' })).toEqual({ allocatedBudget: 'Enter an amount in pesos, like 1500000.00.' });
    expect(edit({ weight: 'heavy' })).toEqual({ weight: 'Enter the weight as a number of at most 4 decimals, like 1 or 2.5.' });
    expect(edit({ startDate: '2026-05-01', dueDate: '2026-04-30' })).toEqual({ dueDate: 'The due date cannot be before the start date.' });
    expect(edit({ dueDate: '31/12/2026' })).toEqual({ dueDate: 'Enter a date as YYYY-MM-DD.' });
    expect(edit({ budgetNotes: 'x'.repeat(2001) })).toEqual({ budgetNotes: 'Keep the budget notes under 2,000 characters.' });
  });
});

describe('AddChildDialog request', () => {
  const parentId = node.id;

  it('leaves the allocation out when no amount is typed', () => {
    const request = addChildRequest(parentId, 'Venue booking', 'task', '');
    expect(request).toEqual({ parentId, title: 'Venue booking', workType: 'task' });
    expect(zAddWorkItemRequest.safeParse(request).success).toBe(true);
  });

  it('sends a typed amount, which the server normalises', () => {
    const request = addChildRequest(parentId, 'Venue booking', 'sub_activity', '5,000');
    expect(request).toEqual({ parentId, title: 'Venue booking', workType: 'sub_activity', allocatedBudget: '5,000' });
    expect(zAddWorkItemRequest.parse(request).allocatedBudget).toBe('5000.00');
  });

  it('an empty title or a bad amount comes back under its field', () => {
    expect(serverFieldErrors(zAddWorkItemRequest, addChildRequest(parentId, '', 'task', ''))).toEqual({ title: 'Give the work item a title.' });
    expect(serverFieldErrors(zAddWorkItemRequest, addChildRequest(parentId, 'Venue', 'task', '-1'))).toEqual({
      allocatedBudget: 'Amounts cannot be negative.',
    });
  });

  it('shows the parent’s unallocated money as planners read amounts', () => {
    expect(unallocatedHint({ title: 'Execution', unallocated: '99999.50' })).toBe("Allocated (₱), from Execution's unallocated ₱99,999.50");
    expect(unallocatedHint({ title: 'Execution', unallocated: '0.00' })).toBe("Allocated (₱), from Execution's unallocated ₱0.00");
  });

  it('a new child starts as the next main level: an activity under a project or a sub-project, a task under an activity or a sub-activity', () => {
    expect(defaultChildType(allowedChildTypes('project'))).toBe('activity');
    expect(defaultChildType(allowedChildTypes('sub_project'))).toBe('activity');
    expect(defaultChildType(allowedChildTypes('activity'))).toBe('task');
    expect(defaultChildType(allowedChildTypes('sub_activity'))).toBe('task');
    expect(defaultChildType(allowedChildTypes('task'))).toBe('subtask');
    expect(defaultChildType(['subtask'])).toBe('subtask');
    expect(defaultChildType([])).toBe('task');
  });
});

describe('fieldError', () => {
  it('reads the first message of one field of a tRPC error, if any', () => {
    const error = { data: { fieldErrors: { title: ['Too long', 'Other'] } } };
    expect(fieldError(error, 'title')).toBe('Too long');
    expect(fieldError(error, 'progress')).toBeUndefined();
    expect(fieldError({ data: { fieldErrors: null } }, 'title')).toBeUndefined();
    expect(fieldError(new Error('boom'), 'title')).toBeUndefined();
    expect(fieldError(null, 'title')).toBeUndefined();
  });
});
