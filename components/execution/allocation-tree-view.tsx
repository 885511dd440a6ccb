'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { BUDGET_STATUS_LABELS } from '@/server/domain/budget-status';
import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { formatShare } from '../format';
import { humanize } from '../labels';
import { RowMenu, type MenuAction } from './row-menu';
import { pathTo, rowToKeep, treeKeyResult, visibleRows, workTypeName, type TreeGridRow } from './tree-grid-model';

export type RowAction = 'edit' | 'add' | 'distribute' | 'spend' | 'delete';

const STATUS_COLOURS: Record<AllocationNodeShape['budgetStatus'], string> = {
  no_expenditure: 'bg-slate-100 text-slate-600',
  on_budget: 'bg-emerald-100 text-emerald-800',
  within_tolerance: 'bg-sky-100 text-sky-800',
  under_budget: 'bg-amber-50 text-amber-800',
  over_budget: 'bg-rose-100 text-rose-800',
};

/** Item | Allocated | Share | Spent | Status | actions: the header and every row share these columns. */
const COLUMNS = 'md:grid-cols-[minmax(0,1fr)_9.5rem_4.5rem_9rem_10.5rem_2.25rem]';

interface Props {
  root: AllocationNodeShape;
  canEdit: boolean;
  onAction: (action: RowAction, node: AllocationNodeShape, parent: AllocationNodeShape | undefined) => void;
  /** Move `id` under `parentId` at `position` (drag and drop, or the keyboard). */
  onMove: (id: string, parentId: string, position: number) => void;
}

/** The row's actions, in the order planners use them; a viewer only reads the spending. */
function rowActions(node: AllocationNodeShape, parent: AllocationNodeShape | undefined, canEdit: boolean, act: (action: RowAction) => void): MenuAction[] {
  const actions: MenuAction[] = [];
  if (canEdit) actions.push({ key: 'edit', label: 'Edit', onSelect: () => act('edit') });
  if (canEdit && node.workType !== 'subtask') actions.push({ key: 'add', label: 'Add item under', onSelect: () => act('add') });
  if (canEdit && node.children.length > 0) actions.push({ key: 'distribute', label: 'Distribute budget', onSelect: () => act('distribute') });
  actions.push({ key: 'spend', label: 'Spending', onSelect: () => act('spend') });
  if (canEdit && parent) actions.push({ key: 'delete', label: 'Delete', danger: true, onSelect: () => act('delete') });
  return actions;
}

/** The row of item `id` in the grid. */
const rowIn = (grid: HTMLElement | null, id: string) => grid?.querySelector<HTMLElement>(`[role="row"][data-row-id="${id}"]`) ?? null;

/**
 * The hierarchical breakdown as a WAI-ARIA treegrid: one tab stop (the last row focused), ↑/↓ Home End between
 * rows, →/← to open and close a row or reach its actions, Enter for its actions menu (the keys are
 * tree-grid-model's). Rows can be dragged onto another row (to move under it), or moved with Alt+↑/↓ (reorder),
 * Alt+← (out one level) and Alt+→ (into the item above); the moved row keeps the focus.
 */
export function AllocationTreeView({ root, canEdit, onAction, onMove }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  // The row holding the tab stop, with its ancestors: if it goes (deleted, or hidden by a collapse), the nearest
  // ancestor still in sight takes over.
  const [activePath, setActivePath] = useState<string[]>([root.id]);
  const [notice, setNotice] = useState<string | null>(null);
  const refocus = useRef<string | null>(null);
  const lastFocusedRow = useRef<string | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => visibleRows(root, collapsed), [root, collapsed]);
  const activeId = rowToKeep(rows, activePath) ?? root.id;

  // A row deleted from its own menu takes the focus with it: give it to the row that now holds the tab stop.
  useEffect(() => {
    const focused = lastFocusedRow.current;
    if (focused && document.activeElement === document.body && !rows.some((r) => r.node.id === focused)) {
      lastFocusedRow.current = activeId;
      rowIn(gridRef.current, activeId)?.focus();
    }
  }, [rows, activeId]);

  // After a keyboard move the tree comes back from the server re-ordered: put the focus back on the moved row.
  useEffect(() => {
    if (!refocus.current) return;
    const row = rowIn(gridRef.current, refocus.current);
    refocus.current = null;
    if (row && document.activeElement !== row) row.focus();
  }, [root]);

  function focusRow(id: string) {
    rowIn(gridRef.current, id)?.focus();
  }

  function toggle(id: string, open: boolean) {
    setCollapsed((before) => {
      const after = new Set(before);
      if (open) after.delete(id);
      else after.add(id);
      return after;
    });
  }

  function onKeyDown(e: React.KeyboardEvent, row: TreeGridRow) {
    const actions = e.currentTarget.querySelector<HTMLButtonElement>('[data-row-actions]');
    // From the actions button, ← goes back to its row (the button keeps ↑/↓ and Enter for its menu).
    if (e.target === actions && e.key === 'ArrowLeft' && !e.altKey) {
      e.preventDefault();
      focusRow(row.node.id);
      return;
    }
    if (e.target !== e.currentTarget) return;
    const result = treeKeyResult(rows, row.node.id, e, canEdit);
    if (!result) return;
    e.preventDefault();
    setNotice(null);
    if (result.kind === 'focus') focusRow(result.id);
    else if (result.kind === 'expand' || result.kind === 'collapse') toggle(result.id, result.kind === 'expand');
    else if (result.kind === 'actions') {
      actions?.focus();
      if (result.open) actions?.click();
    } else if (result.kind === 'refused') setNotice(result.message);
    else {
      toggle(result.parentId, true);
      refocus.current = result.id;
      onMove(result.id, result.parentId, result.position);
    }
  }

  function gridRow(row: TreeGridRow): React.ReactNode {
    const { node, parent, level, expanded } = row;
    const share = parent ? formatShare(parsePesos(node.allocated), parsePesos(parent.allocated)) : null;
    const over = node.budgetStatus === 'over_budget' && node.variancePercent !== null ? ` +${node.variancePercent}%` : '';
    return (
      <div
        key={node.id}
        role="row"
        aria-level={level}
        aria-posinset={row.position}
        aria-setsize={row.siblings}
        aria-expanded={expanded}
        aria-label={node.title}
        aria-describedby={`figures-${node.id}`}
        data-row-id={node.id}
        data-testid="tree-row"
        tabIndex={node.id === activeId ? 0 : -1}
        onKeyDown={(e) => onKeyDown(e, row)}
        onFocus={() => {
          lastFocusedRow.current = node.id;
          if (activeId !== node.id) setActivePath(pathTo(rows, node.id));
        }}
        draggable={canEdit && Boolean(parent)}
        onDragStart={(e) => {
          setDragging(node.id);
          e.dataTransfer.setData('text/plain', node.id);
        }}
        onDragEnd={() => setDragging(null)}
        onDragOver={(e) => {
          if (dragging && dragging !== node.id) e.preventDefault();
        }}
        onDrop={(e) => {
          e.preventDefault();
          if (dragging && dragging !== node.id) {
            toggle(node.id, true);
            onMove(dragging, node.id, node.children.length);
          }
          setDragging(null);
        }}
        className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 rounded border-b border-slate-100 py-2 focus-visible:outline-2 ${COLUMNS} ${dragging === node.id ? 'opacity-50' : ''}`}
        style={{ paddingLeft: `${Math.min(level - 1, 5) * 1}rem` }}
      >
        <div role="gridcell" className="flex min-w-0 items-start gap-1">
          {/* The mouse's way to open and close a row; the keyboard's is → and ←. */}
          {expanded === undefined ? (
            <span aria-hidden="true" className="size-6 shrink-0" />
          ) : (
            <span
              aria-hidden="true"
              data-testid="row-toggle"
              onClick={() => toggle(node.id, !expanded)}
              className="inline-flex size-6 shrink-0 cursor-pointer items-center justify-center rounded text-slate-500 hover:bg-slate-100 print:hidden"
            >
              {expanded ? '▾' : '▸'}
            </span>
          )}
          <div className="min-w-0">
            <span className="font-medium" data-testid="row-title">
              {node.title}
            </span>{' '}
            <span className="block text-xs text-slate-500">
              {workTypeName(node.workType)} · {humanize(node.status)} · {node.progress}%
            </span>
          </div>
        </div>
        <div id={`figures-${node.id}`} className="col-span-2 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm md:contents">
          <span role="gridcell" className="tabular-nums md:text-right" data-testid="row-allocated">
            <span className="text-xs text-slate-500 md:sr-only">Allocated </span>
            {formatPesos(parsePesos(node.allocated))}
          </span>
          <span role="gridcell" className="text-xs tabular-nums text-slate-500 md:text-right md:text-sm" data-testid="row-share">
            {share !== null ? (
              <>
                <span className="md:sr-only">(</span>
                {share}
                <span className="md:sr-only"> of {parent!.title})</span>
              </>
            ) : (
              <span aria-hidden="true" className="hidden md:inline">
                —
              </span>
            )}
          </span>
          <span role="gridcell" className="tabular-nums text-slate-600 md:text-right" data-testid="row-spent">
            <span className="text-xs text-slate-500 md:sr-only">Spent </span>
            {formatPesos(parsePesos(node.actual))}
          </span>
          <span role="gridcell" className="md:text-right">
            <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_COLOURS[node.budgetStatus]}`}>
              {BUDGET_STATUS_LABELS[node.budgetStatus]}
              {over}
            </span>
          </span>
        </div>
        <div role="gridcell" className="col-start-2 row-start-1 justify-self-end md:col-start-auto md:row-start-auto">
          <RowMenu label={`Actions for ${node.title}`} tabIndex={-1} actions={rowActions(node, parent, canEdit, (a) => onAction(a, node, parent))} />
        </div>
      </div>
    );
  }

  return (
    <div>
      <p id="tree-keys" className="mb-2 text-xs text-slate-500 print:hidden">
        Keys: ↑/↓ between rows, → and ← to open or close a row, Enter for its actions.
        {canEdit && ' Alt+↑/↓ reorders a row, Alt+← moves it out one level, Alt+→ into the item above it; or drag a row onto another.'}
      </p>
      {notice && (
        <p role="status" className="mb-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <div ref={gridRef} role="treegrid" aria-label="Hierarchical breakdown" aria-describedby="tree-keys">
        <div
          role="row"
          className={`hidden border-b border-slate-300 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 md:grid md:gap-x-3 ${COLUMNS}`}
        >
          <span role="columnheader">Item</span>
          <span role="columnheader" className="text-right">
            Allocated
          </span>
          <span role="columnheader" className="text-right">
            Share
          </span>
          <span role="columnheader" className="text-right">
            Spent
          </span>
          <span role="columnheader" className="text-right">
            Status
          </span>
          <span role="columnheader">
            <span className="sr-only">Actions</span>
          </span>
        </div>
        {rows.map(gridRow)}
      </div>
    </div>
  );
}
