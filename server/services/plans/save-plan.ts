import { runUseCase } from '../effects/use-case';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { planDisbursementTargets, planIndicators, planObligationTargets, workItems } from '@/db/schema';
import { parsePesos, toPesoString } from '../../domain/money';
import { financialPlanProblems, indicatorProblems, parseQuantity, proposeSpread, type FinancialPlanClass } from '../../domain/plans';
import type { Viewer } from '../../domain/types';
import type { PlanResponse, SaveFinancialPlanRequest, SaveIndicatorsRequest } from '../../contracts/plans';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { assertSignedIn, assertPlansUnlocked, findPlanPpa, findPlanPpaForChange } from '../access';
import { planAllocation } from './allocation';
import { classResponse, readPlan } from './read-plan';
import { draftVersion, financialPlanOf, indicatorsOf } from './versions';

const toClasses = (input: SaveFinancialPlanRequest['classes']): FinancialPlanClass[] =>
  input.map((c) => ({ allotmentClass: c.allotmentClass, obligations: c.obligations.map(parsePesos), disbursements: c.disbursements.map(parsePesos) }));

/**
 * Replaces the Financial Plan of the PPA's draft version. Refused unless it balances: the year's obligation
 * targets equal the allocation to the centavo, and no month's cumulative disbursements pass the obligations.
 */
export async function saveFinancialPlan(options: { db: Database; viewer: Viewer; input: SaveFinancialPlanRequest }): Promise<PlanResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const ppa = await findPlanPpaForChange(tx, viewer, input.id);
    assertPlansUnlocked(ppa);
    const classes = toClasses(input.classes);
    const [problem] = financialPlanProblems(classes, await planAllocation(tx, ppa));
    if (problem) throw AppError.badField(problem.field, problem.message);
    const version = await draftVersion(tx, ppa.id, viewer);
    const before = await financialPlanOf(tx, version.id);
    await tx.delete(planObligationTargets).where(eq(planObligationTargets.versionId, version.id));
    await tx.delete(planDisbursementTargets).where(eq(planDisbursementTargets.versionId, version.id));
    await tx
      .insert(planObligationTargets)
      .values(
        classes.flatMap((c) =>
          c.obligations.map((amount, i) => ({ versionId: version.id, allotmentClass: c.allotmentClass, quarter: i + 1, amount: toPesoString(amount) })),
        ),
      );
    await tx
      .insert(planDisbursementTargets)
      .values(
        classes.flatMap((c) =>
          c.disbursements.map((amount, i) => ({ versionId: version.id, allotmentClass: c.allotmentClass, month: i + 1, amount: toPesoString(amount) })),
        ),
      );
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'plan',
      entityId: version.id,
      action: 'save_financial_plan',
      before: before.length ? { classes: before.map(classResponse) } : null,
      after: { classes: classes.map(classResponse) },
    });
    return readPlan(tx, viewer, ppa, new Date());
  });
}

/** A work item an indicator is tied to must be in the same PPA. */
async function assertItemsInPpa(q: Queryable, ppaId: string, ids: readonly string[]): Promise<void> {
  for (const id of new Set(ids)) {
    const [item] = await q
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.id, id), eq(workItems.ppaId, ppaId)));
    if (!item) throw AppError.badField('workItemId', 'An indicator can only be tied to a work item of the same PPA.');
  }
}

/**
 * Replaces the Physical Plan (the indicators) of the PPA's draft version. An indicator sent with its key keeps
 * it, so its accomplishments follow it; one without a key is new.
 */
export async function saveIndicators(options: { db: Database; viewer: Viewer; input: SaveIndicatorsRequest }): Promise<PlanResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const ppa = await findPlanPpaForChange(tx, viewer, input.id);
    assertPlansUnlocked(ppa);
    input.indicators.forEach((indicator, i) => {
      const [problem] = indicatorProblems({
        name: indicator.name,
        annualTarget: parseQuantity(indicator.annualTarget)!,
        quarterTargets: indicator.quarterTargets.map((t) => parseQuantity(t)!),
      });
      if (problem) throw AppError.badField(`indicators.${i}.${problem.field}`, `${indicator.name}: ${problem.message}`);
    });
    await assertItemsInPpa(
      tx,
      ppa.id,
      input.indicators.flatMap((i) => (i.workItemId ? [i.workItemId] : [])),
    );
    const version = await draftVersion(tx, ppa.id, viewer);
    const before = await indicatorsOf(tx, version.id);
    const known = new Set(before.map((b) => b.key));
    const sent = input.indicators.flatMap((i) => (i.key ? [i.key] : []));
    if (sent.some((key) => !known.has(key))) throw AppError.badField('indicators', 'One of the indicators is not in this plan any more: reload the page.');
    if (new Set(sent).size !== sent.length) throw AppError.badField('indicators', 'The same indicator appears twice.');

    await tx.delete(planIndicators).where(eq(planIndicators.versionId, version.id));
    const rows = input.indicators.map((i, sortOrder) => ({
      versionId: version.id,
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
    }));
    if (rows.length) await tx.insert(planIndicators).values(rows);
    const summary = (r: {
      key: string;
      name: string;
      unit: string;
      annualTarget: string;
      q1Target: string;
      q2Target: string;
      q3Target: string;
      q4Target: string;
    }) => ({ key: r.key, name: r.name, unit: r.unit, annualTarget: r.annualTarget, quarterTargets: [r.q1Target, r.q2Target, r.q3Target, r.q4Target] });
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'plan',
      entityId: version.id,
      action: 'save_indicators',
      before: { indicators: before.map(summary) },
      after: { indicators: rows.map(summary) },
    });
    return readPlan(tx, viewer, ppa, new Date());
  });
}

/**
 * A Financial Plan proposed from the work items' dates and amounts (domain proposeSpread), for the PPA's
 * appropriation class; nothing is saved. The planner reviews it and saves it like any other.
 */
export async function proposeFinancialPlan(options: { db: Database; viewer: Viewer; ppaId: string }): Promise<{ classes: ReturnType<typeof classResponse>[] }> {
  const { db, viewer, ppaId } = options;
  const ppa = await findPlanPpa(db, viewer, ppaId);
  const items = await db
    .select({
      id: workItems.id,
      parentId: workItems.parentId,
      allocatedBudget: workItems.allocatedBudget,
      startDate: workItems.startDate,
      dueDate: workItems.dueDate,
    })
    .from(workItems)
    .where(eq(workItems.ppaId, ppaId));
  const parents = new Set(items.map((i) => i.parentId));
  const leaves = items.filter((i) => !parents.has(i.id)).map((i) => ({ allocated: parsePesos(i.allocatedBudget), startDate: i.startDate, dueDate: i.dueDate }));
  const spread = proposeSpread(ppa.appropriationClass ?? 'MOOE', await planAllocation(db, ppa), ppa.fiscalYear, leaves);
  return { classes: [classResponse(spread)] };
}
