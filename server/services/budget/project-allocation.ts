import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/db';
import { workItems } from '@/db/schema';
import { centavosOf, formatPesos, toPesoString, type Centavos } from '../../domain/money';
import type { ApprovalStage, SignedInViewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { type PpaRow } from '../access';

const activities = alias(workItems, 'activities');

/** The PPA's execution project and what its activities (the project's children) hold; null without a plan. */
export async function readPlanTop(q: Queryable, ppaId: string): Promise<{ id: string; allocated: Centavos; activitiesHold: Centavos } | null> {
  const [project] = await q
    .select({ id: workItems.id, allocated: workItems.allocatedBudget, held: sql<string | null>`sum(${activities.allocatedBudget})` })
    .from(workItems)
    .leftJoin(activities, eq(activities.parentId, workItems.id))
    .where(and(eq(workItems.ppaId, ppaId), isNull(workItems.parentId)))
    .groupBy(workItems.id);
  return project ? { id: project.id, allocated: centavosOf(project.allocated), activitiesHold: centavosOf(project.held) } : null;
}

/** The stages in which a PPA's plan is still the planners' draft: its project holds whatever the PPA's allocation is. */
const FOLLOWING_STAGES: readonly ApprovalStage[] = ['draft', 'rejected'];

/**
 * While a PPA is a draft (or rejected) and its budget is unlocked, its execution project holds exactly the PPA's
 * budget allocation (none counts as ₱0.00): a plan made before the allocation was set, or before it changed,
 * follows it, so what the project hands out is never stuck at an old figure. Refused (400, nothing written) when
 * the activities already hold more than the new allocation. Caller owns the transaction and has locked the PPA's
 * row; `ppa` is the PPA as it is now (after the change).
 */
export async function projectFollowsAllocation(
  tx: Queryable,
  ppa: Pick<PpaRow, 'id' | 'approvalStage' | 'budgetAllocation' | 'budgetLockedAt'>,
  actor: SignedInViewer | null,
): Promise<void> {
  if (!FOLLOWING_STAGES.includes(ppa.approvalStage) || ppa.budgetLockedAt) return;
  const project = await readPlanTop(tx, ppa.id);
  const allocation = centavosOf(ppa.budgetAllocation);
  if (!project || project.allocated === allocation) return;
  if (allocation < project.activitiesHold) {
    throw AppError.badField(
      'budgetAllocation',
      `The plan’s activities already hold ${formatPesos(project.activitiesHold)}; lower their allocations first, or keep the budget allocation at least that.`,
    );
  }
  await tx
    .update(workItems)
    .set({ allocatedBudget: toPesoString(allocation) })
    .where(eq(workItems.id, project.id));
  await writeAudit(tx, actor, {
    ppaId: ppa.id,
    entityType: 'work_item',
    entityId: project.id,
    action: 'update',
    before: { allocatedBudget: toPesoString(project.allocated) },
    after: { allocatedBudget: toPesoString(allocation) },
    reason: 'While the PPA is a draft (or rejected), its execution project holds its budget allocation.',
  });
}
