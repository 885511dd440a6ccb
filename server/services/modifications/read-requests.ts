import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Queryable } from '@/db';
import { modificationRequests, modificationSteps, moas, ppas, users, workItems } from '@/db/schema';
import type { ModificationStatus, Viewer } from '../../domain/types';
import type { ModificationDetail, ModificationPreview, ModificationSummary } from '../../contracts/modification';
import { EDITABLE_STATUSES } from '../../domain/modifications';
import { parsePesos } from '../../domain/money';
import { assertSignedIn, findVisiblePpa, mayDecide, mayRequest, visiblePpasCondition } from '../access';
import { evaluateLines, previewOf, type LineInput } from './evaluate';
import { loadRequest } from './load';
import { linesOf, pendingOutgoing } from './tree';
import type { FinancialPlanClassInput } from '../../contracts/plans';
import { classShiftAgainstPlan, revisionResponse } from '../plans/revision';

const requester = alias(users, 'requester');

function summaryQuery(q: Queryable) {
  return q
    .select({
      request: modificationRequests,
      ppaTitle: ppas.title,
      moaId: ppas.moaId,
      moaCode: moas.code,
      requestedBy: requester.name,
      requestedByEmail: requester.email,
    })
    .from(modificationRequests)
    .innerJoin(ppas, eq(ppas.id, modificationRequests.ppaId))
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .innerJoin(requester, eq(requester.id, modificationRequests.requestedById));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['where']>>[number];

function toSummary({ request: r, ppaTitle, moaCode, requestedBy, requestedByEmail }: SummaryRow): ModificationSummary {
  return {
    id: r.id,
    ppaId: r.ppaId,
    ppaTitle,
    moaCode,
    status: r.status,
    route: r.route,
    needsExecutive: r.needsExecutive,
    awaitingRole: r.awaitingRole,
    totalAmount: r.totalAmount,
    justification: r.justification,
    requestedBy: requestedBy ?? requestedByEmail,
    createdAt: r.createdAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/**
 * Requests on PPAs the viewer may see, newest first; by PPA, by status, or only those waiting on the viewer's
 * decision (the reviewers' queue: a moa_head's own MOA's, MFBM's and the executive's across MOAs).
 */
export async function listModifications(options: {
  db: Queryable;
  viewer: Viewer;
  ppaId?: string;
  status?: ModificationStatus;
  waitingOnMe?: boolean;
}): Promise<ModificationSummary[]> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const conditions: (SQL | undefined)[] = [visiblePpasCondition(viewer)];
  if (options.ppaId) conditions.push(eq(modificationRequests.ppaId, options.ppaId));
  if (options.status) conditions.push(eq(modificationRequests.status, options.status));
  if (options.waitingOnMe) {
    conditions.push(eq(modificationRequests.status, 'submitted'));
    if (viewer.role !== 'admin') conditions.push(eq(modificationRequests.awaitingRole, viewer.role));
  }
  const rows = await summaryQuery(db)
    .where(and(...conditions))
    .orderBy(options.waitingOnMe ? asc(modificationRequests.submittedAt) : desc(modificationRequests.createdAt), asc(modificationRequests.id))
    .limit(500);
  return rows.map(toSummary).filter((r, i) => !options.waitingOnMe || rows[i]!.request.requestedById !== viewer.userId);
}

/** Live preview while a request is written: the invariants, each item's before → after, and the route. */
export async function previewModification(options: {
  db: Queryable;
  viewer: Viewer;
  ppaId: string;
  lines: LineInput[];
  excludeRequestId?: string;
  planRevisionClasses?: FinancialPlanClassInput[];
}): Promise<ModificationPreview> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const ppa = await findVisiblePpa(db, viewer, options.ppaId);
  const [moa] = await db.select({ code: moas.code }).from(moas).where(eq(moas.id, ppa.moaId));
  const shift = options.planRevisionClasses ? await classShiftAgainstPlan(db, ppa, options.planRevisionClasses) : null;
  const evaluation = await evaluateLines(db, ppa, options.lines, await pendingOutgoing(db, ppa.id, { except: options.excludeRequestId }), shift);
  return previewOf(evaluation, moa?.code ?? '');
}

/** One request with its lines (items, classes, objects), steps, and what approving it now would do. */
export async function getModification(options: { db: Queryable; viewer: Viewer; requestId: string }): Promise<ModificationDetail> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const { request, ppa } = await loadRequest(db, viewer, options.requestId);
  const [[row], lines, steps] = await Promise.all([
    summaryQuery(db).where(eq(modificationRequests.id, request.id)),
    linesOf(db, [request.id]),
    db
      .select({ step: modificationSteps, name: users.name, email: users.email })
      .from(modificationSteps)
      .innerJoin(users, eq(users.id, modificationSteps.actorId))
      .where(eq(modificationSteps.requestId, request.id))
      .orderBy(asc(modificationSteps.at), asc(modificationSteps.id)),
  ]);
  const itemIds = [...new Set(lines.flatMap((l) => [l.fromWorkItemId, l.toWorkItemId]))];
  const titles = new Map(
    itemIds.length === 0
      ? []
      : (await db.select({ id: workItems.id, title: workItems.title }).from(workItems).where(inArray(workItems.id, itemIds))).map((i) => [i.id, i.title]),
  );
  const open = request.status !== 'approved' && request.status !== 'rejected' && request.status !== 'withdrawn';
  const planRevision = await revisionResponse(db, ppa, request.id);
  let preview: ModificationPreview | null = null;
  if (open && (lines.length > 0 || planRevision)) {
    const pending = await pendingOutgoing(
      db,
      ppa.id,
      request.status === 'submitted' ? { except: request.id, before: { submittedAt: request.submittedAt!, id: request.id } } : { except: request.id },
    );
    const shift = planRevision ? parsePesos(planRevision.classShift) : null;
    const evaluation = await evaluateLines(
      db,
      ppa,
      lines.map((l) => ({ fromWorkItemId: l.fromWorkItemId, toWorkItemId: l.toWorkItemId, amount: l.amount })),
      pending,
      shift,
    );
    preview = previewOf(evaluation, row!.moaCode);
  }
  return {
    ...toSummary(row!),
    attachmentLinks: request.attachmentLinks,
    planRevision,
    lines: lines.map((l) => ({
      id: l.id,
      fromWorkItemId: l.fromWorkItemId,
      fromTitle: titles.get(l.fromWorkItemId) ?? '',
      toWorkItemId: l.toWorkItemId,
      toTitle: titles.get(l.toWorkItemId) ?? '',
      fromClass: l.fromClass,
      toClass: l.toClass,
      fromObject: l.fromObject,
      toObject: l.toObject,
      amount: l.amount,
    })),
    steps: steps.map(({ step, name, email }) => ({
      action: step.action,
      actorRole: step.actorRole,
      actorName: name ?? email,
      comment: step.comment,
      at: step.at.toISOString(),
    })),
    preview,
    canEdit: mayRequest(viewer, ppa) && EDITABLE_STATUSES.includes(request.status),
    canDecide: mayDecide(viewer, ppa, request),
    canWithdraw: mayRequest(viewer, ppa) && ['draft', 'returned', 'submitted'].includes(request.status),
  };
}
