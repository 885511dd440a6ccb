import { formatPesos, percentOf, type Centavos } from './money';
import type { ApprovalStage, LedgerEntryKind } from './types';
import { isPastBudgetReview, STAGE_WORDS } from './workflow';

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
export function reversalOf<T extends LedgerRow & { description: string; referenceNo: string | null }>(
  entry: T,
): LedgerRow & { description: string; referenceNo: string | null } {
  return { kind: entry.kind, amount: -entry.amount, description: `Reversal: ${entry.description}`, referenceNo: entry.referenceNo };
}

/**
 * Why nothing may be recorded on a PPA at this stage; null once it is approved out of budget review. Before
 * that its budget is still a proposal: there is no allotment to commit or pay against.
 */
export function spendingStageProblem(stage: ApprovalStage): string | null {
  if (isPastBudgetReview(stage)) return null;
  const where = stage === 'draft' ? 'still a draft' : stage === 'rejected' ? 'rejected' : `in ${STAGE_WORDS[stage]}`;
  return `Obligations and disbursements are recorded only once the PPA is approved out of budget review; this PPA is ${where}.`;
}

/** One work item's own ledger (its entries, not its sub-items'), reversals netted in. */
export interface ItemLedger {
  obligations: Centavos;
  disbursements: Centavos;
}

/**
 * Why this disbursement cannot be paid from the item's obligations; null when it can. A payment (DV) cites
 * the commitment (ORS) it pays, on the same item, so the item's disbursements never pass its obligations.
 */
export function disbursementProblem(ledger: ItemLedger, amount: Centavos): string | null {
  const open = ledger.obligations - ledger.disbursements;
  if (amount <= open) return null;
  if (ledger.obligations <= 0n) return 'Record the obligation (ORS) on this item first: a disbursement pays an obligation, and nothing is obligated here yet.';
  return `A disbursement cannot exceed what is obligated on this item and not yet paid: ${formatPesos(ledger.obligations)} obligated, ${formatPesos(ledger.disbursements)} disbursed, ${formatPesos(open > 0n ? open : 0n)} left to pay. Record the further obligation first.`;
}

/**
 * Why reversing this entry would break the ledger; null when it may be reversed. Undoing a disbursement
 * only frees obligation; undoing an obligation must leave the item enough to cover what was already paid.
 */
export function reversalLedgerProblem(ledger: ItemLedger, entry: LedgerRow): string | null {
  if (entry.kind !== 'obligation') return null;
  const left = ledger.obligations - entry.amount;
  if (left >= ledger.disbursements) return null;
  return `Reversing this obligation would leave ${formatPesos(ledger.disbursements)} disbursed against ${formatPesos(left)} obligated on this item; reverse the disbursements paid under it first.`;
}
