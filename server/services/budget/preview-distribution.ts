import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { workItems } from '@/db/schema';
import { centavosOf, toPesoString } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { DistributeRequest, PreviewDistributionResponse } from '../../contracts/budget';
import { childrenOf } from '../work-items/load';
import { childAllocationProblem, newAmounts } from './distribute-budget';
import { loadPpaForEdit } from '../access';

/**
 * What a distribution would do, without doing it: the same amounts and the same checks as
 * distributeBudget, for the dialog's preview and its live over-allocation warning.
 */
export async function previewDistribution(options: { db: Queryable; viewer: Viewer; input: DistributeRequest }): Promise<PreviewDistributionResponse> {
  const { db, viewer, input } = options;
  const ppa = await loadPpaForEdit(db, viewer, input.id);
  const [parent] = await db.select().from(workItems).where(eq(workItems.id, input.parentId));
  if (!parent || parent.ppaId !== ppa.id) throw AppError.badField('parentId', 'That parent work item does not exist in this PPA.');
  const children = await childrenOf(db, parent.id);
  if (children.length === 0) throw AppError.badField('parentId', `"${parent.title}" has no child items to distribute its budget to.`);
  let amounts = children.map((c) => centavosOf(c.allocatedBudget));
  let problem: string | null = ppa.budgetLockedAt
    ? 'The budget of this PPA is locked after budget review; an admin must unlock it before allocations change.'
    : null;
  try {
    amounts = newAmounts(input, parent, children);
    problem ??= await childAllocationProblem(db, parent, children, amounts);
  } catch (error) {
    if (!(error instanceof AppError) || error.code === 'BAD_REQUEST') throw error;
    problem ??= error.message;
  }
  const total = amounts.reduce((a, b) => a + b, 0n);
  return {
    allocations: children.map((c, i) => ({ workItemId: c.id, title: c.title, current: c.allocatedBudget, amount: toPesoString(amounts[i]!) })),
    total: toPesoString(total),
    unallocated: toPesoString(centavosOf(parent.allocatedBudget) - total),
    problem,
  };
}
