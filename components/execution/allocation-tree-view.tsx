'use client';

import { useState } from 'react';
import { BUDGET_STATUS_LABELS } from '@/server/domain/budget-status';
import { formatPesos, parsePesos, percentOf } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import { humanize } from '../labels';

export type RowAction = 'edit' | 'add' | 'distribute' | 'spend' | 'delete';

const STATUS_COLOURS: Record<AllocationNodeShape['budgetStatus'], string> = {
  no_expenditure: 'bg-slate-100 text-slate-600',
  on_budget: 'bg-emerald-100 text-emerald-800',
  within_tolerance: 'bg-sky-100 text-sky-800',
  under_budget: 'bg-amber-50 text-amber-800',
  over_budget: 'bg-rose-100 text-rose-800',
};

interface Props {
  root: AllocationNodeShape;
  canEdit: boolean;
  onAction: (action: RowAction, node: AllocationNodeShape, parent: AllocationNodeShape | undefined) => void;
  /** Move `id` under `parentId` at `position` (drag and drop, or the keyboard). */
  onMove: (id: string, parentId: string, position: number) => void;
}

/**
 * The hierarchical breakdown: a tree of rows with amounts, share of the parent, spending and budget
 * status. Rows can be dragged onto another row (to move under it), or moved with Alt+↑/↓ (reorder) and
 * Alt+← (out one level) from the keyboard.
 */
export function AllocationTreeView({ root, canEdit, onAction, onMove }: Props) {
  const [dragging, setDragging] = useState<string | null>(null);
  const parents = new Map<string, AllocationNodeShape>();
  const index = (node: AllocationNodeShape) => node.children.forEach((c) => (parents.set(c.id, node), index(c)));
  index(root);

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
    e.preventDefault();
  }

  function row(node: AllocationNodeShape, level: number, parent: AllocationNodeShape | undefined): React.ReactNode {
    const share = parent ? percentOf(parsePesos(node.allocated), parsePesos(parent.allocated)) : null;
    return (
      <li key={node.id} role="treeitem" aria-level={level + 1} aria-expanded={node.children.length ? true : undefined} aria-selected={false}
        tabIndex={0} onKeyDown={(e) => { if (e.target === e.currentTarget) onKeyDown(e, node); }}
        draggable={canEdit && Boolean(parent)}
        onDragStart={(e) => { e.stopPropagation(); setDragging(node.id); e.dataTransfer.setData('text/plain', node.id); }}
        onDragEnd={() => setDragging(null)}
        onDragOver={(e) => { if (dragging && dragging !== node.id) e.preventDefault(); }}
        onDrop={(e) => { e.preventDefault(); e.stopPropagation(); if (dragging && dragging !== node.id) onMove(dragging, node.id, node.children.length); setDragging(null); }}
        className="rounded focus-visible:outline-2">
        <div className={`grid gap-x-3 gap-y-1 border-b border-slate-100 py-2 md:grid-cols-[1fr_9rem_9rem_auto] md:items-center ${dragging === node.id ? 'opacity-50' : ''}`}
          style={{ paddingLeft: `${Math.min(level, 5) * 1}rem` }}>
          <div className="min-w-0">
            <span className="font-medium">{node.title}</span>{' '}
            <span className="text-xs text-slate-500">{humanize(node.workType)} · {humanize(node.status)} · {node.progress}%</span>
          </div>
          <div className="text-sm tabular-nums md:text-right">
            {formatPesos(parsePesos(node.allocated))}
            {share !== null && <span className="text-xs text-slate-500"> ({share}%)</span>}
          </div>
          <div className="flex items-center gap-2 text-xs md:justify-end">
            <span className="tabular-nums text-slate-600" title="Actual spending (rolled up)">{formatPesos(parsePesos(node.actual))}</span>
            <span className={`rounded px-1.5 py-0.5 font-medium ${STATUS_COLOURS[node.budgetStatus]}`}>
              {BUDGET_STATUS_LABELS[node.budgetStatus]}
              {node.budgetStatus === 'over_budget' && node.variancePercent !== null ? ` +${node.variancePercent}%` : ''}
            </span>
          </div>
          <div className="flex flex-wrap gap-1 text-xs md:justify-end">
            {canEdit && <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => onAction('edit', node, parent)} aria-label={`Edit ${node.title}`}>Edit</button>}
            {canEdit && node.workType !== 'subtask' && <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => onAction('add', node, parent)} aria-label={`Add under ${node.title}`}>Add</button>}
            {canEdit && node.children.length > 0 && <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => onAction('distribute', node, parent)} aria-label={`Distribute ${node.title}`}>Distribute</button>}
            <button type="button" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => onAction('spend', node, parent)} aria-label={`Spending on ${node.title}`}>Spending</button>
            {canEdit && parent && <button type="button" className="rounded border border-rose-300 px-2 py-1 text-rose-700 hover:bg-rose-50" onClick={() => onAction('delete', node, parent)} aria-label={`Delete ${node.title}`}>Delete</button>}
          </div>
        </div>
        {node.children.length > 0 && <ul role="group">{node.children.map((c) => row(c, level + 1, node))}</ul>}
      </li>
    );
  }

  return (
    <div>
      {canEdit && <p className="mb-2 text-xs text-slate-500">Drag a row onto another to move it under that row; or focus a row and press Alt+↑/↓ to reorder, Alt+← to move it out one level.</p>}
      <ul role="tree" aria-label="Hierarchical breakdown">{row(root, 0, undefined)}</ul>
    </div>
  );
}
