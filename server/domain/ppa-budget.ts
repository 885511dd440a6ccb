import { type Centavos } from './money';

/** A PPA's budget allocation may not exceed its ceiling; returns the message a planner sees, or null. */
export function budgetAllocationProblem(ceiling: Centavos | null, allocation: Centavos | null): string | null {
  if (ceiling !== null && ceiling < 0n) return 'The budget ceiling cannot be negative.';
  if (allocation !== null && allocation < 0n) return 'The budget allocation cannot be negative.';
  if (ceiling !== null && allocation !== null && allocation > ceiling) {
    return 'The budget allocation cannot be more than the budget ceiling.';
  }
  return null;
}
