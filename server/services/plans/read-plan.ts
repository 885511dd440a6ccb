import { and, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { indicatorAccomplishments, users, workItems } from '@/db/schema';
import { toPesoString } from '../../domain/money';
import { lastClosedQuarter, parseQuantity, planTotals, quarterFigures, sCurve, type FinancialPlanClass } from '../../domain/plans';
import { manilaDay } from '../../domain/schedule';
import type { Viewer } from '../../domain/types';
import type { PlanResponse } from '../../contracts/plans';
import type { PpaRow } from '../access';
import { findPlanPpa, mayChangePlans, mayRecordAccomplishments } from '../access';
import { planAllocation } from './allocation';
import { monthlyLedger } from './ledger-months';
import { planProblems } from './readiness';
import { financialPlanOf, indicatorsOf, versionInForce, versionsOf, type PlanVersionRow } from './versions';

const versionResponse = (v: PlanVersionRow) => ({
  id: v.id,
  version: v.version,
  basedOnId: v.basedOnId,
  lockedAt: v.lockedAt?.toISOString() ?? null,
  createdAt: v.createdAt.toISOString(),
});

export const classResponse = (c: FinancialPlanClass) => ({
  allotmentClass: c.allotmentClass,
  obligations: c.obligations.map(toPesoString),
  disbursements: c.disbursements.map(toPesoString),
});

/** The month of the fiscal year it is now in Manila: 0 before the year starts, 12 once it is over. */
export function currentFiscalMonth(fiscalYear: number, now: Date): number {
  const today = manilaDay(now);
  const year = Number(today.slice(0, 4));
  if (year < fiscalYear) return 0;
  if (year > fiscalYear) return 12;
  return Number(today.slice(5, 7));
}

/** A PPA's plans as its page and the API show them: the version in force, accomplishments, S-curve, quarter cards. */
export async function getPlan(options: { db: Queryable; viewer: Viewer; ppaId: string; now?: Date }): Promise<PlanResponse> {
  const { db, viewer, ppaId } = options;
  const ppa = await findPlanPpa(db, viewer, ppaId);
  return readPlan(db, viewer, ppa, options.now ?? new Date());
}

export async function readPlan(q: Queryable, viewer: Viewer, ppa: PpaRow, now: Date): Promise<PlanResponse> {
  const versions = await versionsOf(q, ppa.id);
  const version = versionInForce(versions, ppa.budgetLockedAt !== null);
  const classes = version ? await financialPlanOf(q, version.id) : [];
  const indicatorRows = version ? await indicatorsOf(q, version.id) : [];
  const [ledger, problems, allocation] = await Promise.all([monthlyLedger(q, ppa.id, ppa.fiscalYear), planProblems(q, ppa), planAllocation(q, ppa)]);

  const keys = indicatorRows.map((i) => i.key);
  const accomplishments = keys.length
    ? await q
        .select({
          key: indicatorAccomplishments.indicatorKey,
          quarter: indicatorAccomplishments.quarter,
          accomplished: indicatorAccomplishments.accomplished,
          explanation: indicatorAccomplishments.explanation,
          recordedBy: users.name,
          recordedAt: indicatorAccomplishments.recordedAt,
        })
        .from(indicatorAccomplishments)
        .leftJoin(users, eq(users.id, indicatorAccomplishments.recordedById))
        .where(and(eq(indicatorAccomplishments.ppaId, ppa.id), inArray(indicatorAccomplishments.indicatorKey, keys)))
        .orderBy(indicatorAccomplishments.quarter)
    : [];
  const itemIds = indicatorRows.flatMap((i) => (i.workItemId ? [i.workItemId] : []));
  const titles = new Map(
    itemIds.length
      ? (await q.select({ id: workItems.id, title: workItems.title }).from(workItems).where(inArray(workItems.id, itemIds))).map((w) => [w.id, w.title])
      : [],
  );

  const indicators = indicatorRows.map((row) => ({
    key: row.key,
    name: row.name,
    unit: row.unit,
    annualTarget: row.annualTarget,
    quarterTargets: [row.q1Target, row.q2Target, row.q3Target, row.q4Target],
    workItemId: row.workItemId,
    workItemTitle: row.workItemId ? (titles.get(row.workItemId) ?? null) : null,
    accomplishments: accomplishments
      .filter((a) => a.key === row.key)
      .map((a) => ({
        quarter: a.quarter,
        accomplished: a.accomplished,
        explanation: a.explanation,
        recordedBy: a.recordedBy ?? null,
        recordedAt: a.recordedAt.toISOString(),
      })),
  }));

  const totals = planTotals(classes);
  const closedUpTo = lastClosedQuarter(ppa.fiscalYear, manilaDay(now)) ?? 0;
  const quarters = quarterFigures(totals, ledger).map((figures) => {
    const withTarget = indicators.filter((i) => parseQuantity(i.quarterTargets[figures.quarter - 1]!)! > 0n);
    const reported = withTarget.filter((i) => i.accomplishments.some((a) => a.quarter === figures.quarter));
    const met = withTarget.filter((i) => {
      const done = i.accomplishments.find((a) => a.quarter === figures.quarter);
      return done !== undefined && parseQuantity(done.accomplished)! >= parseQuantity(i.quarterTargets[figures.quarter - 1]!)!;
    });
    return {
      ...figures,
      closed: figures.quarter <= closedUpTo,
      obligationTarget: toPesoString(figures.obligationTarget),
      obligations: toPesoString(figures.obligations),
      disbursementTarget: toPesoString(figures.disbursementTarget),
      disbursements: toPesoString(figures.disbursements),
      indicatorsMet: met.length,
      indicatorsReported: reported.length,
      indicatorsWithTarget: withTarget.length,
    };
  });
  const curve = sCurve(totals, ledger, currentFiscalMonth(ppa.fiscalYear, now)).map((p) => ({
    month: p.month,
    plannedObligations: toPesoString(p.plannedObligations),
    plannedDisbursements: toPesoString(p.plannedDisbursements),
    actualObligations: p.actualObligations === null ? null : toPesoString(p.actualObligations),
    actualDisbursements: p.actualDisbursements === null ? null : toPesoString(p.actualDisbursements),
  }));

  return {
    ppaId: ppa.id,
    fiscalYear: ppa.fiscalYear,
    allocation: toPesoString(allocation),
    appropriationClass: ppa.appropriationClass,
    version: version ? versionResponse(version) : null,
    versions: versions.map(versionResponse),
    classes: classes.map(classResponse),
    indicators,
    problems,
    editable: mayChangePlans(viewer, ppa),
    canRecord: mayRecordAccomplishments(viewer, ppa) && indicators.length > 0,
    quarters,
    sCurve: curve,
  };
}
