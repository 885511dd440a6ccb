import { inArray, isNotNull, sql, and } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { planDisbursementTargets, planObligationTargets, planVersions, ppas } from '@/db/schema';
import { centavosOf, toPesoString } from '../../domain/money';
import { MONTHS, QUARTERS, sCurve } from '../../domain/plans';
import { splitForTotals } from '../../domain/reports';
import type { Viewer } from '../../domain/types';
import type { PortfolioSCurve } from '../../contracts/plans';
import { readPpaFigures, type PpaFilters } from '../portfolio/ppa-figures';
import { currentFiscalMonth } from './read-plan';
import { versionInForce, type PlanVersionRow } from './versions';

/**
 * The portfolio's S-curve: the plans in force and the ledgers of the PPAs the dashboard counts (those of the
 * filters the viewer may see, approved out of budget review), added month by month. A PPA without a plan adds its
 * ledger only, so the actual lines always equal the dashboard's obligations and disbursements.
 */
export async function portfolioSCurve(options: {
  db: Queryable;
  viewer: Viewer;
  fiscalYear: number;
  filters: Omit<PpaFilters, 'fiscalYear'>;
  now?: Date;
}): Promise<PortfolioSCurve> {
  const { db, fiscalYear } = options;
  const now = options.now ?? new Date();
  const { counted } = splitForTotals(await readPpaFigures({ db, viewer: options.viewer, filters: { ...options.filters, fiscalYear }, now }));
  const ids = counted.map((r) => r.id);
  const planned = { obligations: QUARTERS.map(() => 0n), disbursements: MONTHS.map(() => 0n) };
  const actual = { obligations: MONTHS.map(() => 0n), disbursements: MONTHS.map(() => 0n) };
  let withPlan = 0;
  if (ids.length) {
    const [versions, locked] = await Promise.all([
      db.select().from(planVersions).where(inArray(planVersions.ppaId, ids)).orderBy(planVersions.version),
      db
        .select({ id: ppas.id })
        .from(ppas)
        .where(and(inArray(ppas.id, ids), isNotNull(ppas.budgetLockedAt))),
    ]);
    const lockedIds = new Set(locked.map((l) => l.id));
    const byPpa = new Map<string, PlanVersionRow[]>();
    for (const v of versions) byPpa.set(v.ppaId, [...(byPpa.get(v.ppaId) ?? []), v]);
    const inForce = [...byPpa].flatMap(([ppaId, list]) => {
      const version = versionInForce(list, lockedIds.has(ppaId));
      return version ? [version.id] : [];
    });
    withPlan = inForce.length;
    if (inForce.length) {
      for (const o of await db.select().from(planObligationTargets).where(inArray(planObligationTargets.versionId, inForce)))
        planned.obligations[o.quarter - 1]! += centavosOf(o.amount);
      for (const d of await db.select().from(planDisbursementTargets).where(inArray(planDisbursementTargets.versionId, inForce)))
        planned.disbursements[d.month - 1]! += centavosOf(d.amount);
    }
    const ledger = rowsOf<{ month: number; kind: 'obligation' | 'disbursement'; amount: string }>(
      await db.execute(sql`
        select least(12, greatest(1, case when extract(year from spent_on)::int < ${fiscalYear} then 1
                                          when extract(year from spent_on)::int > ${fiscalYear} then 12
                                          else extract(month from spent_on)::int end)) as month,
               kind, sum(amount)::numeric(18,2)::text as amount
        from expenditure_entries where ppa_id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        group by 1, 2`),
    );
    for (const row of ledger) (row.kind === 'obligation' ? actual.obligations : actual.disbursements)[Number(row.month) - 1]! += centavosOf(row.amount);
  }
  return {
    fiscalYear,
    ppaCount: counted.length,
    withPlan,
    sCurve: sCurve(planned, actual, currentFiscalMonth(fiscalYear, now)).map((p) => ({
      month: p.month,
      plannedObligations: toPesoString(p.plannedObligations),
      plannedDisbursements: toPesoString(p.plannedDisbursements),
      actualObligations: p.actualObligations === null ? null : toPesoString(p.actualObligations),
      actualDisbursements: p.actualDisbursements === null ? null : toPesoString(p.actualDisbursements),
    })),
  };
}
