import { percentOf, type Centavos } from './money';
import type { LedgerEntryKind } from './types';

/**
 * The ledger (docs/domain-rules.md, "Ledger"): budget execution runs allotment → obligation → disbursement.
 * Every entry is an obligation (committed: a purchase order, a contract) or a disbursement (paid). A mistaken
 * entry is never edited or deleted: a reversal, a new entry of the same kind with the negated amount and a
 * reason, points at it, so the pair nets to zero and both stay on the record.
 */

export const LEDGER_KIND_WORDS: Record<LedgerEntryKind, string> = { obligation: 'obligation', disbursement: 'disbursement' };

/** An item's (or a PPA's) allocation and ledger sums per kind, reversals already netted in. */
export interface LedgerSums {
  allocated: Centavos;
  obligations: Centavos;
  disbursements: Centavos;
}

/** The figures the ledger adds to an allocation; the same for a work item and for a whole PPA. */
export interface LedgerFigures {
  /** obligations ÷ allocated, a percentage with two decimals; null without an allocation. */
  obligationRate: number | null;
  /** disbursements ÷ obligations, a percentage with two decimals; null while nothing is obligated. */
  disbursementRate: number | null;
  /** allocated − obligations: what may still be committed (negative when over-obligated). */
  unobligated: Centavos;
}

export function ledgerFigures({ allocated, obligations, disbursements }: LedgerSums): LedgerFigures {
  return {
    obligationRate: percentOf(obligations, allocated, 2),
    disbursementRate: percentOf(disbursements, obligations, 2),
    unobligated: allocated - obligations,
  };
}

/** One ledger row as the rules need it: its kind and signed amount. */
export interface LedgerRow {
  kind: LedgerEntryKind;
  amount: Centavos;
}

/** The sums per kind of some ledger rows: a reversal's negative amount nets its entry out. */
export function sumByKind(rows: readonly LedgerRow[]): { obligations: Centavos; disbursements: Centavos } {
  let obligations = 0n;
  let disbursements = 0n;
  for (const row of rows) {
    if (row.kind === 'obligation') obligations += row.amount;
    else disbursements += row.amount;
  }
  return { obligations, disbursements };
}

/** The entry a reversal would undo, as far as the rules care. */
export interface ReversalTarget {
  /** Set when the entry is itself a reversal. */
  reversesId: string | null;
  /** The reversal that already undid this entry, if any. */
  reversedBy: { date: string; by: string; reason: string } | null;
}

/** Why this entry cannot be reversed, in a planner's words; null when it can. */
export function reversalProblem(target: ReversalTarget): string | null {
  if (target.reversesId) return 'A reversal cannot itself be reversed; record the entry again instead.';
  if (target.reversedBy) {
    const { date, by, reason } = target.reversedBy;
    return `This entry was already reversed on ${date} by ${by} (“${reason}”); an entry is reversed only once.`;
  }
  return null;
}

/** The reversal of an entry: the same kind and item, the amount negated, the reference kept. */
export function reversalOf<T extends LedgerRow & { description: string; referenceNo: string | null }>(entry: T): LedgerRow & { description: string; referenceNo: string | null } {
  return { kind: entry.kind, amount: -entry.amount, description: `Reversal: ${entry.description}`, referenceNo: entry.referenceNo };
}
