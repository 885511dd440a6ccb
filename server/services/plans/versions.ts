import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { planDisbursementTargets, planIndicators, planObligationTargets, planVersions } from '@/db/schema';
import { centavosOf } from '../../domain/money';
import type { FinancialPlanClass } from '../../domain/plans';
import type { AppropriationClass, SignedInViewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';

export const REVISION_PENDING =
  'A modification request carries a revision of this plan that is not decided yet. Decide or withdraw that request before changing the plan directly.';

export type PlanVersionRow = typeof planVersions.$inferSelect;
export type IndicatorRow = typeof planIndicators.$inferSelect;

/** A PPA's plan versions, original first. */
export function versionsOf(q: Queryable, ppaId: string): Promise<PlanVersionRow[]> {
  return q.select().from(planVersions).where(eq(planVersions.ppaId, ppaId)).orderBy(asc(planVersions.version));
}

/**
 * The version in force: while the budget is locked, the latest locked one (a revision still being decided is
 * not yet the plan); otherwise the latest, draft or not.
 */
export function versionInForce(versions: readonly PlanVersionRow[], budgetLocked: boolean): PlanVersionRow | null {
  const candidates = budgetLocked ? versions.filter((v) => v.lockedAt !== null) : versions;
  return candidates.at(-1) ?? versions.at(-1) ?? null;
}

/** A version's Financial Plan, class by class, in the order classes are listed (PS, MOOE, CO). */
export async function financialPlanOf(q: Queryable, versionId: string): Promise<FinancialPlanClass[]> {
  const [obligations, disbursements] = await Promise.all([
    q.select().from(planObligationTargets).where(eq(planObligationTargets.versionId, versionId)),
    q.select().from(planDisbursementTargets).where(eq(planDisbursementTargets.versionId, versionId)),
  ]);
  const classes = new Map<AppropriationClass, { obligations: bigint[]; disbursements: bigint[] }>();
  const lineOf = (c: AppropriationClass) => {
    if (!classes.has(c)) classes.set(c, { obligations: [0n, 0n, 0n, 0n], disbursements: Array.from({ length: 12 }, () => 0n) });
    return classes.get(c)!;
  };
  for (const o of obligations) lineOf(o.allotmentClass).obligations[o.quarter - 1] = centavosOf(o.amount);
  for (const d of disbursements) lineOf(d.allotmentClass).disbursements[d.month - 1] = centavosOf(d.amount);
  const order: AppropriationClass[] = ['PS', 'MOOE', 'CO'];
  return order.filter((c) => classes.has(c)).map((c) => ({ allotmentClass: c, ...classes.get(c)! }));
}

export function indicatorsOf(q: Queryable, versionId: string): Promise<IndicatorRow[]> {
  return q.select().from(planIndicators).where(eq(planIndicators.versionId, versionId)).orderBy(asc(planIndicators.sortOrder), asc(planIndicators.name));
}

/**
 * The draft version a change writes to: the latest version while it is a draft, or else a new version based on
 * the latest locked one, with its lines copied (the locked one stays as it was). Version 1 is the original.
 * This is also where a plan revision starts: the modification-request flow calls it for a locked plan.
 */
export async function draftVersion(tx: Queryable, ppaId: string, viewer: SignedInViewer): Promise<PlanVersionRow> {
  const versions = await versionsOf(tx, ppaId);
  const latest = versions.at(-1);
  // A revision a modification request carries is that request's until it is decided, even if the budget is
  // unlocked meanwhile: a direct change cannot write into it.
  if (latest && latest.lockedAt === null && latest.modificationRequestId !== null) throw AppError.conflict(REVISION_PENDING);
  if (latest && latest.lockedAt === null) return latest;
  const [created] = await tx
    .insert(planVersions)
    .values({ ppaId, version: (latest?.version ?? 0) + 1, basedOnId: latest?.id ?? null, createdById: viewer.userId })
    .returning();
  if (latest) {
    await tx.execute(sql`insert into plan_obligation_targets (version_id, allotment_class, quarter, amount)
      select ${created!.id}, allotment_class, quarter, amount from plan_obligation_targets where version_id = ${latest.id}`);
    await tx.execute(sql`insert into plan_disbursement_targets (version_id, allotment_class, month, amount)
      select ${created!.id}, allotment_class, month, amount from plan_disbursement_targets where version_id = ${latest.id}`);
    await tx.execute(sql`insert into plan_indicators (version_id, key, name, unit, annual_target, q1_target, q2_target, q3_target, q4_target, work_item_id, sort_order)
      select ${created!.id}, key, name, unit, annual_target, q1_target, q2_target, q3_target, q4_target, work_item_id, sort_order from plan_indicators where version_id = ${latest.id}`);
    await writeAudit(tx, viewer, {
      ppaId,
      entityType: 'plan',
      entityId: created!.id,
      action: 'revise',
      before: { version: latest.version },
      after: { version: created!.version },
    });
  }
  return created!;
}

/**
 * Locks the PPA's draft plan version with its budget (server/services/budget/budget-lock.ts calls this in the
 * lock's transaction). From then on the database keeps it as it is. Nothing to lock: nothing happens. A revision
 * a modification request carries is not locked here: it locks only when that request is approved.
 */
export async function lockPlanWithBudget(tx: Queryable, ppaId: string, actor: SignedInViewer | null): Promise<void> {
  const locked = await tx
    .update(planVersions)
    .set({ lockedAt: sql`clock_timestamp()`, lockedById: actor?.userId ?? null })
    .where(and(eq(planVersions.ppaId, ppaId), isNull(planVersions.lockedAt), isNull(planVersions.modificationRequestId)))
    .returning({ id: planVersions.id, version: planVersions.version });
  for (const version of locked) {
    await writeAudit(tx, actor, { ppaId, entityType: 'plan', entityId: version.id, action: 'lock', after: { version: version.version } });
  }
}
