import { eq } from 'drizzle-orm';
import type { Database } from '@/db';
import { ppas } from '@/db/schema';
import { centavosOf, formatPesos } from '../../domain/money';
import { budgetAllocationProblem } from '../../domain/ppa-budget';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { PpaDetail, UpdatePpaRequest } from '../../contracts/ppa';
import { writeAudit } from '../audit';
import { projectFollowsAllocation, readPlanTop } from '../budget/project-allocation';
import { assertBudgetUnlocked } from '../work-items/load';
import { getPpa } from './get-ppa';
import { assertCanEditPpa, assertSignedIn, findVisiblePpa } from '../access';
import { runUseCase } from '../effects/use-case';

/** Whether a budget figure changes; setting or clearing it counts, even from or to ₱0.00. */
function amountChanged(before: string | null, after: string | null): boolean {
  return (before === null) !== (after === null) || centavosOf(before) !== centavosOf(after);
}

/**
 * Edits a PPA's fields. Budget figures stay put once the budget is locked, and never drop below the plan; while
 * the PPA is a draft (or rejected) its execution project follows its allocation. Returns the PPA as this
 * transaction left it.
 */
export async function updatePpa(options: { db: Database; viewer: Viewer; input: UpdatePpaRequest }): Promise<PpaDetail> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  const { id, ...changes } = input;
  return runUseCase(db, async (tx) => {
    const current = await findVisiblePpa(tx, viewer, id, { lock: 'update' });
    assertCanEditPpa(viewer, current);
    const next = { ...current, ...changes };
    const budgetChanged = amountChanged(current.budgetCeiling, next.budgetCeiling) || amountChanged(current.budgetAllocation, next.budgetAllocation);
    // `current` was read under the row lock, so an admin's lock either came first or waits for this edit.
    if (budgetChanged) assertBudgetUnlocked(current);
    const problem = budgetAllocationProblem(
      next.budgetCeiling === null ? null : centavosOf(next.budgetCeiling),
      next.budgetAllocation === null ? null : centavosOf(next.budgetAllocation),
    );
    if (problem) throw AppError.badField('budgetAllocation', problem);
    if (next.fundingSource === 'other' && !next.fundingSourceDetail) {
      throw AppError.badField('fundingSourceDetail', 'Name the funding source when you choose "other".');
    }
    if (next.startDate && next.targetEndDate && next.targetEndDate < next.startDate) {
      throw AppError.badField('targetEndDate', 'The target end date cannot be before the start date.');
    }

    // A draft's project follows the allocation (projectFollowsAllocation, after the update); later on the plan
    // keeps what it was given, and the allocation may not drop below it.
    const follows = next.approvalStage === 'draft' || next.approvalStage === 'rejected';
    if (budgetChanged && !follows) {
      const project = await readPlanTop(tx, id);
      if (project && centavosOf(next.budgetAllocation) < project.allocated) {
        throw AppError.badField(
          'budgetAllocation',
          `The execution plan already allocates ${formatPesos(project.allocated)}; the budget allocation cannot be less.`,
        );
      }
    }

    await tx.update(ppas).set(changes).where(eq(ppas.id, id));
    if (budgetChanged) await projectFollowsAllocation(tx, next, viewer);
    const before = Object.fromEntries(Object.keys(changes).map((k) => [k, current[k as keyof typeof current]]));
    await writeAudit(tx, viewer, { ppaId: id, entityType: 'ppa', entityId: id, action: 'update', before, after: changes });
    return getPpa({ db: tx, viewer, ppaId: id });
  });
}
