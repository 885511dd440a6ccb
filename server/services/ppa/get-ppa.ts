import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { approvalDecisions, moas, users, workItems } from '@/db/schema';
import { availableTransitions, planDistributedOf } from '../../domain/workflow';
import type { Viewer } from '../../domain/types';
import type { PpaDetail } from '../../contracts/ppa';
import { findVisiblePpa, mayEditPpa } from '../access';
import { planProblems } from '../plans/readiness';

/** A PPA's approval decisions, oldest first (the caller has checked the PPA is visible). */
async function approvalHistory(db: Queryable, ppaId: string): Promise<PpaDetail['approvals']> {
  const rows = await db
    .select({
      id: approvalDecisions.id,
      fromStage: approvalDecisions.fromStage,
      toStage: approvalDecisions.toStage,
      decision: approvalDecisions.decision,
      comment: approvalDecisions.comment,
      decidedBy: users.name,
      decidedByEmail: users.email,
      decidedAt: approvalDecisions.decidedAt,
    })
    .from(approvalDecisions)
    .innerJoin(users, eq(users.id, approvalDecisions.decidedById))
    .where(eq(approvalDecisions.ppaId, ppaId))
    .orderBy(asc(approvalDecisions.decidedAt));
  return rows.map(({ decidedByEmail, ...a }) => ({ ...a, decidedBy: a.decidedBy ?? decidedByEmail, decidedAt: a.decidedAt.toISOString() }));
}

/** The approval history of a PPA the viewer may see. */
export async function listApprovals(options: { db: Queryable; viewer: Viewer; ppaId: string }): Promise<PpaDetail['approvals']> {
  const ppa = await findVisiblePpa(options.db, options.viewer, options.ppaId);
  return approvalHistory(options.db, ppa.id);
}

/** One PPA with its MOA, approval history and work items, if the viewer may see it. */
export async function getPpa(options: { db: Queryable; viewer: Viewer; ppaId: string }): Promise<PpaDetail> {
  const { db, viewer, ppaId } = options;
  const ppa = await findVisiblePpa(db, viewer, ppaId);
  const [[moa], approvals, items] = await Promise.all([
    db.select({ id: moas.id, code: moas.code, name: moas.name }).from(moas).where(eq(moas.id, ppa.moaId)),
    approvalHistory(db, ppaId),
    db
      .select({
        id: workItems.id,
        parentId: workItems.parentId,
        title: workItems.title,
        workType: workItems.workType,
        status: workItems.status,
        progress: workItems.progress,
        allocatedBudget: workItems.allocatedBudget,
        sortOrder: workItems.sortOrder,
      })
      .from(workItems)
      .where(eq(workItems.ppaId, ppaId))
      .orderBy(asc(workItems.sortOrder), asc(workItems.createdAt)),
  ]);
  // Only the move into budget review asks for the plans; other stages skip reading them.
  const planGaps = ppa.approvalStage === 'technical_review' ? (await planProblems(db, ppa)).map((p) => p.message) : [];

  return {
    id: ppa.id,
    title: ppa.title,
    description: ppa.description,
    moa: moa!,
    category: ppa.category,
    sector: ppa.sector,
    appropriationClass: ppa.appropriationClass,
    fundingSource: ppa.fundingSource,
    fundingSourceDetail: ppa.fundingSourceDetail,
    fiscalYear: ppa.fiscalYear,
    budgetCeiling: ppa.budgetCeiling,
    budgetAllocation: ppa.budgetAllocation,
    status: ppa.status,
    approvalStage: ppa.approvalStage,
    progress: ppa.progress,
    startDate: ppa.startDate,
    targetEndDate: ppa.targetEndDate,
    actualEndDate: ppa.actualEndDate,
    enableWorkItemTracking: ppa.enableWorkItemTracking,
    budgetLockedAt: ppa.budgetLockedAt?.toISOString() ?? null,
    createdAt: ppa.createdAt.toISOString(),
    updatedAt: ppa.updatedAt.toISOString(),
    canEdit: mayEditPpa(viewer, ppa),
    nextStages: availableTransitions(viewer, { ...ppa, planDistributed: planDistributedOf(items), planGaps }).map((t) => t.to),
    approvals,
    workItems: items,
  };
}
