'use client';

import { useEffect, useRef, useState } from 'react';
import { BUDGET_STATUS_LABELS } from '@/server/domain/budget-status';
import { formatPesos, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { formatShare } from '../format';
import { humanize } from '../labels';
import { RowMenu, type MenuAction } from './row-menu';

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

/**
 * The hierarchical breakdown: a tree of rows under column headers, with amounts, share of the parent, spending
 * and budget status, and one actions menu per row. Rows can be dragged onto another row (to move under it), or
 * moved with Alt+↑/↓ (reorder) and Alt+← (out one level) from the keyboard; the moved row keeps the focus.
 */
export function AllocationTreeView({ root, canEdit, onAction, onMove }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const refocus = useRef<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const parents = new Map<string, AllocationNodeShape>();
  const index = (node: AllocationNodeShape) => node.children.forEach((c) => (parents.set(c.id, node), index(c)));
  index(root);

  // After a keyboard move the tree comes back from the server re-ordered: put the focus back on the moved row.
  useEffect(() => {
    if (!refocus.current) return;
    const row = treeRef.current?.querySelector<HTMLElement>(`[data-row-id="${refocus.current}"]`);
    refocus.current = null;
    if (row && document.activeElement !== row) row.focus();
  }, [root]);

  function onKeyDown(e: React.KeyboardEvent, node: AllocationNodeShape) {
    if (!canEdit || !e.altKey) return;
    const parent = parents.get(node.id);
    if (!parent) return;
    const position = parent.children.findIndex((c) => c.id === node.id);
    if (e.key === 'ArrowUp' && position > 0) onMove(node.id, parent.id, position - 1);
    else if (e.key === 'ArrowDown' && position < parent.children.length - 1) onMove(node.id, parent.id, position + 1);
    else if (e.key === 'ArrowLeft' && parents.get(parent.id)) {
      const grand = parents.get(parent.id)!;
      onMove(node.id, grand.id, grand.children.findIndex((c) => c.id === parent.id) + 1);
    } else return;
    refocus.current = node.id;
    e.preventDefault();
  }

  function row(node: AllocationNodeShape, level: number, parent: AllocationNodeShape | undefined): React.ReactNode {
    const share = parent ? formatShare(parsePesos(node.allocated), parsePesos(parent.allocated)) : null;
    const over = node.budgetStatus === 'over_budget' && node.variancePercent !== null ? ` +${node.variancePercent}%` : '';
    return (
      <li key={node.id} role="treeitem" aria-level={level + 1} aria-expanded={node.children.length ? true : undefined} aria-selected={false}
        aria-label={node.title} data-row-id={node.id}
        tabIndex={0} onKeyDown={(e) => { if (e.target === e.currentTarget) onKeyDown(e, node); }}
        draggable={canEdit && Boolean(parent)}
        onDragStart={(e) => { e.stopPropagation(); setDragging(node.id); e.dataTransfer.setData('text/plain', node.id); }}
        onDragEnd={() => setDragging(null)}
        onDragOver={(e) => { if (dragging && dragging !== node.id) e.preventDefault(); }}
        onDrop={(e) => { e.preventDefault(); e.stopPropagation(); if (dragging && dragging !== node.id) onMove(dragging, node.id, node.children.length); setDragging(null); }}
        className="rounded focus-visible:outline-2">
        <div data-testid="tree-row" className={`grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 border-b border-slate-100 py-2 ${COLUMNS} ${dragging === node.id ? 'opacity-50' : ''}`}
          style={{ paddingLeft: `${Math.min(level, 5) * 1}rem` }}>
          <div className="min-w-0">
            <span className="font-medium" data-testid="row-title">{node.title}</span>{' '}
            <span className="block text-xs text-slate-500">{humanize(node.workType)} · {humanize(node.status)} · {node.progress}%</span>
          </div>
          <div className="col-span-2 flex flex-wrap items-baseline gap-x-3 gap-y-1 text-sm md:contents">
            <span className="tabular-nums md:text-right" data-testid="row-allocated">
              <span className="text-xs text-slate-500 md:sr-only">Allocated </span>{formatPesos(parsePesos(node.allocated))}
            </span>
            <span className="text-xs tabular-nums text-slate-500 md:text-right md:text-sm" data-testid="row-share">
              {share !== null ? <><span className="md:sr-only">(</span>{share}<span className="md:sr-only"> of {parent!.title})</span></> : <span aria-hidden="true" className="hidden md:inline">—</span>}
            </span>
            <span className="tabular-nums text-slate-600 md:text-right" data-testid="row-spent">
              <span className="text-xs text-slate-500 md:sr-only">Spent </span>{formatPesos(parsePesos(node.actual))}
            </span>
            <span className="md:text-right">
              <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_COLOURS[node.budgetStatus]}`}>
                {BUDGET_STATUS_LABELS[node.budgetStatus]}{over}
              </span>
            </span>
          </div>
          <div className="col-start-2 row-start-1 justify-self-end md:col-start-auto md:row-start-auto">
            <RowMenu label={`Actions for ${node.title}`} actions={rowActions(node, parent, canEdit, (a) => onAction(a, node, parent))} />
          </div>
        </div>
        {node.children.length > 0 && <ul role="group">{node.children.map((c) => row(c, level + 1, node))}</ul>}
      </li>
    );
  }

  return (
    <div>
      {canEdit && <p className="mb-2 text-xs text-slate-500 print:hidden">Drag a row onto another to move it under that row; or focus a row and press Alt+↑/↓ to reorder, Alt+← to move it out one level.</p>}
      <div aria-hidden="true" className={`hidden border-b border-slate-300 pb-1 text-xs font-medium uppercase tracking-wide text-slate-500 md:grid md:gap-x-3 ${COLUMNS}`}>
        <span>Item</span>
        <span className="text-right">Allocated</span>
        <span className="text-right">Share</span>
        <span className="text-right">Spent</span>
        <span className="text-right">Status</span>
        <span className="sr-only">Actions</span>
      </div>
      <ul ref={treeRef} role="tree" aria-label="Hierarchical breakdown">{row(root, 0, undefined)}</ul>
    </div>
  );
}
