import { describe, expect, it } from 'vitest';
import { parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { amountText, draftProblems, savedLine } from './allocation-form-model';

function node(id: string, title: string, allocated: string, children: AllocationNodeShape[] = []): AllocationNodeShape {
  return {
    id,
    title,
    workType: 'activity',
    status: 'not_started',
    progress: 0,
    originalAllocation: allocated,
    transfersIn: '0.00',
    transfersOut: '0.00',
    appropriationClass: null,
    objectOfExpenditure: null,
    allocated,
    actual: '0.00',
    remaining: allocated,
    variance: '0.00',
    obligations: '0.00',
    disbursements: '0.00',
    obligationRate: null,
    disbursementRate: null,
    unobligated: allocated,
    variancePercent: null,
    utilisation: null,
    budgetStatus: 'no_expenditure',
    childrenAllocated: '0.00',
    unallocated: allocated,
    sortOrder: 0,
    weight: '1',
    budgetNotes: '',
    priority: 'medium',
    startDate: null,
    dueDate: null,
    childCount: children.length,
    children,
  };
}

const tree = node('p', 'Project', '1000.00', [
  node('a', 'Planning', '400.00', [node('a1', 'Survey', '300.00'), node('a2', 'Design', '200.00')]),
  node('b', 'Implementation', '500.00'),
]);
const stored = (n: AllocationNodeShape) => parsePesos(n.allocated);

describe('the co-edited draft’s problems', () => {
  it('gives one message per over-allocated parent and marks each of its children', () => {
    const { byGroup, flagged } = draftProblems(tree, stored, parsePesos('1000'));
    expect([...byGroup.entries()]).toEqual([['a', 'This would allocate ₱500.00 under "Planning", which has only ₱400.00: ₱100.00 too much.']]);
    expect([...flagged]).toEqual(['a1', 'a2']);
  });

  it('follows the draft’s amounts, and checks the project against the PPA', () => {
    const draft = new Map([
      ['a2', parsePesos('100')],
      ['p', parsePesos('1200')],
      ['b', parsePesos('900')],
    ]);
    const { byGroup, flagged } = draftProblems(tree, (n) => draft.get(n.id) ?? stored(n), parsePesos('1000'));
    expect([...byGroup.keys()]).toEqual(['p', 'p:ppa']);
    expect(byGroup.get('p')).toBe('This would allocate ₱1,300.00 under "Project", which has only ₱1,200.00: ₱100.00 too much.');
    expect(byGroup.get('p:ppa')).toBe('The project cannot hold more than the PPA’s ₱1,000.00.');
    expect([...flagged].sort()).toEqual(['a', 'b', 'p']);
  });

  it('finds nothing in a sound draft', () => {
    const sound = draftProblems(tree, (n) => (n.id === 'a1' ? parsePesos('200') : stored(n)), null);
    expect(sound.byGroup.size).toBe(0);
    expect(sound.flagged.size).toBe(0);
  });
});

describe('the form’s words', () => {
  it('shows amounts formatted while read and raw while typed in', () => {
    expect(amountText(parsePesos('2400000'), false)).toBe('₱2,400,000.00');
    expect(amountText(parsePesos('2400000'), true)).toBe('2400000.00');
  });

  it('says who saved and when, with the Manila date', () => {
    expect(savedLine('Norhaya Planner (MSSD)', '2026-11-26T23:30:00Z')).toBe('Saved by Norhaya Planner (MSSD) on Nov 27, 2026 at 07:30');
  });
});
