import type { AllocationNodeShape } from '@/server/contracts/budget';
import { childTypeProblem, WORK_TYPE_LABELS } from '@/server/domain/work-item-types';

/**
 * The hierarchical breakdown as a WAI-ARIA treegrid: the rows a person can see (a collapsed row hides what is
 * under it), and what each key does on the focused row. Pure, so the keyboard rules are tested without a browser.
 */

export interface TreeGridRow {
  node: AllocationNodeShape;
  parent: AllocationNodeShape | undefined;
  /** 1 for the project, 2 for its children, … (aria-level). */
  level: number;
  /** Its place among its parent's children, from 1 (aria-posinset), and how many they are (aria-setsize). */
  position: number;
  siblings: number;
  /** undefined for a row with nothing under it (no aria-expanded). */
  expanded: boolean | undefined;
}

/** The rows in reading order, skipping what is under a collapsed row. */
export function visibleRows(root: AllocationNodeShape, collapsed: ReadonlySet<string>): TreeGridRow[] {
  const rows: TreeGridRow[] = [];
  const walk = (node: AllocationNodeShape, parent: AllocationNodeShape | undefined, level: number, position: number, siblings: number) => {
    const open = !collapsed.has(node.id);
    rows.push({ node, parent, level, position, siblings, expanded: node.children.length > 0 ? open : undefined });
    if (open) node.children.forEach((child, i) => walk(child, node, level + 1, i + 1, node.children.length));
  };
  walk(root, undefined, 1, 1, 1);
  return rows;
}

export type TreeKeyResult =
  | { kind: 'focus'; id: string }
  | { kind: 'expand'; id: string }
  | { kind: 'collapse'; id: string }
  /** Focus the row's actions button (the only control in its cells); `open` opens its menu too. */
  | { kind: 'actions'; id: string; open: boolean }
  /** Move `id` to `position` among `parentId`'s children; the parent is expanded so the row stays in sight. */
  | { kind: 'move'; id: string; parentId: string; position: number }
  /** A move the type rules forbid, said before anything is sent. */
  | { kind: 'refused'; message: string };

export interface TreeKey {
  key: string;
  altKey: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
}

/**
 * What a key does on the focused row. Arrows move between visible rows (↑ ↓ Home End), → opens a collapsed row
 * or else goes to its actions, ← closes an open row or else goes to its parent, Enter opens the row's actions.
 * With Alt (planners who may edit): ↑/↓ reorder among siblings, ← moves out one level (after its parent), →
 * moves into the row above it at the same level (as its last item). null: the key is not the tree's.
 */
export function treeKeyResult(rows: readonly TreeGridRow[], focusedId: string, key: TreeKey, canEdit: boolean): TreeKeyResult | null {
  if (key.ctrlKey || key.metaKey || key.shiftKey) return null;
  const at = rows.findIndex((r) => r.node.id === focusedId);
  const row = rows[at];
  if (!row) return null;
  if (key.altKey) return canEdit ? moveResult(row, rows, key.key) : null;
  const { node, parent, expanded } = row;
  switch (key.key) {
    case 'ArrowDown':
      return at + 1 < rows.length ? { kind: 'focus', id: rows[at + 1]!.node.id } : null;
    case 'ArrowUp':
      return at > 0 ? { kind: 'focus', id: rows[at - 1]!.node.id } : null;
    case 'Home':
      return { kind: 'focus', id: rows[0]!.node.id };
    case 'End':
      return { kind: 'focus', id: rows.at(-1)!.node.id };
    case 'ArrowRight':
      return expanded === false ? { kind: 'expand', id: node.id } : { kind: 'actions', id: node.id, open: false };
    case 'ArrowLeft':
      if (expanded === true) return { kind: 'collapse', id: node.id };
      return parent ? { kind: 'focus', id: parent.id } : null;
    case 'Enter':
      return { kind: 'actions', id: node.id, open: true };
    default:
      return null;
  }
}

function moveResult({ node, parent }: TreeGridRow, rows: readonly TreeGridRow[], key: string): TreeKeyResult | null {
  if (!parent) return null; // the project itself stays where it is
  const position = parent.children.findIndex((c) => c.id === node.id);
  switch (key) {
    case 'ArrowUp':
      return position > 0 ? { kind: 'move', id: node.id, parentId: parent.id, position: position - 1 } : null;
    case 'ArrowDown':
      return position < parent.children.length - 1 ? { kind: 'move', id: node.id, parentId: parent.id, position: position + 1 } : null;
    case 'ArrowLeft': {
      // A visible row's ancestors are all visible: the grandparent is the parent's own row's parent. (Its type is
      // shallower than the parent's, so the row may always sit under it.)
      const grand = rows.find((r) => r.node.id === parent.id)?.parent;
      if (!grand) return null;
      return { kind: 'move', id: node.id, parentId: grand.id, position: grand.children.findIndex((c) => c.id === parent.id) + 1 };
    }
    case 'ArrowRight': {
      const above = parent.children[position - 1];
      if (!above) return { kind: 'refused', message: `"${node.title}" is the first item under "${parent.title}": there is no item above it to move into.` };
      const problem = childTypeProblem(node.workType, above.workType);
      if (problem) return { kind: 'refused', message: `"${node.title}" cannot move into "${above.title}": ${problem}` };
      return { kind: 'move', id: node.id, parentId: above.id, position: above.children.length };
    }
    default:
      return null;
  }
}

/** The row's type as the tree and the dialogs name it: "Sub-activity". */
export function workTypeName(type: AllocationNodeShape['workType']): string {
  const label = WORK_TYPE_LABELS[type];
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** The ids from the project down to the row `id` (empty when it is not in sight). */
export function pathTo(rows: readonly TreeGridRow[], id: string): string[] {
  const byId = new Map(rows.map((r) => [r.node.id, r]));
  const path: string[] = [];
  for (let row = byId.get(id); row; row = row.parent && byId.get(row.parent.id)) path.unshift(row.node.id);
  return path;
}

/**
 * The row that holds the tree's tab stop: the row last focused (given with its ancestors, `path`) while it is in
 * sight, else its nearest ancestor that is (a deleted row's parent, the collapsed row that hides it), else the
 * first row.
 */
export function rowToKeep(rows: readonly TreeGridRow[], path: readonly string[]): string | undefined {
  const inSight = new Set(rows.map((r) => r.node.id));
  return path.findLast((id) => inSight.has(id)) ?? rows[0]?.node.id;
}
