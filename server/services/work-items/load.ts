import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { workItems } from '@/db/schema';
import { AppError } from '../../errors';
import type { PpaRow, RowLockOption, WorkItemRow } from '../access';

/**
 * Reading and locking a PPA's tree once access is settled (who may see or change it: server/services/access/).
 */
export type { WorkItemRow };

/** A locked budget (after budget review) refuses every change of an allocation. */
export function assertBudgetUnlocked(ppa: PpaRow): void {
  if (ppa.budgetLockedAt) {
    throw AppError.conflict('The budget of this PPA is locked after budget review; an admin must unlock it before allocations change.');
  }
}

/** The children of an item in sort order, optionally locked. */
export async function childrenOf(q: Queryable, parentId: string, options: RowLockOption = {}): Promise<WorkItemRow[]> {
  const query = q.select().from(workItems).where(eq(workItems.parentId, parentId)).orderBy(workItems.sortOrder, workItems.id);
  return options.lock ? query.for(options.lock) : query;
}

/** Locks a row and reads it again: the values another transaction committed while we waited. */
export async function lockWorkItem(q: Queryable, workItemId: string): Promise<WorkItemRow> {
  const [row] = await q.select().from(workItems).where(eq(workItems.id, workItemId)).for('update');
  if (!row) throw AppError.notFound('That work item');
  return row;
}

/** The ids of an item and all its descendants (one recursive query). */
export async function subtreeIds(q: Queryable, rootId: string): Promise<string[]> {
  const result = await q.execute(sql`
    with recursive subtree as (
      select id from ${workItems} where id = ${rootId}
      union all
      select w.id from ${workItems} w join subtree s on w.parent_id = s.id
    )
    select id from subtree`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}
