import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { budgetTransfers, modificationLines, modificationRequests, modificationSteps, workItems } from '@/db/schema';
import { decisionOutcome, type DecisionVerb } from '../../domain/modifications';
import { toPesoString } from '../../domain/money';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { runUseCase } from '../effects/use-case';
import { assertSignedIn, assertMayDecide, lockPpaForBudgetChange } from '../access';
import { evaluateLines } from './evaluate';
import { loadRequest } from './load';
import { pendingOutgoing } from './tree';
import { applyRevision, checkRevision, dropRevision, revisionVersionOf } from '../plans/revision';

/**
 * Decides the step a submitted request waits on, in one transaction. Locks go in the app's order: the PPA's
 * row first (every change of its plan queues behind it), then the request, then the work items its lines name
 * (in id order; ledger entries lock those too, so an obligation recorded meanwhile is seen). Approval re-checks every invariant against
 * the tree as it is now and the requests submitted before this one, then posts the transfers; it never edits
 * an allocation. Reject and return need a comment.
 */
export async function decideModification(options: {
  db: Database;
  viewer: Viewer;
  requestId: string;
  decision: DecisionVerb;
  comment?: string;
}): Promise<{ id: string; status: string }> {
  const { db, viewer, decision } = options;
  assertSignedIn(viewer);
  const comment = options.comment?.trim() || null;
  if (decision !== 'approve' && !comment) {
    throw AppError.badField(
      'comment',
      decision === 'reject' ? 'Say why the request is rejected: a comment is required.' : 'Say what to revise: a comment is required.',
    );
  }
  let status = '';
  await runUseCase(db, async (tx, after) => {
    const found = await loadRequest(tx, viewer, options.requestId);
    assertMayDecide(viewer, found.ppa, found.request);
    const ppa = await lockPpaForBudgetChange(tx, found.ppa.id);
    const { request } = await loadRequest(tx, viewer, options.requestId, { lock: true });
    // Decided by someone else while we waited for the lock: this decision is refused, not applied twice.
    assertMayDecide(viewer, ppa, request);
    const outcome = decisionOutcome(decision, request.awaitingRole!, request.needsExecutive);

    if (outcome.applies) {
      const lines = await tx.select().from(modificationLines).where(eq(modificationLines.requestId, request.id)).orderBy(modificationLines.position);
      const itemIds = [...new Set(lines.flatMap((l) => [l.fromWorkItemId, l.toWorkItemId]))];
      // The items' row locks queue this approval with ledger entries on the same items (they lock the item).
      if (itemIds.length)
        await tx
          .select({ id: workItems.id })
          .from(workItems)
          .where(and(eq(workItems.ppaId, ppa.id), inArray(workItems.id, itemIds)))
          .orderBy(workItems.id)
          .for('no key update');
      const pending = await pendingOutgoing(tx, ppa.id, { except: request.id, before: { submittedAt: request.submittedAt!, id: request.id } });
      // The plan revision it carries is checked again: another revision may have been applied since it was submitted.
      const revisionVersion = await revisionVersionOf(tx, request.id);
      const revision = revisionVersion ? await checkRevision(tx, ppa, revisionVersion) : null;
      const evaluation = await evaluateLines(
        tx,
        ppa,
        lines.map((l) => ({ fromWorkItemId: l.fromWorkItemId, toWorkItemId: l.toWorkItemId, amount: l.amount })),
        pending,
        revision?.classShift ?? null,
      );
      const problem = revision?.problems[0] ?? evaluation.check.problems[0]?.message;
      if (problem) throw AppError.conflict(`This request can no longer be approved as it stands: ${problem}`);
      if (revision) await applyRevision(tx, viewer, ppa.id, revision, request.id);
      if (evaluation.check.postings.length > 0) {
        await tx.insert(budgetTransfers).values(
          evaluation.check.postings.map((p) => ({
            ppaId: ppa.id,
            requestId: request.id,
            lineId: lines[p.lineIndex]!.id,
            workItemId: p.workItemId,
            amountIn: toPesoString(p.amountIn),
            amountOut: toPesoString(p.amountOut),
          })),
        );
        await writeAudit(tx, viewer, {
          ppaId: ppa.id,
          entityType: 'modification',
          entityId: request.id,
          action: 'modification_applied',
          before: evaluation.check.changes.map((c) => ({ workItemId: c.workItemId, title: c.title, amount: toPesoString(c.before) })),
          after: evaluation.check.changes.map((c) => ({ workItemId: c.workItemId, title: c.title, amount: toPesoString(c.after) })),
        });
      }
    }
    if (outcome.status === 'rejected') await dropRevision(tx, viewer, ppa.id, request.id);

    await tx
      .update(modificationRequests)
      .set({ status: outcome.status, awaitingRole: outcome.awaiting, ...(outcome.status === 'submitted' ? {} : { decidedAt: sql`clock_timestamp()` }) })
      .where(eq(modificationRequests.id, request.id));
    const [step] = await tx
      .insert(modificationSteps)
      .values({ requestId: request.id, action: outcome.action, actorRole: viewer.role, actorId: viewer.userId, comment })
      .returning({ id: modificationSteps.id });
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'modification',
      entityId: request.id,
      action: `modification_${outcome.action === 'endorse' ? 'endorsed' : outcome.action === 'approve' ? 'approved' : outcome.action === 'reject' ? 'rejected' : 'returned'}`,
      before: { status: request.status, awaiting: request.awaitingRole },
      after: { status: outcome.status, awaiting: outcome.awaiting, total: request.totalAmount },
      reason: comment ?? undefined,
    });
    await after.event({ name: 'modification/changed', data: { ppaId: ppa.id, requestId: request.id, stepId: step!.id } });
    status = outcome.status;
  });
  return { id: options.requestId, status };
}
