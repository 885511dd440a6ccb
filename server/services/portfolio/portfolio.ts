import { sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { moas, ppas } from '@/db/schema';
import { REVIEW_STAGES } from '../../domain/alerts';
import { centavosOf, toPesoString } from '../../domain/money';
import { deriveFigures, type MoneyTotals } from '../../domain/portfolio';
import { manilaDay } from '../../domain/schedule';
import { ALERT_SEVERITIES, APPROVAL_STAGES, type ApprovalStage, type PpaSector, type Viewer } from '../../domain/types';
import type { PortfolioFigures, PortfolioRequest, PortfolioResponse } from '../../contracts/portfolio';
import { figuresCtes, isoTimestamp } from './ppa-figures';
import { visiblePpasCondition } from '../access';

/** How many PPAs the "longest in review" and "top overruns" lists show. */
export const PORTFOLIO_LIST_LENGTH = 10;

interface GroupRow {
  g_moa: number;
  g_sector: number;
  g_stage: number;
  moa_id: string | null;
  moa_code: string | null;
  moa_name: string | null;
  sector: PpaSector | null;
  approval_stage: ApprovalStage | null;
  ppa_count: number;
  ceiling: string | null;
  allocation: string | null;
  obligations: string | null;
  disbursements: string | null;
}

interface PortfolioRow {
  groups: string;
  overruns: string;
  waiting: string;
  alerts: string;
  years: string;
}

/** A group's figures: its money totals as peso strings, and the rates derived from those totals (not averaged). */
export function figuresOf(count: number, money: MoneyTotals): PortfolioFigures {
  const derived = deriveFigures(money);
  return {
    ppaCount: count,
    ceiling: toPesoString(money.ceiling),
    allocation: toPesoString(money.allocation),
    obligations: toPesoString(money.obligations),
    disbursements: toPesoString(money.disbursements),
    variance: toPesoString(derived.variance),
    variancePercent: derived.variancePercent,
    utilisation: derived.utilisation,
    obligationRate: derived.obligationRate,
    disbursementRate: derived.disbursementRate,
    unobligated: toPesoString(derived.unobligated),
  };
}

function groupFigures(row: GroupRow): PortfolioFigures {
  return figuresOf(Number(row.ppa_count), {
    ceiling: centavosOf(row.ceiling),
    allocation: centavosOf(row.allocation),
    obligations: centavosOf(row.obligations),
    disbursements: centavosOf(row.disbursements),
  });
}

/**
 * The portfolio dashboard for one fiscal year (default: this year in Manila), narrowed by MOA code and sector,
 * over the PPAs the viewer may see: a planner or viewer asking for another MOA gets an empty portfolio, as the
 * list does, never someone else's figures. One statement: the per-PPA figures (ppa-figures.ts) grouped by
 * grouping sets into the totals and the MOA, sector and stage breakdowns, plus the two top-10 lists, the open
 * alerts by severity and the fiscal years there are, each a JSON column. Every total is the exact sum (in
 * centavos) of the PPAs' own figures, and each breakdown sums to the totals.
 */
export async function getPortfolio(options: { db: Queryable; viewer: Viewer; input: PortfolioRequest; now?: Date }): Promise<PortfolioResponse> {
  const { db, viewer, input } = options;
  const now = options.now ?? new Date();
  const fiscalYear = input.fiscalYear ?? Number(manilaDay(now).slice(0, 4));
  const filters = { fiscalYear, moaCode: input.moa, sector: input.sector };
  const reviewStages = sql.join(
    REVIEW_STAGES.map((stage) => sql`${stage}::approval_stage`),
    sql`, `,
  );
  const result = await db.execute(sql`
    ${figuresCtes({ viewer, filters, now })},
    groups as (
      select grouping(moa_code) as g_moa, grouping(sector) as g_sector, grouping(approval_stage) as g_stage,
             moa_id, moa_code, moa_name, sector, approval_stage, count(*)::int as ppa_count,
             sum(ceiling)::text as ceiling, sum(allocation)::text as allocation,
             sum(obligations)::text as obligations, sum(disbursements)::text as disbursements
      from ledger_figures
      group by grouping sets ((), (moa_id, moa_code, moa_name), (sector), (approval_stage))
    )
    select
      (select coalesce(json_agg(g), '[]') from groups g)::text as groups,
      (select coalesce(json_agg(o), '[]') from (
        select id, title, moa_code, allocation::text as allocation, disbursements::text as disbursements
        from ledger_figures where disbursements > allocation
        order by disbursements - allocation desc, title, id limit ${PORTFOLIO_LIST_LENGTH}
      ) o)::text as overruns,
      (select coalesce(json_agg(w), '[]') from (
        select id, title, moa_code, approval_stage, ${isoTimestamp(sql`stage_entered_at`)} as stage_entered_at, days_in_stage
        from ledger_figures where approval_stage in (${reviewStages})
        order by stage_entered_at, id limit ${PORTFOLIO_LIST_LENGTH}
      ) w)::text as waiting,
      (select coalesce(json_agg(s), '[]') from (
        select a.severity, count(*)::int as count
        from alerts a join ledger_figures f on f.id = a.ppa_id
        where a.resolved_at is null group by a.severity
      ) s)::text as alerts,
      (select coalesce(json_agg(y.fiscal_year order by y.fiscal_year desc), '[]') from (
        select distinct ppas.fiscal_year from ${ppas} join ${moas} on moas.id = ppas.moa_id
        where ${visiblePpasCondition(viewer) ?? sql`true`}
      ) y)::text as years`);
  const [row] = rowsOf<PortfolioRow>(result);
  const groups = JSON.parse(row!.groups) as GroupRow[];
  const overruns = JSON.parse(row!.overruns) as { id: string; title: string; moa_code: string; allocation: string; disbursements: string }[];
  const waiting = JSON.parse(row!.waiting) as {
    id: string;
    title: string;
    moa_code: string;
    approval_stage: ApprovalStage;
    stage_entered_at: string;
    days_in_stage: number;
  }[];
  const alertCounts = JSON.parse(row!.alerts) as { severity: (typeof ALERT_SEVERITIES)[number]; count: number }[];
  const years = JSON.parse(row!.years) as number[];

  const total = groups.find((g) => g.g_moa === 1 && g.g_sector === 1 && g.g_stage === 1)!;
  const bySeverity = Object.fromEntries(
    ALERT_SEVERITIES.map((s) => [s, alertCounts.find((a) => a.severity === s)?.count ?? 0]),
  ) as PortfolioResponse['openAlerts']['bySeverity'];
  const byCode = <T extends string>(a: T, b: T) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    fiscalYear,
    moa: input.moa ?? null,
    sector: input.sector ?? null,
    fiscalYears: years,
    totals: groupFigures(total),
    byMoa: groups
      .filter((g) => g.g_moa === 0)
      .map((g) => ({ moaId: g.moa_id!, moaCode: g.moa_code!, moaName: g.moa_name!, ...groupFigures(g) }))
      .sort((a, b) => byCode(a.moaCode, b.moaCode)),
    bySector: groups
      .filter((g) => g.g_sector === 0)
      .map((g) => ({ sector: g.sector!, ...groupFigures(g) }))
      .sort((a, b) => byCode(a.sector, b.sector)),
    byStage: groups
      .filter((g) => g.g_stage === 0)
      .map((g) => ({ approvalStage: g.approval_stage!, ...groupFigures(g) }))
      .sort((a, b) => APPROVAL_STAGES.indexOf(a.approvalStage) - APPROVAL_STAGES.indexOf(b.approvalStage)),
    longestInReview: waiting.map((w) => ({
      id: w.id,
      title: w.title,
      moaCode: w.moa_code,
      approvalStage: w.approval_stage,
      stageEnteredAt: new Date(w.stage_entered_at).toISOString(),
      daysInStage: Math.max(0, Number(w.days_in_stage)),
    })),
    topOverruns: overruns.map((o) => {
      const allocation = centavosOf(o.allocation);
      const disbursements = centavosOf(o.disbursements);
      const derived = deriveFigures({ ceiling: 0n, allocation, obligations: 0n, disbursements });
      return {
        id: o.id,
        title: o.title,
        moaCode: o.moa_code,
        allocation: toPesoString(allocation),
        disbursements: toPesoString(disbursements),
        variance: toPesoString(derived.variance),
        utilisation: derived.utilisation,
      };
    }),
    openAlerts: { total: alertCounts.reduce((sum, a) => sum + a.count, 0), bySeverity },
  };
}
