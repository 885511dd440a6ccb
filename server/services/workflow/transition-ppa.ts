import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { approvalDecisions, ppas } from '@/db/schema';
import type { ApprovalStage, Viewer } from '../../domain/types';
import { approvalLockReason, stageMoveRecord } from '../../domain/audit-records';
import { locksBudget, transitionRefusal, TRANSITIONS } from '../../domain/workflow';
import type { PpaDetail } from '../../contracts/ppa';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { setBudgetLock } from '../budget/budget-lock';
import { getPpa } from '../ppa/get-ppa';
import { createExecutionProject } from '../work-items/create-execution-project';
import { projectFollowsAllocation, readPlanTop } from '../budget/project-allocation';
import { resolveBottleneckAlerts } from '../alerts/raise-alerts';
import { assertSignedIn, findVisiblePpa } from '../access';
import { runUseCase } from '../effects/use-case';
import { planProblems } from '../plans/readiness';

/**
 * Moves a PPA through the approval workflow, in one transaction: the rule check, the decision row, and
 * what the move sets off (docs/domain-rules.md, "Approval workflow"): entering technical review creates the execution project; leaving
 * budget review forward locks the budget; enactment announces `ppa/enacted`, whose job activates execution.
 * Returns the PPA as the caller sees it afterwards: read once the events are published, because without
 * Inngest the `ppa/enacted` job runs right then, in this process, and its activation belongs to the answer.
 */
export async function transitionPpa(options: { db: Database; viewer: Viewer; ppaId: string; to: ApprovalStage; comment?: string | null }): Promise<PpaDetail> {
  const { db, viewer, ppaId, to } = options;
  assertSignedIn(viewer);
  const comment = options.comment?.trim() || null;
  await runUseCase(db, async (tx, after) => {
    const ppa = await findVisiblePpa(tx, viewer, ppaId, { lock: 'update' });
    const plan = await readPlanTop(tx, ppaId);
    const planGaps = to === 'budget_review' ? (await planProblems(tx, ppa)).map((p) => p.message) : [];
    const refusal = transitionRefusal(viewer, { ...ppa, planDistributed: plan?.activitiesHold ?? null, planGaps }, to, comment);
    if (refusal) throw new AppError(refusal.code, refusal.message, refusal.field ? { [refusal.field]: [refusal.message] } : undefined);
    const transition = TRANSITIONS.find((t) => t.from === ppa.approvalStage && t.to === to)!;

    const [decision] = await tx
      .insert(approvalDecisions)
      .values({
        ppaId,
        fromStage: ppa.approvalStage,
        toStage: to,
        decision: transition.decision,
        comment,
        decidedById: viewer.userId,
        decidedAt: sql`clock_timestamp()`,
      })
      .returning({ id: approvalDecisions.id });
    await tx
      .update(ppas)
      .set({ approvalStage: to, stageEnteredAt: sql`clock_timestamp()` })
      .where(eq(ppas.id, ppaId));
    // The PPA's history shows each move beside the budget changes; the decision's comment is its reason.
    await writeAudit(tx, viewer, { ppaId, ...stageMoveRecord(ppaId, ppa.approvalStage, to, transition.decision, comment) });

    if (to === 'technical_review') await createExecutionProject(tx, ppa, 'default', viewer);
    // Back with the planners (rejected, or reopened as a draft), the plan follows the allocation again.
    await projectFollowsAllocation(tx, { ...ppa, approvalStage: to }, viewer);
    if (locksBudget(ppa.approvalStage, to) && !ppa.budgetLockedAt) {
      await setBudgetLock(tx, after, ppaId, true, viewer, approvalLockReason(ppa.approvalStage, to));
    }
    await resolveBottleneckAlerts(tx, ppaId, viewer.userId);
    // Activation is the `ppa/enacted` job (Inngest, or in-process without it), sent once this commits.
    if (to === 'enacted') await after.event({ name: 'ppa/enacted', data: { ppaId } });
    // Who is told of the decision (server/domain/notifications.ts) is the job of this event.
    await after.event({ name: 'ppa/stage-changed', data: { ppaId, decisionId: decision!.id, from: ppa.approvalStage, to } });
  });
  return getPpa({ db, viewer, ppaId });
}
