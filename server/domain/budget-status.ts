import { type Centavos } from './money';

/** MFBM's budget status codes for an item, from its allocated and actual (rolled-up) amounts. */
export const BUDGET_STATUSES = ['no_expenditure', 'over_budget', 'on_budget', 'within_tolerance', 'under_budget'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

export const BUDGET_STATUS_LABELS: Record<BudgetStatus, string> = {
  no_expenditure: 'No Expenditure',
  over_budget: 'Over Budget',
  on_budget: 'On Budget',
  within_tolerance: 'Within Tolerance',
  under_budget: 'Under Budget',
};

/**
 * No Expenditure (actual 0); Over Budget (actual > allocated); On Budget (at most 5% below allocated);
 * Within Tolerance (5–10% below); Under Budget (more than 10% below). Exact: compares centavos × 100.
 */
export function budgetStatusOf(allocated: Centavos, actual: Centavos): BudgetStatus {
  if (actual === 0n) return 'no_expenditure';
  if (actual > allocated) return 'over_budget';
  const shortfallTimes100 = (allocated - actual) * 100n;
  if (shortfallTimes100 <= allocated * 5n) return 'on_budget';
  if (shortfallTimes100 <= allocated * 10n) return 'within_tolerance';
  return 'under_budget';
}

/** When spending exceeds the allocation: over by more than 20% is critical, any other overspend high. */
export function overspendingSeverity(allocated: Centavos, actual: Centavos): 'critical' | 'high' | null {
  if (actual <= allocated) return null;
  return (actual - allocated) * 100n > allocated * 20n ? 'critical' : 'high';
}
