import { isPesoAmount, parsePesos, toPesoString } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import type { ModificationStatus, UserRole } from '@/server/domain/types';

/** A work item as the form's lists offer it: indented by depth, with what it holds now. */
export interface ItemOption {
  id: string;
  label: string;
  allocated: string;
}

/** Every item of the tree but the project itself (money moves between its parts), in tree order. */
export function itemOptions(tree: AllocationNodeShape | null): ItemOption[] {
  const options: ItemOption[] = [];
  const walk = (node: AllocationNodeShape, depth: number) => {
    if (depth > 0) options.push({ id: node.id, label: `${'— '.repeat(depth - 1)}${node.title}`, allocated: node.allocated });
    for (const child of node.children) walk(child, depth + 1);
  };
  if (tree) walk(tree, 0);
  return options;
}

export interface LineDraft {
  fromWorkItemId: string;
  toWorkItemId: string;
  amount: string;
}

export const emptyLine = (): LineDraft => ({ fromWorkItemId: '', toWorkItemId: '', amount: '' });

/** The lines complete enough to preview: both items chosen and an amount above zero. */
export function previewableLines(lines: readonly LineDraft[]): LineDraft[] | null {
  const ready = lines.every((l) => l.fromWorkItemId && l.toWorkItemId && isPesoAmount(l.amount.trim()) && parsePesos(l.amount.trim()) > 0n);
  return ready && lines.length > 0 ? lines.map((l) => ({ ...l, amount: toPesoString(parsePesos(l.amount.trim())) })) : null;
}

const isBlankLine = (l: LineDraft) => !l.fromWorkItemId && !l.toWorkItemId && !l.amount.trim();

/**
 * The lines a request sends: with a plan revision, lines left wholly blank are dropped (a request may carry only
 * the revision); without one every line is sent, so the server names what is missing.
 */
export function linesToSend(lines: readonly LineDraft[], carriesRevision: boolean): LineDraft[] {
  const kept = carriesRevision ? lines.filter((l) => !isBlankLine(l)) : [...lines];
  return kept.map((l) => ({ ...l, amount: l.amount.trim() }));
}

/** What the live preview checks: the lines to send once each is complete; none at all is fine with a revision. */
export function previewableRequest(lines: readonly LineDraft[], carriesRevision: boolean): LineDraft[] | null {
  const kept = linesToSend(lines, carriesRevision);
  if (carriesRevision && kept.length === 0) return [];
  return previewableLines(kept);
}

/** Attachment links, one per line of the text box; blank lines dropped. */
export function parseLinks(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

export const STATUS_WORDS: Record<ModificationStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for a decision',
  approved: 'Approved',
  rejected: 'Rejected',
  returned: 'Returned for revision',
  withdrawn: 'Withdrawn',
};

export const STATUS_TONE: Record<ModificationStatus, string> = {
  draft: 'bg-slate-100 text-slate-800',
  submitted: 'bg-amber-100 text-amber-900',
  approved: 'bg-emerald-100 text-emerald-900',
  rejected: 'bg-rose-100 text-rose-900',
  returned: 'bg-sky-100 text-sky-900',
  withdrawn: 'bg-slate-100 text-slate-700',
};

/** Who a pending request waits on, in the planner's words. */
export function awaitingWords(role: UserRole | null): string | null {
  if (role === 'moa_head') return 'the head of the MOA';
  if (role === 'mfbm_reviewer') return 'MFBM’s reviewer';
  if (role === 'executive') return 'the executive';
  return null;
}

/** Net of transfers for a line of the figures: "+₱50,000.00", "−₱2,500,000.00", or "—" when nothing moved. */
export function netWords(transfersIn: string, transfersOut: string, format: (stored: string) => string): string {
  const net = parsePesos(transfersIn) - parsePesos(transfersOut);
  if (net === 0n && parsePesos(transfersIn) === 0n) return '—';
  return `${net < 0n ? '−' : '+'}${format(toPesoString(net < 0n ? -net : net))}`;
}

/** Items whose allocation an approved modification changed, for the PPA page's figures. */
export function adjustedItems(tree: AllocationNodeShape | null): AllocationNodeShape[] {
  const moved: AllocationNodeShape[] = [];
  const walk = (node: AllocationNodeShape) => {
    if (parsePesos(node.transfersIn) !== 0n || parsePesos(node.transfersOut) !== 0n) moved.push(node);
    node.children.forEach(walk);
  };
  if (tree) walk(tree);
  return moved;
}
