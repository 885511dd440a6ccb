import { describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import {
  adjustedItems,
  awaitingWords,
  emptyLine,
  itemOptions,
  netWords,
  parseLinks,
  previewableLines,
  previewableRequest,
  linesToSend,
} from './modification-model';

function node(id: string, allocated: string, children: AllocationNodeShape[] = [], moved: [string, string] = ['0.00', '0.00']): AllocationNodeShape {
  return {
    id,
    title: `Item ${id}`,
    workType: 'activity',
    status: 'not_started',
    progress: 0,
    originalAllocation: allocated,
    transfersIn: moved[0],
    transfersOut: moved[1],
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

describe('the modification form', () => {
  it('offers every item but the project, indented by depth', () => {
    const tree = node('p', '100.00', [node('a', '60.00', [node('a1', '10.00')]), node('b', '40.00')]);
    expect(itemOptions(tree).map((o) => o.label)).toEqual(['Item a', '— Item a1', 'Item b']);
    expect(itemOptions(null)).toEqual([]);
  });

  it('previews only complete lines, normalising amounts', () => {
    expect(previewableLines([emptyLine()])).toBeNull();
    expect(previewableLines([])).toBeNull();
    expect(previewableLines([{ fromWorkItemId: 'a', toWorkItemId: 'b', amount: '0' }])).toBeNull();
    expect(previewableLines([{ fromWorkItemId: 'a', toWorkItemId: 'b', amount: ' 1,500.5 ' }])).toEqual([
      { fromWorkItemId: 'a', toWorkItemId: 'b', amount: '1500.50' },
    ]);
  });

  it('reads links one per line', () => {
    expect(parseLinks(' https://a.example/x \n\n https://b.example ')).toEqual(['https://a.example/x', 'https://b.example']);
  });

  it('names who a request waits on and the net of transfers', () => {
    expect(awaitingWords('moa_head')).toBe('the head of the MOA');
    expect(awaitingWords('executive')).toBe('the executive');
    expect(awaitingWords(null)).toBeNull();
    const fmt = (s: string) => `₱${s}`;
    expect(netWords('0.00', '0.00', fmt)).toBe('—');
    expect(netWords('50.00', '0.00', fmt)).toBe('+₱50.00');
    expect(netWords('0.00', '2.50', fmt)).toBe('−₱2.50');
  });

  it('lists the items a modification changed', () => {
    const tree = node('p', '100.00', [node('a', '50.00', [], ['0.00', '10.00']), node('b', '50.00', [], ['10.00', '0.00']), node('c', '0.00')]);
    expect(adjustedItems(tree).map((n) => n.id)).toEqual(['a', 'b']);
  });
});

describe('a request carrying a plan revision', () => {
  const full = { fromWorkItemId: 'a', toWorkItemId: 'b', amount: ' 100 ' };

  it('drops wholly blank lines and previews with no lines at all', () => {
    expect(linesToSend([emptyLine()], true)).toEqual([]);
    expect(previewableRequest([emptyLine()], true)).toEqual([]);
    expect(previewableRequest([emptyLine(), full], true)).toEqual([{ ...full, amount: '100.00' }]);
  });

  it('still waits for a half-written line, and without a revision keeps every line', () => {
    expect(previewableRequest([{ ...emptyLine(), fromWorkItemId: 'a' }], true)).toBeNull();
    expect(linesToSend([emptyLine()], false)).toEqual([emptyLine()]);
    expect(previewableRequest([emptyLine()], false)).toBeNull();
  });
});
