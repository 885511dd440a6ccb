import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { budgetDistributions, workItems } from '@/db/schema';
import { belowChildrenProblem, overAllocationProblem } from '../../domain/allocation';
import { distributeByWeight, distributeEqually, DistributionError, scaleWeight } from '../../domain/distribution';
import { centavosOf, parsePesos, toPesoString, type Centavos } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { AllocationTreeResponse, DistributeRequest } from '../../contracts/budget';
import { writeAudit } from '../audit';
import { setWorkItemColumn } from '../work-items/bulk-update';
import { assertBudgetUnlocked, childrenOf, lockWorkItem, type WorkItemRow } from '../work-items/load';
import { getAllocationTree } from './allocation-tree';
import { resyncAfterPlanChange } from './sync-from-work-items';
import { assertSignedIn, loadPpaForEdit, type PpaRow } from '../access';
import { runUseCase } from '../effects/use-case';

export interface AllocationSnapshot {
  workItemId: string;
  amount: string;
}

/**
 * The start of every change of a parent's children's allocations: the PPA is editable and unlocked, the
 * parent belongs to it, and PPA → parent → children are locked in that order for the transaction (the PPA's
 * row as lockPpaForBudgetChange takes it).
 */
export async function lockParentForDistribution(
  tx: Queryable,
  viewer: Viewer,
  ppaId: string,
  parentId: string,
): Promise<{ ppa: PpaRow; parent: WorkItemRow; children: WorkItemRow[] }> {
  const ppa = await loadPpaForEdit(tx, viewer, ppaId, { lock: 'no key update' });
  assertBudgetUnlocked(ppa);
  const parent = await lockWorkItem(tx, parentId).catch((error: unknown) => {
    // Only "no such row" is the caller's mistake; a database failure stays what it is.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw AppError.badField('parentId', 'That parent work item does not exist.');
    throw error;
  });
  if (parent.ppaId !== ppa.id) throw AppError.badField('parentId', 'That parent work item belongs to another PPA.');
  const children = await childrenOf(tx, parent.id, { lock: 'update' });
  return { ppa, parent, children };
}

/** Why these amounts for the children cannot be applied (the invariant, both ways), or null. */
export async function childAllocationProblem(tx: Queryable, parent: WorkItemRow, children: WorkItemRow[], amounts: Centavos[]): Promise<string | null> {
  const problem = overAllocationProblem(parent.title, centavosOf(parent.allocatedBudget), amounts);
  if (problem) return problem;
  const grandchildTotals = await tx
    .select({ parentId: workItems.parentId, total: sql<string>`sum(${workItems.allocatedBudget})` })
    .from(workItems)
    .where(
      inArray(
        workItems.parentId,
        children.map((c) => c.id),
      ),
    )
    .groupBy(workItems.parentId);
  const heldBelow = new Map(grandchildTotals.map((g) => [g.parentId, centavosOf(g.total)]));
  for (const [i, child] of children.entries()) {
    const below = belowChildrenProblem(child.title, amounts[i]!, heldBelow.get(child.id) ?? 0n);
    if (below) return below;
  }
  return null;
}

/** Writes new allocations for some children (one statement) after checking the invariant both ways. */
export async function applyChildAllocations(tx: Queryable, parent: WorkItemRow, children: WorkItemRow[], amounts: Centavos[]): Promise<void> {
  const problem = await childAllocationProblem(tx, parent, children, amounts);
  if (problem) throw AppError.conflict(problem);
  const changed = children.flatMap((child, i) =>
    centavosOf(child.allocatedBudget) === amounts[i] ? [] : [{ id: child.id, value: toPesoString(amounts[i]!) }],
  );
  await setWorkItemColumn(tx, { name: 'allocated_budget', cast: 'numeric' }, changed);
}

/**
 * The weights a weighted distribution uses: the ones given in the request (checked to be the parent's direct
 * children), the stored weight for the others. Weights are non-negative by their schema.
 */
export function distributionWeights(input: DistributeRequest, parent: WorkItemRow, children: WorkItemRow[]): string[] {
  const given = new Map((input.weights ?? []).map((w) => [w.workItemId, w.weight]));
  if ([...given.keys()].some((id) => !children.some((c) => c.id === id))) {
    throw AppError.badField('weights', `Only the direct children of "${parent.title}" can be weighted here.`);
  }
  return children.map((c) => given.get(c.id) ?? c.weight);
}

export function newAmounts(input: DistributeRequest, parent: WorkItemRow, children: WorkItemRow[]): Centavos[] {
  const total = centavosOf(parent.allocatedBudget);
  try {
    if (input.mode === 'equal') return distributeEqually(total, children.length);
    if (input.mode === 'weighted') return distributeByWeight(total, distributionWeights(input, parent, children).map(scaleWeight));
  } catch (error) {
    if (error instanceof DistributionError) throw AppError.conflict(error.message);
    throw error;
  }
  const given = new Map(input.allocations!.map((a) => [a.workItemId, parsePesos(a.amount)]));
  const strangers = [...given.keys()].filter((id) => !children.some((c) => c.id === id));
  if (strangers.length > 0) {
    throw AppError.badField('allocations', `Only the direct children of "${parent.title}" can be allocated here.`);
  }
  return children.map((c) => given.get(c.id) ?? centavosOf(c.allocatedBudget));
}

/**
 * Distributes a parent's budget over its children: equal or weighted split the parent's whole allocation
 * (exact to the centavo); manual sets the amounts given and keeps the rest. The distribution is recorded
 * with the allocations before and after, so the last one can be undone. Returns the tree as this
 * transaction left it.
 */
export async function distributeBudget(options: { db: Database; viewer: Viewer; input: DistributeRequest }): Promise<AllocationTreeResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const { ppa, parent, children } = await lockParentForDistribution(tx, viewer, input.id, input.parentId);
    if (children.length === 0) throw AppError.badField('parentId', `"${parent.title}" has no child items to distribute its budget to.`);
    const amounts = newAmounts(input, parent, children);
    await applyChildAllocations(tx, parent, children, amounts);
    // Weights typed in the dialog are kept: the next distribution by weight starts from them.
    if (input.mode === 'weighted' && input.weights) {
      const weights = distributionWeights(input, parent, children);
      const changed = children.flatMap((c, i) => (scaleWeight(c.weight) === scaleWeight(weights[i]!) ? [] : [{ id: c.id, value: weights[i]! }]));
      await setWorkItemColumn(tx, { name: 'weight', cast: 'numeric' }, changed);
    }

    const before: AllocationSnapshot[] = children.map((c) => ({ workItemId: c.id, amount: c.allocatedBudget }));
    const after: AllocationSnapshot[] = children.map((c, i) => ({ workItemId: c.id, amount: toPesoString(amounts[i]!) }));
    await tx.insert(budgetDistributions).values({
      ppaId: ppa.id,
      parentId: parent.id,
      mode: input.mode,
      distributedAmount: toPesoString(amounts.reduce((a, b) => a + b, 0n)),
      allocationsBefore: before,
      allocationsAfter: after,
      distributedById: viewer.userId,
      // The moment the lock was held, not the transaction's start: "last" must follow commit order.
      distributedAt: sql`clock_timestamp()`,
    });
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'budget', entityId: parent.id, action: `distribute_${input.mode}`, before, after });
    // New amounts re-weigh the parent's progress (budget_weighted).
    await resyncAfterPlanChange(tx, ppa, viewer);
    return getAllocationTree({ db: tx, viewer, ppaId: ppa.id });
  });
}

/** The latest distribution on a parent, undone or not. */
export async function lastDistributionOn(tx: Queryable, parentId: string) {
  const [last] = await tx
    .select()
    .from(budgetDistributions)
    .where(and(eq(budgetDistributions.parentId, parentId)))
    .orderBy(sql`${budgetDistributions.distributedAt} desc`)
    .limit(1);
  return last;
}
