import { count, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { planIndicators } from '@/db/schema';
import { financialPlanProblems, type PlanProblem } from '../../domain/plans';
import type { PpaRow } from '../access';
import { planAllocation } from './allocation';
import { financialPlanOf, versionInForce, versionsOf } from './versions';

export const NO_FINANCIAL_PLAN = 'Enter the Financial Plan: obligation targets by quarter and disbursement targets by month.';
export const NO_INDICATOR = 'Add at least one output indicator to the Physical Plan.';

/**
 * Why the PPA's plans do not yet allow budget review (docs/domain-rules.md, "Plans and targets"): a Financial
 * Plan that balances against the allocation and at least one indicator. Empty when they do.
 */
export async function planProblems(q: Queryable, ppa: Pick<PpaRow, 'id' | 'budgetAllocation' | 'budgetLockedAt'>): Promise<PlanProblem[]> {
  const version = versionInForce(await versionsOf(q, ppa.id), ppa.budgetLockedAt !== null);
  if (!version)
    return [
      { field: 'classes', message: NO_FINANCIAL_PLAN },
      { field: 'indicators', message: NO_INDICATOR },
    ];
  const classes = await financialPlanOf(q, version.id);
  const problems = classes.length === 0 ? [{ field: 'classes', message: NO_FINANCIAL_PLAN }] : financialPlanProblems(classes, await planAllocation(q, ppa));
  const [indicators] = await q.select({ n: count() }).from(planIndicators).where(eq(planIndicators.versionId, version.id));
  if (!indicators?.n) problems.push({ field: 'indicators', message: NO_INDICATOR });
  return problems;
}
