import { randomUUID } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { planDisbursementTargets, planIndicators, planObligationTargets, planVersions, workItems } from '@/db/schema';
import { revisionClassShift } from '../../domain/modifications';
import { parsePesos, toPesoString, type Centavos } from '../../domain/money';
import { financialPlanProblems, indicatorProblems, parseQuantity, type FinancialPlanClass } from '../../domain/plans';
import type { SignedInViewer } from '../../domain/types';
import type { PlanRevision, PlanRevisionInput } from '../../contracts/modification';
import type { FinancialPlanClassInput } from '../../contracts/plans';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import type { PpaRow } from '../access';
import { planAllocation } from './allocation';
import { classResponse } from './read-plan';
import { draftVersion, financialPlanOf, indicatorsOf, versionsOf, type PlanVersionRow } from './versions';

/**
 * Plan revisions after the budget lock (docs/domain-rules.md, "Plan revisions"): a modification request may carry
 * a revised Financial and Physical Plan, kept as a draft version tied to the request. It is checked when the
 * request is submitted and again when it is approved, locked (and so shown as the plan) in the approval's
 * transaction, and dropped when the request is rejected or withdrawn. The locked versions never change.
 */

export const REVISION_TAKEN =
  'Another modification request on this PPA already carries a plan revision. Decide or withdraw that one first: a PPA has one plan revision pending at a time.';
export const REVISION_STALE =
  'The PPA’s plan has been revised since this revision was drafted: return the request so its plan revision can be redrafted from the plan in force.';

export const toPlanClasses = (input: readonly FinancialPlanClassInput[]): FinancialPlanClass[] =>
  input.map((c) => ({ allotmentClass: c.allotmentClass, obligations: c.obligations.map(parsePesos), disbursements: c.disbursements.map(parsePesos) }));

/** The draft version a request carries, if any (an applied revision is locked and no longer a draft). */
export async function revisionVersionOf(q: Queryable, requestId: string, options: { applied?: boolean } = {}): Promise<PlanVersionRow | null> {
  const rows = await q.select().from(planVersions).where(eq(planVersions.modificationRequestId, requestId));
  return rows.find((v) => (options.applied ? true : v.lockedAt === null)) ?? null;
}

/**
 * Writes the revision a request carries: the request's draft version (made from the locked version in force the
 * first time) gets exactly the classes and indicators sent. Balance is not required of a draft; the caller holds
 * the PPA's lock, so two requests cannot both start a revision (the one-draft index would refuse it anyway).
 */
export async function writeRevision(tx: Queryable, viewer: SignedInViewer, ppa: PpaRow, requestId: string, revision: PlanRevisionInput): Promise<void> {
  revision.indicators.forEach((indicator, i) => {
    const [problem] = indicatorProblems({
      name: indicator.name,
      annualTarget: parseQuantity(indicator.annualTarget)!,
      quarterTargets: indicator.quarterTargets.map((t) => parseQuantity(t)!),
    });
    if (problem) throw AppError.badField(`planRevision.indicators.${i}.${problem.field}`, `${indicator.name}: ${problem.message}`);
  });
  for (const id of new Set(revision.indicators.flatMap((i) => (i.workItemId ? [i.workItemId] : [])))) {
    const [item] = await tx
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.id, id), eq(workItems.ppaId, ppa.id)));
    if (!item) throw AppError.badField('planRevision.indicators', 'An indicator can only be tied to a work item of the same PPA.');
  }
  const sentKeys = revision.indicators.flatMap((i) => (i.key ? [i.key] : []));
  if (new Set(sentKeys).size !== sentKeys.length) throw AppError.badField('planRevision.indicators', 'The same indicator appears twice.');

  let version = await revisionVersionOf(tx, requestId);
  if (!version) {
    const [draft] = await tx
      .select({ requestId: planVersions.modificationRequestId })
      .from(planVersions)
      .where(and(eq(planVersions.ppaId, ppa.id), isNull(planVersions.lockedAt)));
    if (draft) throw AppError.conflict(REVISION_TAKEN);
    const created = await draftVersion(tx, ppa.id, viewer);
    const [tied] = await tx.update(planVersions).set({ modificationRequestId: requestId }).where(eq(planVersions.id, created.id)).returning();
    version = tied!;
  }
  const versionId = version.id;
  const classes = toPlanClasses(revision.classes);
  await tx.delete(planObligationTargets).where(eq(planObligationTargets.versionId, versionId));
  await tx.delete(planDisbursementTargets).where(eq(planDisbursementTargets.versionId, versionId));
  await tx.delete(planIndicators).where(eq(planIndicators.versionId, versionId));
  await tx
    .insert(planObligationTargets)
    .values(
      classes.flatMap((c) => c.obligations.map((amount, i) => ({ versionId, allotmentClass: c.allotmentClass, quarter: i + 1, amount: toPesoString(amount) }))),
    );
  await tx
    .insert(planDisbursementTargets)
    .values(
      classes.flatMap((c) => c.disbursements.map((amount, i) => ({ versionId, allotmentClass: c.allotmentClass, month: i + 1, amount: toPesoString(amount) }))),
    );
  await tx.insert(planIndicators).values(
    revision.indicators.map((i, sortOrder) => ({
      versionId,
      key: i.key ?? randomUUID(),
      name: i.name,
      unit: i.unit,
      annualTarget: i.annualTarget,
      q1Target: i.quarterTargets[0]!,
      q2Target: i.quarterTargets[1]!,
      q3Target: i.quarterTargets[2]!,
      q4Target: i.quarterTargets[3]!,
      workItemId: i.workItemId ?? null,
      sortOrder,
    })),
  );
  await writeAudit(tx, viewer, {
    ppaId: ppa.id,
    entityType: 'plan',
    entityId: versionId,
    action: 'revision_drafted',
    after: { version: version.version, request: requestId, classes: classes.map(classResponse), indicators: revision.indicators.map((i) => i.name) },
  });
}

/** Drops the draft revision of a request (rejected, withdrawn, or the requester removed it). */
export async function dropRevision(tx: Queryable, viewer: SignedInViewer, ppaId: string, requestId: string): Promise<void> {
  const dropped = await tx
    .delete(planVersions)
    .where(and(eq(planVersions.modificationRequestId, requestId), isNull(planVersions.lockedAt)))
    .returning({ id: planVersions.id, version: planVersions.version });
  for (const v of dropped)
    await writeAudit(tx, viewer, { ppaId, entityType: 'plan', entityId: v.id, action: 'revision_dropped', before: { version: v.version, request: requestId } });
}

/** The plan in force after the lock: the latest locked version (none for a PPA locked before it had plans). */
function lockedInForce(versions: readonly PlanVersionRow[]): PlanVersionRow | null {
  return versions.filter((v) => v.lockedAt !== null).at(-1) ?? null;
}

export interface RevisionCheck {
  version: PlanVersionRow;
  basedOnVersion: number | null;
  classes: FinancialPlanClass[];
  problems: string[];
  classShift: Centavos;
}

/**
 * A revision checked against the PPA as it stands: it must revise the plan in force (no other revision applied
 * since), balance against the allocation (which the request's lines never change: they move money below the
 * PPA's total), and keep at least one indicator.
 */
export async function checkRevision(q: Queryable, ppa: PpaRow, version: PlanVersionRow): Promise<RevisionCheck> {
  const versions = await versionsOf(q, ppa.id);
  const inForce = lockedInForce(versions);
  const basedOn = versions.find((v) => v.id === version.basedOnId) ?? null;
  const [classes, indicators, inForceClasses] = await Promise.all([
    financialPlanOf(q, version.id),
    indicatorsOf(q, version.id),
    basedOn ? financialPlanOf(q, basedOn.id) : Promise.resolve([]),
  ]);
  const problems: string[] = [];
  if (version.lockedAt === null && (inForce?.id ?? null) !== version.basedOnId) problems.push(REVISION_STALE);
  problems.push(...financialPlanProblems(classes, await planAllocation(q, ppa)).map((p) => `Revised Financial Plan: ${p.message}`));
  if (indicators.length === 0) problems.push('Revised Physical Plan: keep at least one output indicator.');
  return { version, basedOnVersion: basedOn?.version ?? null, classes, problems, classShift: revisionClassShift(inForceClasses, classes) };
}

/** What the targets being written move across classes, against the plan in force (for the live preview). */
export async function classShiftAgainstPlan(q: Queryable, ppa: PpaRow, input: readonly FinancialPlanClassInput[]): Promise<Centavos> {
  const inForce = lockedInForce(await versionsOf(q, ppa.id));
  return revisionClassShift(inForce ? await financialPlanOf(q, inForce.id) : [], toPlanClasses(input));
}

/** Applies an approved request's revision: the draft locks and, being the latest locked version, is the plan. */
export async function applyRevision(tx: Queryable, viewer: SignedInViewer, ppaId: string, check: RevisionCheck, requestId: string): Promise<void> {
  await tx
    .update(planVersions)
    .set({ lockedAt: sql`clock_timestamp()`, lockedById: viewer.userId })
    .where(eq(planVersions.id, check.version.id));
  await writeAudit(tx, viewer, {
    ppaId,
    entityType: 'plan',
    entityId: check.version.id,
    action: 'revision_applied',
    before: { version: check.basedOnVersion },
    after: { version: check.version.version, request: requestId },
  });
}

/** The revision a request carries as its page and the API show it. */
export async function revisionResponse(q: Queryable, ppa: PpaRow, requestId: string): Promise<PlanRevision | null> {
  const version = await revisionVersionOf(q, requestId, { applied: true });
  if (!version) return null;
  const check = await checkRevision(q, ppa, version);
  const indicators = await indicatorsOf(q, version.id);
  return {
    version: version.version,
    basedOnVersion: check.basedOnVersion,
    applied: version.lockedAt !== null,
    classes: check.classes.map(classResponse),
    indicators: indicators.map((i) => ({
      key: i.key,
      name: i.name,
      unit: i.unit,
      annualTarget: i.annualTarget,
      quarterTargets: [i.q1Target, i.q2Target, i.q3Target, i.q4Target],
      workItemId: i.workItemId,
    })),
    problems: version.lockedAt === null ? check.problems : [],
    classShift: toPesoString(check.classShift),
  };
}
