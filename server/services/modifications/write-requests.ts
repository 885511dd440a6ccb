import { eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { modificationLines, modificationRequests, modificationSteps, moas } from '@/db/schema';
import { EDITABLE_STATUSES } from '../../domain/modifications';
import { parsePesos, toPesoString } from '../../domain/money';
import type { SignedInViewer, Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { runUseCase } from '../effects/use-case';
import type { PpaRow } from '../access';
import { assertSignedIn, assertMayRequest, findVisiblePpa, lockPpaForBudgetChange } from '../access';
import { evaluateLines, type LineInput, type SnapshotLine } from './evaluate';
import { loadRequest } from './load';
import { pendingOutgoing } from './tree';
import type { PlanRevisionInput } from '../../contracts/modification';
import { checkRevision, dropRevision, revisionVersionOf, writeRevision } from '../plans/revision';

export interface DraftInput {
  lines: LineInput[];
  justification: string;
  attachmentLinks: string[];
  /** Absent: keep the request's plan revision as it is; null: it carries none. */
  planRevision?: PlanRevisionInput | null;
}

/** Writes or drops the plan revision a draft carries (the caller holds the PPA's lock). */
async function writeRequestRevision(
  tx: Queryable,
  viewer: SignedInViewer,
  ppa: PpaRow,
  requestId: string,
  revision: PlanRevisionInput | null | undefined,
): Promise<void> {
  if (revision === undefined) return;
  if (revision === null) await dropRevision(tx, viewer, ppa.id, requestId);
  else await writeRevision(tx, viewer, ppa, requestId, revision);
}

/** A request must carry lines, a plan revision, or both. */
async function assertCarriesSomething(tx: Queryable, requestId: string, lineCount: number): Promise<void> {
  if (lineCount === 0 && !(await revisionVersionOf(tx, requestId)))
    throw AppError.badField('lines', 'Add at least one line (which item gives how much to which) or a plan revision.');
}

function assertLocked(ppa: PpaRow): void {
  if (!ppa.budgetLockedAt)
    throw AppError.conflict('This PPA’s budget is not locked: its planners change allocations directly, without a modification request.');
}

/** Items of another PPA (or none at all) are refused before anything is written. */
async function snapshotLines(q: Queryable, ppa: PpaRow, lines: LineInput[]): Promise<SnapshotLine[]> {
  const { items, lines: snapshot } = await evaluateLines(q, ppa, lines, new Map());
  const ids = new Set(items.map((i) => i.id));
  lines.forEach((line, index) => {
    if (!ids.has(line.fromWorkItemId) || !ids.has(line.toWorkItemId))
      throw AppError.badField(`lines.${index}`, `Line ${index + 1}: both items must be work items of this PPA.`);
    if (line.fromWorkItemId === line.toWorkItemId) throw AppError.badField(`lines.${index}`, `Line ${index + 1}: choose two different items.`);
  });
  return snapshot;
}

async function writeLines(tx: Queryable, requestId: string, lines: SnapshotLine[]): Promise<void> {
  await tx.delete(modificationLines).where(eq(modificationLines.requestId, requestId));
  if (lines.length === 0) return;
  await tx.insert(modificationLines).values(lines.map((l, position) => ({ requestId, position, ...l })));
}

const totalOf = (lines: LineInput[]) => toPesoString(lines.reduce((sum, l) => sum + parsePesos(l.amount), 0n));

/** A new draft on a locked PPA, by one of its planners. Nothing is checked against balances until submission. */
export async function createModification(options: { db: Database; viewer: Viewer; ppaId: string } & DraftInput): Promise<{ id: string }> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const found = await findVisiblePpa(tx, viewer, options.ppaId);
    assertMayRequest(viewer, found);
    const ppa = options.planRevision ? await lockPpaForBudgetChange(tx, found.id) : found;
    assertLocked(ppa);
    const lines = await snapshotLines(tx, ppa, options.lines);
    const [row] = await tx
      .insert(modificationRequests)
      .values({
        ppaId: ppa.id,
        justification: options.justification,
        attachmentLinks: options.attachmentLinks,
        totalAmount: totalOf(options.lines),
        requestedById: viewer.userId,
      })
      .returning({ id: modificationRequests.id });
    await writeLines(tx, row!.id, lines);
    await writeRequestRevision(tx, viewer, ppa, row!.id, options.planRevision);
    await assertCarriesSomething(tx, row!.id, lines.length);
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'modification',
      entityId: row!.id,
      action: 'modification_drafted',
      after: { total: totalOf(options.lines), lines: options.lines.length, planRevision: Boolean(options.planRevision) },
    });
    return row!;
  });
}

/** A draft (or a returned request) is edited by its PPA's planners; a returned one becomes a draft again. */
export async function updateModification(options: { db: Database; viewer: Viewer; requestId: string } & DraftInput): Promise<{ id: string }> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const found = await loadRequest(tx, viewer, options.requestId);
    assertMayRequest(viewer, found.ppa);
    // Lock order: the PPA's row before the request's (a revision draft is one per PPA, decided under this lock).
    const ppa = await lockPpaForBudgetChange(tx, found.ppa.id);
    const { request } = await loadRequest(tx, viewer, options.requestId, { lock: true });
    if (!EDITABLE_STATUSES.includes(request.status))
      throw AppError.conflict(`This request is ${request.status}; only a draft or a returned request can be edited.`);
    const lines = await snapshotLines(tx, ppa, options.lines);
    await tx
      .update(modificationRequests)
      .set({ status: 'draft', justification: options.justification, attachmentLinks: options.attachmentLinks, totalAmount: totalOf(options.lines) })
      .where(eq(modificationRequests.id, request.id));
    await writeLines(tx, request.id, lines);
    await writeRequestRevision(tx, viewer, ppa, request.id, options.planRevision);
    await assertCarriesSomething(tx, request.id, lines.length);
    return { id: request.id };
  });
}

/**
 * Submits a draft: under the PPA's lock (so two submissions on one PPA queue and the second counts the first's
 * reservation), the invariants are checked against the tree and every other pending request, and the route
 * its classes give is stored with it.
 */
export async function submitModification(options: { db: Database; viewer: Viewer; requestId: string }): Promise<{ id: string }> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  await runUseCase(db, async (tx, after) => {
    const found = await loadRequest(tx, viewer, options.requestId);
    assertMayRequest(viewer, found.ppa);
    const ppa = await lockPpaForBudgetChange(tx, found.ppa.id);
    const { request } = await loadRequest(tx, viewer, options.requestId, { lock: true });
    if (!EDITABLE_STATUSES.includes(request.status)) throw AppError.conflict(`This request is ${request.status}; only a draft can be submitted.`);
    assertLocked(ppa);
    const lines = await tx.select().from(modificationLines).where(eq(modificationLines.requestId, request.id)).orderBy(modificationLines.position);
    const revisionVersion = await revisionVersionOf(tx, request.id);
    const revision = revisionVersion ? await checkRevision(tx, ppa, revisionVersion) : null;
    if (revision?.problems[0]) throw AppError.conflict(revision.problems[0]);
    const evaluation = await evaluateLines(
      tx,
      ppa,
      lines.map((l) => ({ fromWorkItemId: l.fromWorkItemId, toWorkItemId: l.toWorkItemId, amount: l.amount })),
      await pendingOutgoing(tx, ppa.id, { except: request.id }),
      revision?.classShift ?? null,
    );
    const problem = evaluation.check.problems[0];
    if (problem) throw AppError.conflict(problem.message);
    const { route, needsExecutive, steps } = evaluation.routing;
    await writeLines(tx, request.id, evaluation.lines);
    await tx
      .update(modificationRequests)
      .set({
        status: 'submitted',
        route,
        needsExecutive,
        awaitingRole: steps[0]!,
        submittedAt: sql`clock_timestamp()`,
        totalAmount: toPesoString(evaluation.total),
      })
      .where(eq(modificationRequests.id, request.id));
    const [step] = await tx
      .insert(modificationSteps)
      .values({ requestId: request.id, action: 'submit', actorRole: viewer.role, actorId: viewer.userId })
      .returning({ id: modificationSteps.id });
    const [moa] = await tx.select({ code: moas.code }).from(moas).where(eq(moas.id, ppa.moaId));
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'modification',
      entityId: request.id,
      action: 'modification_submitted',
      after: { total: toPesoString(evaluation.total), route, needsExecutive, awaiting: steps[0], moa: moa?.code, planRevision: revision?.version.version },
    });
    await after.event({ name: 'modification/changed', data: { ppaId: ppa.id, requestId: request.id, stepId: step!.id } });
  });
  return { id: options.requestId };
}

/** The requester's MOA planners withdraw a request before its decision (a draft, returned or submitted one). */
export async function withdrawModification(options: { db: Database; viewer: Viewer; requestId: string; comment?: string }): Promise<{ id: string }> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  await runUseCase(db, async (tx, after) => {
    const found = await loadRequest(tx, viewer, options.requestId);
    assertMayRequest(viewer, found.ppa);
    await lockPpaForBudgetChange(tx, found.ppa.id);
    const { request, ppa } = await loadRequest(tx, viewer, options.requestId, { lock: true });
    if (!['draft', 'returned', 'submitted'].includes(request.status))
      throw AppError.conflict(`This request is ${request.status}; it can no longer be withdrawn.`);
    await tx
      .update(modificationRequests)
      .set({ status: 'withdrawn', awaitingRole: null, decidedAt: sql`clock_timestamp()` })
      .where(eq(modificationRequests.id, request.id));
    await dropRevision(tx, viewer, ppa.id, request.id);
    const comment = options.comment?.trim() || null;
    const [step] = await tx
      .insert(modificationSteps)
      .values({ requestId: request.id, action: 'withdraw', actorRole: viewer.role, actorId: viewer.userId, comment })
      .returning({ id: modificationSteps.id });
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'modification',
      entityId: request.id,
      action: 'modification_withdrawn',
      before: { status: request.status },
      after: { status: 'withdrawn' },
      reason: comment ?? undefined,
    });
    if (request.status === 'submitted') await after.event({ name: 'modification/changed', data: { ppaId: ppa.id, requestId: request.id, stepId: step!.id } });
  });
  return { id: options.requestId };
}
