import { budgetStatusOf, type BudgetStatus } from './budget-status';
import { ledgerFigures } from './ledger';
import { percentOf, type Centavos } from './money';

/**
 * A PPA's (or a group of PPAs') money, as the ledger and the PPA record hold it. A missing ceiling or
 * allocation (a draft not yet budgeted) counts as zero, as it does in the allocation tree.
 */
export interface MoneyTotals {
  ceiling: Centavos;
  allocation: Centavos;
  /** Obligation entries net of their reversals. */
  obligations: Centavos;
  /** Disbursement entries net of their reversals: the "actual" of docs/domain-rules.md, "Money". */
  disbursements: Centavos;
}

/** The figures derived from MoneyTotals, defined exactly as the allocation tree defines them for one item. */
export interface DerivedFigures {
  /** disbursements − allocation: positive means over budget. */
  variance: Centavos;
  variancePercent: number | null;
  /** disbursements ÷ allocation, as a percentage with two decimals. */
  utilisation: number | null;
  /** obligations ÷ allocation. */
  obligationRate: number | null;
  /** disbursements ÷ obligations. */
  disbursementRate: number | null;
  /** allocation − obligations. */
  unobligated: Centavos;
  budgetStatus: BudgetStatus;
}

export const ZERO_TOTALS: MoneyTotals = { ceiling: 0n, allocation: 0n, obligations: 0n, disbursements: 0n };

/** The tree's own rules (rollup.ts for variance, utilisation and status; ledger.ts for the ledger's rates). */
export function deriveFigures(money: MoneyTotals): DerivedFigures {
  const { allocation, obligations, disbursements } = money;
  return {
    variance: disbursements - allocation,
    variancePercent: percentOf(disbursements - allocation, allocation, 2),
    utilisation: percentOf(disbursements, allocation, 2),
    ...ledgerFigures({ allocated: allocation, obligations, disbursements }),
    budgetStatus: budgetStatusOf(allocation, disbursements),
  };
}

/** The sum of several PPAs' money: a portfolio total is never anything but this sum. */
export function addTotals(parts: readonly MoneyTotals[]): MoneyTotals {
  return parts.reduce(
    (sum, p) => ({
      ceiling: sum.ceiling + p.ceiling,
      allocation: sum.allocation + p.allocation,
      obligations: sum.obligations + p.obligations,
      disbursements: sum.disbursements + p.disbursements,
    }),
    ZERO_TOTALS,
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MANILA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Days a PPA has been in its approval stage, counted in Manila calendar days: entered yesterday at 23:00
 * and read today at 01:00 is one day. The SQL of the portfolio and the list computes the same.
 */
export function manilaDaysBetween(since: Date, now: Date): number {
  const day = (moment: Date) => Math.floor((moment.getTime() + MANILA_OFFSET_MS) / DAY_MS);
  return Math.max(0, day(now) - day(since));
}
