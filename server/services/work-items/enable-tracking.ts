import type { Database } from '@/db';
import type { AllocationTreeResponse } from '../../contracts/budget';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { getAllocationTree } from '../budget/allocation-tree';
import { createExecutionProject, type WbsTemplateChoice } from './create-execution-project';
import { assertBudgetUnlocked } from './load';
import { assertSignedIn, loadPpaForEdit } from '../access';
import { runUseCase } from '../effects/use-case';

/**
 * "Enable Execution Tracking": the PPA gets its execution project, from the default template or empty.
 * Returns the new tree as this transaction left it.
 */
export async function enableWorkItemTracking(options: {
  db: Database;
  viewer: Viewer;
  ppaId: string;
  template: WbsTemplateChoice;
}): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId, template } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const ppa = await loadPpaForEdit(tx, viewer, ppaId, { lock: 'update' });
    // The new project and its template children are allocations. The check lives here, not in
    // createExecutionProject, because the workflow creates the project on entering technical review.
    assertBudgetUnlocked(ppa);
    if (ppa.budgetAllocation === null) {
      throw AppError.badField('budgetAllocation', 'Set the PPA’s budget allocation before enabling execution tracking.');
    }
    const { created } = await createExecutionProject(tx, ppa, template, viewer);
    if (!created) throw AppError.conflict('Execution tracking is already enabled for this PPA.');
    return getAllocationTree({ db: tx, viewer, ppaId: ppa.id });
  });
}
