import { describe, expect, it } from 'vitest';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import type { WorkType } from '@/server/domain/types';
import { pathTo, rowToKeep, treeKeyResult, visibleRows, workTypeName, type TreeKey } from './tree-grid-model';

let ids = 0;
function item(title: string, workType: WorkType, children: AllocationNodeShape[] = []): AllocationNodeShape {
  ids += 1;
  return {
    id: `id-${title}`,
    title,
    workType,
    status: 'not_started',
    progress: 0,
    allocated: '0.00',
    actual: '0.00',
    obligations: '0.00',
    disbursements: '0.00',
    obligationRate: 0,
    disbursementRate: 0,
    unobligated: '0.00',
    remaining: '0.00',
    variance: '0.00',
    variancePercent: null,
    utilisation: null,
    budgetStatus: 'no_expenditure',
    childrenAllocated: '0.00',
    unallocated: '0.00',
    sortOrder: ids,
    weight: '1',
    budgetNotes: '',
    priority: 'medium',
    startDate: null,
    dueDate: null,
    childCount: children.length,
    children,
  } as AllocationNodeShape;
}

/** Project → Preparation (Venue, Permits), Execution (Sessions), Reporting. */
function plan() {
  return item('Project', 'project', [
    item('Preparation', 'activity', [item('Venue', 'task'), item('Permits', 'task')]),
    item('Execution', 'activity', [item('Sessions', 'task')]),
    item('Reporting', 'activity'),
  ]);
}

const key = (k: string, altKey = false): TreeKey => ({ key: k, altKey });
const titles = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => r.node.title);

describe('visibleRows', () => {
  it('lists every row in reading order with its level, place among its siblings and whether it is open', () => {
    const rows = visibleRows(plan(), new Set());
    expect(titles(rows)).toEqual(['Project', 'Preparation', 'Venue', 'Permits', 'Execution', 'Sessions', 'Reporting']);
    expect(rows.map((r) => [r.level, r.position, r.siblings, r.expanded])).toEqual([
      [1, 1, 1, true],
      [2, 1, 3, true],
      [3, 1, 2, undefined],
      [3, 2, 2, undefined],
      [2, 2, 3, true],
      [3, 1, 1, undefined],
      [2, 3, 3, undefined],
    ]);
    expect(rows[2]!.parent?.title).toBe('Preparation');
  });

  it('hides what is under a collapsed row, which says it is closed', () => {
    const rows = visibleRows(plan(), new Set(['id-Preparation']));
    expect(titles(rows)).toEqual(['Project', 'Preparation', 'Execution', 'Sessions', 'Reporting']);
    expect(rows[1]!.expanded).toBe(false);
    expect(titles(visibleRows(plan(), new Set(['id-Project'])))).toEqual(['Project']);
  });
});

describe('treeKeyResult: moving the focus', () => {
  const rows = visibleRows(plan(), new Set());

  it('↑ and ↓ go to the row above and below, Home and End to the first and last; nothing past the ends', () => {
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowDown'), false)).toEqual({ kind: 'focus', id: 'id-Permits' });
    expect(treeKeyResult(rows, 'id-Permits', key('ArrowDown'), false)).toEqual({ kind: 'focus', id: 'id-Execution' });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowUp'), false)).toEqual({ kind: 'focus', id: 'id-Preparation' });
    expect(treeKeyResult(rows, 'id-Sessions', key('Home'), false)).toEqual({ kind: 'focus', id: 'id-Project' });
    expect(treeKeyResult(rows, 'id-Venue', key('End'), false)).toEqual({ kind: 'focus', id: 'id-Reporting' });
    expect(treeKeyResult(rows, 'id-Project', key('ArrowUp'), false)).toBeNull();
    expect(treeKeyResult(rows, 'id-Reporting', key('ArrowDown'), false)).toBeNull();
  });

  it('skips the rows a collapsed row hides', () => {
    const closed = visibleRows(plan(), new Set(['id-Preparation']));
    expect(treeKeyResult(closed, 'id-Preparation', key('ArrowDown'), false)).toEqual({ kind: 'focus', id: 'id-Execution' });
  });

  it('→ opens a closed row, else goes to the row’s actions; ← closes an open row, else goes to its parent', () => {
    const closed = visibleRows(plan(), new Set(['id-Preparation']));
    expect(treeKeyResult(closed, 'id-Preparation', key('ArrowRight'), false)).toEqual({ kind: 'expand', id: 'id-Preparation' });
    expect(treeKeyResult(rows, 'id-Preparation', key('ArrowRight'), false)).toEqual({ kind: 'actions', id: 'id-Preparation', open: false });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowRight'), false)).toEqual({ kind: 'actions', id: 'id-Venue', open: false });
    expect(treeKeyResult(rows, 'id-Preparation', key('ArrowLeft'), false)).toEqual({ kind: 'collapse', id: 'id-Preparation' });
    expect(treeKeyResult(closed, 'id-Preparation', key('ArrowLeft'), false)).toEqual({ kind: 'focus', id: 'id-Project' });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowLeft'), false)).toEqual({ kind: 'focus', id: 'id-Preparation' });
    expect(treeKeyResult(visibleRows(plan(), new Set(['id-Project'])), 'id-Project', key('ArrowLeft'), false)).toBeNull();
  });

  it('Enter opens the row’s actions menu; other keys, and keys with Ctrl, Shift or Meta, are not the tree’s', () => {
    expect(treeKeyResult(rows, 'id-Venue', key('Enter'), false)).toEqual({ kind: 'actions', id: 'id-Venue', open: true });
    expect(treeKeyResult(rows, 'id-Venue', key('a'), false)).toBeNull();
    expect(treeKeyResult(rows, 'id-Venue', { key: 'ArrowDown', altKey: false, shiftKey: true }, false)).toBeNull();
    expect(treeKeyResult(rows, 'id-Venue', { key: 'ArrowDown', altKey: false, ctrlKey: true }, false)).toBeNull();
    expect(treeKeyResult(rows, 'id-gone', key('ArrowDown'), false)).toBeNull();
  });
});

describe('treeKeyResult: moving a row with Alt', () => {
  const rows = visibleRows(plan(), new Set());

  it('Alt+↑ and Alt+↓ reorder among the siblings, not past the ends', () => {
    expect(treeKeyResult(rows, 'id-Permits', key('ArrowUp', true), true)).toEqual({ kind: 'move', id: 'id-Permits', parentId: 'id-Preparation', position: 0 });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowDown', true), true)).toEqual({ kind: 'move', id: 'id-Venue', parentId: 'id-Preparation', position: 1 });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowUp', true), true)).toBeNull();
    expect(treeKeyResult(rows, 'id-Permits', key('ArrowDown', true), true)).toBeNull();
  });

  it('Alt+← moves a row out one level, right after its old parent', () => {
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowLeft', true), true)).toEqual({ kind: 'move', id: 'id-Venue', parentId: 'id-Project', position: 1 });
    expect(treeKeyResult(rows, 'id-Sessions', key('ArrowLeft', true), true)).toEqual({ kind: 'move', id: 'id-Sessions', parentId: 'id-Project', position: 2 });
    // An activity has nowhere to go out to: the project is the top.
    expect(treeKeyResult(rows, 'id-Execution', key('ArrowLeft', true), true)).toBeNull();
  });

  it('Alt+→ moves a row into the item above it, as that item’s last; the type rules are said before anything is sent', () => {
    const moved = visibleRows(item('Project', 'project', [item('Preparation', 'activity', [item('Venue', 'task')]), item('Catering', 'task')]), new Set());
    expect(treeKeyResult(moved, 'id-Catering', key('ArrowRight', true), true)).toEqual({
      kind: 'move',
      id: 'id-Catering',
      parentId: 'id-Preparation',
      position: 1,
    });
    expect(treeKeyResult(rows, 'id-Execution', key('ArrowRight', true), true)).toEqual({
      kind: 'refused',
      message: '"Execution" cannot move into "Preparation": An activity cannot go under an activity; choose sub-activity, task, subtask.',
    });
    expect(treeKeyResult(rows, 'id-Venue', key('ArrowRight', true), true)).toEqual({
      kind: 'refused',
      message: '"Venue" is the first item under "Preparation": there is no item above it to move into.',
    });
  });

  it('Alt+← from deeper down lands right after the old parent, under the grandparent', () => {
    const deep = visibleRows(item('Project', 'project', [item('Sub', 'sub_project', [item('Training', 'activity', [item('Day one', 'task')])])]), new Set());
    expect(treeKeyResult(deep, 'id-Day one', key('ArrowLeft', true), true)).toEqual({ kind: 'move', id: 'id-Day one', parentId: 'id-Sub', position: 1 });
  });

  it('does nothing with Alt for someone who may not edit, nor to the project itself', () => {
    expect(treeKeyResult(rows, 'id-Permits', key('ArrowUp', true), false)).toBeNull();
    expect(treeKeyResult(rows, 'id-Project', key('ArrowDown', true), true)).toBeNull();
    expect(treeKeyResult(rows, 'id-Permits', key('Enter', true), true)).toBeNull();
  });
});

describe('rowToKeep', () => {
  const rows = visibleRows(plan(), new Set());
  const venue = pathTo(rows, 'id-Venue');

  it('knows a row by its path from the project', () => {
    expect(venue).toEqual(['id-Project', 'id-Preparation', 'id-Venue']);
    expect(pathTo(rows, 'id-gone')).toEqual([]);
  });

  it('keeps the row while it is in sight', () => {
    expect(rowToKeep(rows, venue)).toBe('id-Venue');
  });

  it('hands the tab stop to the nearest ancestor in sight when the row is deleted or hidden, else the first row', () => {
    const withoutVenue = visibleRows(item('Project', 'project', [item('Preparation', 'activity', [item('Permits', 'task')])]), new Set());
    expect(rowToKeep(withoutVenue, venue)).toBe('id-Preparation');
    expect(rowToKeep(visibleRows(plan(), new Set(['id-Project'])), venue)).toBe('id-Project');
    expect(rowToKeep(rows, [])).toBe('id-Project');
    expect(rowToKeep([], venue)).toBeUndefined();
  });
});

describe('workTypeName', () => {
  it('names a type as the tree and the dialogs show it', () => {
    expect(workTypeName('sub_activity')).toBe('Sub-activity');
    expect(workTypeName('task')).toBe('Task');
  });
});
