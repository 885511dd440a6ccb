import { formatPesos, parsePesos } from '@/server/domain/money';
import { manilaToday } from '@/server/domain/schedule';
import type { LedgerEntryKind } from '@/server/domain/types';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import type { ExpenditureResponse } from '@/server/contracts/work-item';

export interface ExpenditureValues {
  kind: LedgerEntryKind;
  amount: string;
  date: string;
  description: string;
  referenceNo: string;
}

export const KIND_LABELS: Record<LedgerEntryKind, string> = { obligation: 'Obligation', disbursement: 'Disbursement' };

/** A blank disbursement dated today in Manila (not the UTC day: at 07:30 in Manila, UTC is still on yesterday). */
export function emptyExpenditure(now: Date = new Date()): ExpenditureValues {
  return { kind: 'disbursement', amount: '', date: manilaToday(now), description: '', referenceNo: '' };
}

/** The workItem.recordExpenditure request; the server checks the amount (over ₱0), date, description and reference. */
export function expenditureRequest(workItemId: string, values: ExpenditureValues) {
  return { id: workItemId, ...values };
}

/** After a recorded entry the kind and date stay (entries often share them); the rest clears. */
export function afterRecorded(values: ExpenditureValues): ExpenditureValues {
  return { ...values, amount: '', description: '', referenceNo: '' };
}

const peso = (amount: string) => formatPesos(parsePesos(amount));

/** "Allocated ₱… · obligated ₱… · disbursed ₱… · remaining ₱…" for the dialog's heading line (disbursed is actual). */
export function spendingSummary(node: Pick<AllocationNodeShape, 'allocated' | 'obligations' | 'actual' | 'remaining'>): string {
  return `Allocated ${peso(node.allocated)} · obligated ${peso(node.obligations)} · disbursed ${peso(node.actual)} · remaining ${peso(node.remaining)}`;
}

/** The item as the latest tree has it (the dialog's figures follow each refresh); null once it is gone. */
export function findNode(root: AllocationNodeShape | null, id: string): AllocationNodeShape | null {
  if (!root) return null;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.id === id) return node;
    stack.push(...node.children);
  }
  return null;
}

export interface LedgerLine {
  /** "Obligation", "Disbursement", "Reversal of an obligation". */
  kind: string;
  amount: string;
  /** "Reversed", "Reversal: <reason>" or null. */
  note: string | null;
  /** Reverse is offered on an entry that is neither a reversal nor reversed already. */
  reversible: boolean;
}

/** How one ledger entry reads in the list. */
export function ledgerLine(entry: Pick<ExpenditureResponse, 'kind' | 'amount' | 'reversesId' | 'reversalReason' | 'reversedById'>): LedgerLine {
  const isReversal = entry.reversesId !== null;
  return {
    kind: isReversal ? `Reversal of ${entry.kind === 'obligation' ? 'an obligation' : 'a disbursement'}` : KIND_LABELS[entry.kind],
    amount: peso(entry.amount),
    note: isReversal ? `Reason: ${entry.reversalReason ?? ''}` : entry.reversedById ? 'Reversed' : null,
    reversible: !isReversal && entry.reversedById === null,
  };
}

/** The workItem.reverseExpenditure request; the server wants a reason of at least 5 characters. */
export function reversalRequest(entryId: string, reason: string) {
  return { id: entryId, reason };
}
