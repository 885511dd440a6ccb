import type { Database } from '@/db';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { createExecutionProject, type WbsTemplateChoice } from './create-execution-project';
import { assertBudgetUnlocked, loadPpaForEdit } from './load';

/** "Enable Execution Tracking": the PPA gets its execution project, from the default template or empty. */
export async function enableWorkItemTracking(options: { db: Database; viewer: Viewer; ppaId: string; template: WbsTemplateChoice }): Promise<void> {
  const { db, viewer, ppaId, template } = options;
  await db.transaction(async (tx) => {
    const ppa = await loadPpaForEdit(tx, viewer, ppaId, { lock: 'update' });
    // The new project and its template children are allocations. The check lives here, not in
    // createExecutionProject, because the workflow creates the project on entering technical review.
    assertBudgetUnlocked(ppa);
    if (ppa.budgetAllocation === null) {
      throw AppError.badField('budgetAllocation', 'Set the PPA’s budget allocation before enabling execution tracking.');
    }
    const { created } = await createExecutionProject(tx, ppa, template, viewer);
    if (!created) throw AppError.conflict('Execution tracking is already enabled for this PPA.');
  });
}
