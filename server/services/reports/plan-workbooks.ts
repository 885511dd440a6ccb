import { and, inArray, isNotNull, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { indicatorAccomplishments, planIndicators, planObligationTargets, planVersions, ppas } from '@/db/schema';
import { centavosOf, percentOf, type Centavos } from '../../domain/money';
import { lastClosedQuarter, QUARTERS, quarterDates, type Hundredths } from '../../domain/plans';
import { splitForTotals, totalsNote } from '../../domain/reports';
import { manilaDay } from '../../domain/schedule';
import type { PpaFigureRow } from '../portfolio/ppa-figures';
import { streamWorkbook } from '../exports/xlsx-stream';
import { versionInForce, type PlanVersionRow } from '../plans/versions';
import { codeOf, fileName, pesoNumber, reportRows, reportTitles, writeTable, type Column, type ReportFile, type ReportOptions } from './report-workbooks';

/**
 * The plans' two workbooks (docs/domain-rules.md, "Plans and targets"), per fiscal year and optionally one MOA,
 * with the conventions of the MFBM and COA workbooks (report-workbooks.ts): the same header rows, amounts as
 * numbers with a peso format, user text made formula-safe, a TOTAL row that is the sum of the rows above it.
 * Both count the PPAs approved out of budget review, as the Budget Execution Report does.
 */

const quantity = (hundredths: Hundredths): number => Number(hundredths) / 100;
const sum = (values: readonly bigint[]) => values.reduce((s, v) => s + v, 0n);

/** The version in force of each PPA, from one read of all their versions. */
async function versionsInForce(db: Queryable, rows: readonly PpaFigureRow[], lockedIds: ReadonlySet<string>): Promise<Map<string, PlanVersionRow>> {
  if (rows.length === 0) return new Map();
  const versions = await db
    .select()
    .from(planVersions)
    .where(
      inArray(
        planVersions.ppaId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(planVersions.version);
  const byPpa = new Map<string, PlanVersionRow[]>();
  for (const v of versions) byPpa.set(v.ppaId, [...(byPpa.get(v.ppaId) ?? []), v]);
  const inForce = new Map<string, PlanVersionRow>();
  for (const [ppaId, list] of byPpa) {
    const version = versionInForce(list, lockedIds.has(ppaId));
    if (version) inForce.set(ppaId, version);
  }
  return inForce;
}

/** Which PPAs have a locked budget (the version in force is then the latest locked one). */
async function lockedPpaIds(db: Queryable, rows: readonly PpaFigureRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const locked = await db
    .select({ id: ppas.id })
    .from(ppas)
    .where(
      and(
        inArray(
          ppas.id,
          rows.map((r) => r.id),
        ),
        isNotNull(ppas.budgetLockedAt),
      ),
    );
  return new Set(locked.map((r) => r.id));
}

export interface PhysicalReportRow {
  ppa: PpaFigureRow;
  indicator: string;
  unit: string;
  annualTarget: Hundredths;
  targets: Hundredths[];
  accomplished: (Hundredths | null)[];
  targetToDate: Hundredths;
  accomplishedToDate: Hundredths;
  explanations: string;
}

/** The quarters whose targets are due by `today`: those closed, or all four once the year is over. */
function quartersDue(fiscalYear: number, today: string): number {
  return lastClosedQuarter(fiscalYear, today) ?? 0;
}

export const PHYSICAL_REPORT_COLUMNS: Column<PhysicalReportRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: (r) => codeOf(r.ppa) },
  { header: 'PPA Title', kind: 'text', width: 36, value: (r) => r.ppa.title },
  { header: 'Implementing MOA', kind: 'text', width: 12, value: (r) => r.ppa.moaCode },
  { header: 'Output Indicator', kind: 'text', width: 30, value: (r) => r.indicator },
  { header: 'Unit of Measure', kind: 'text', width: 12, value: (r) => r.unit },
  { header: 'Annual Target', kind: 'number', width: 11, value: (r) => quantity(r.annualTarget) },
  ...QUARTERS.flatMap((q): Column<PhysicalReportRow>[] => [
    { header: `Q${q} Target`, kind: 'number', width: 9, value: (r) => quantity(r.targets[q - 1]!) },
    { header: `Q${q} Actual`, kind: 'number', width: 9, value: (r) => (r.accomplished[q - 1] === null ? null : quantity(r.accomplished[q - 1]!)) },
  ]),
  { header: 'Target to Date', kind: 'number', width: 11, value: (r) => quantity(r.targetToDate) },
  { header: 'Actual to Date', kind: 'number', width: 11, value: (r) => quantity(r.accomplishedToDate) },
  { header: 'Variance', kind: 'number', width: 10, value: (r) => quantity(r.accomplishedToDate - r.targetToDate) },
  { header: 'Accomplishment (%)', kind: 'percent', width: 13, value: (r) => percentOf(r.accomplishedToDate, r.targetToDate, 2) },
  { header: 'Explanation of Variance', kind: 'text', width: 44, value: (r) => r.explanations },
];

/** One row per indicator of each counted PPA's plan in force, with what each quarter accomplished. */
export async function physicalReportRows(db: Queryable, ppaRows: readonly PpaFigureRow[], today: string): Promise<PhysicalReportRow[]> {
  const versions = await versionsInForce(db, ppaRows, await lockedPpaIds(db, ppaRows));
  const versionIds = [...versions.values()].map((v) => v.id);
  if (versionIds.length === 0) return [];
  const [indicators, done] = await Promise.all([
    db.select().from(planIndicators).where(inArray(planIndicators.versionId, versionIds)).orderBy(planIndicators.sortOrder, planIndicators.name),
    db
      .select()
      .from(indicatorAccomplishments)
      .where(inArray(indicatorAccomplishments.ppaId, [...versions.keys()])),
  ]);
  return ppaRows.flatMap((ppa) => {
    const version = versions.get(ppa.id);
    if (!version) return [];
    const due = quartersDue(ppa.fiscalYear, today);
    return indicators
      .filter((i) => i.versionId === version.id)
      .map((i) => {
        const targets = [i.q1Target, i.q2Target, i.q3Target, i.q4Target].map(centavosOf);
        const mine = done.filter((d) => d.ppaId === ppa.id && d.indicatorKey === i.key);
        const accomplished = QUARTERS.map((q) => {
          const row = mine.find((d) => d.quarter === q);
          return row ? centavosOf(row.accomplished) : null;
        });
        return {
          ppa,
          indicator: i.name,
          unit: i.unit,
          annualTarget: centavosOf(i.annualTarget),
          targets,
          accomplished,
          targetToDate: sum(targets.slice(0, due)),
          accomplishedToDate: sum(accomplished.slice(0, due).map((a) => a ?? 0n)),
          explanations: mine
            .filter((d) => d.explanation)
            .sort((a, b) => a.quarter - b.quarter)
            .map((d) => `Q${d.quarter}: ${d.explanation}`)
            .join('\n'),
        };
      });
  });
}

/** The TOTAL row: the sum of each quantity column (a check figure across indicators) and the share of those sums. */
export function physicalTotals(rows: readonly PhysicalReportRow[]): Record<string, number | null> {
  const totals: Record<string, number | null> = { 'Annual Target': quantity(sum(rows.map((r) => r.annualTarget))) };
  for (const q of QUARTERS) {
    totals[`Q${q} Target`] = quantity(sum(rows.map((r) => r.targets[q - 1]!)));
    totals[`Q${q} Actual`] = quantity(sum(rows.map((r) => r.accomplished[q - 1] ?? 0n)));
  }
  const target = sum(rows.map((r) => r.targetToDate));
  const actual = sum(rows.map((r) => r.accomplishedToDate));
  return {
    ...totals,
    'Target to Date': quantity(target),
    'Actual to Date': quantity(actual),
    Variance: quantity(actual - target),
    'Accomplishment (%)': percentOf(actual, target, 2),
  };
}

/** Quarterly Physical Report of Operation: each indicator's targets, accomplishments, variance and explanations. */
export async function physicalReport(options: ReportOptions): Promise<ReportFile> {
  const now = options.now ?? new Date();
  const all = await reportRows(options, now);
  const { counted, apart } = splitForTotals(all);
  const rows = await physicalReportRows(options.db, counted, manilaDay(now));
  const content = await streamWorkbook(now, (workbook) => {
    writeTable(
      workbook,
      'Physical Report',
      reportTitles('MINISTRY OF FINANCE AND BUDGET MANAGEMENT', 'QUARTERLY PHYSICAL REPORT OF OPERATION', options.input, options.viewer, all, now),
      PHYSICAL_REPORT_COLUMNS,
      rows,
      {
        totals: physicalTotals(rows),
        notes: [
          totalsNote(apart.length),
          'Target and actual to date count the quarters closed by the report date. The TOTAL adds quantities of different units: a check figure, not an output.',
        ],
      },
    );
  });
  return { fileName: fileName('physical-report-of-operation', options.input), content };
}

export interface SaaodbRow {
  ppa: PpaFigureRow;
  appropriation: Centavos;
  allotment: Centavos;
  obligations: Centavos[];
  disbursements: Centavos[];
}

const obligationsTotal = (r: SaaodbRow) => sum(r.obligations);
const disbursementsTotal = (r: SaaodbRow) => sum(r.disbursements);

export const SAAODB_COLUMNS: Column<SaaodbRow>[] = [
  { header: 'PPA Code', kind: 'text', width: 22, value: (r) => codeOf(r.ppa) },
  { header: 'PPA Title', kind: 'text', width: 36, value: (r) => r.ppa.title },
  { header: 'Implementing MOA', kind: 'text', width: 12, value: (r) => r.ppa.moaCode },
  { header: 'Allotment Class', kind: 'text', width: 10, value: (r) => r.ppa.appropriationClass ?? '' },
  { header: 'Appropriation (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(r.appropriation) },
  { header: 'Allotment Released (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(r.allotment) },
  ...QUARTERS.map((q): Column<SaaodbRow> => ({ header: `Obligations Q${q} (₱)`, kind: 'amount', width: 16, value: (r) => pesoNumber(r.obligations[q - 1]!) })),
  { header: 'Obligations Total (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(obligationsTotal(r)) },
  ...QUARTERS.map((q): Column<SaaodbRow> => ({
    header: `Disbursements Q${q} (₱)`,
    kind: 'amount',
    width: 16,
    value: (r) => pesoNumber(r.disbursements[q - 1]!),
  })),
  { header: 'Disbursements Total (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(disbursementsTotal(r)) },
  { header: 'Unobligated Allotment (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(r.allotment - obligationsTotal(r)) },
  { header: 'Unpaid Obligations (₱)', kind: 'amount', width: 17, value: (r) => pesoNumber(obligationsTotal(r) - disbursementsTotal(r)) },
];

/**
 * Each counted PPA's ledger by quarter (an entry before the fiscal year in Q1, after it in Q4), and its allotment
 * released so far: the obligation targets of the quarters begun by `today` (allotments are released in
 * January, April, July and October); without a plan, the whole allocation.
 */
export async function saaodbRows(db: Queryable, ppaRows: readonly PpaFigureRow[], today: string): Promise<SaaodbRow[]> {
  if (ppaRows.length === 0) return [];
  const ids = ppaRows.map((r) => r.id);
  const ledger = rowsOf<{ ppa_id: string; kind: 'obligation' | 'disbursement'; quarter: number; amount: string }>(
    await db.execute(sql`
      select e.ppa_id, e.kind,
             least(4, greatest(1, case when extract(year from e.spent_on)::int < p.fiscal_year then 1
                                       when extract(year from e.spent_on)::int > p.fiscal_year then 4
                                       else extract(quarter from e.spent_on)::int end)) as quarter,
             sum(e.amount)::numeric(18,2)::text as amount
      from expenditure_entries e join ppas p on p.id = e.ppa_id
      where e.ppa_id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      group by 1, 2, 3`),
  );
  const versions = await versionsInForce(db, ppaRows, await lockedPpaIds(db, ppaRows));
  const targets = versions.size
    ? await db
        .select()
        .from(planObligationTargets)
        .where(
          inArray(
            planObligationTargets.versionId,
            [...versions.values()].map((v) => v.id),
          ),
        )
    : [];
  return ppaRows.map((ppa) => {
    const mine = ledger.filter((l) => l.ppa_id === ppa.id);
    const byQuarter = (kind: 'obligation' | 'disbursement') =>
      QUARTERS.map((q) => sum(mine.filter((l) => l.kind === kind && Number(l.quarter) === q).map((l) => centavosOf(l.amount))));
    const version = versions.get(ppa.id);
    const begun = QUARTERS.filter((q) => quarterDates(ppa.fiscalYear, q).start <= today);
    const allotment = version
      ? sum(targets.filter((t) => t.versionId === version.id && begun.includes(t.quarter as 1 | 2 | 3 | 4)).map((t) => centavosOf(t.amount)))
      : ppa.money.allocation;
    return { ppa, appropriation: ppa.money.allocation, allotment, obligations: byQuarter('obligation'), disbursements: byQuarter('disbursement') };
  });
}

export function saaodbTotals(rows: readonly SaaodbRow[]): Record<string, number> {
  const totals: Record<string, number> = {
    'Appropriation (₱)': pesoNumber(sum(rows.map((r) => r.appropriation))),
    'Allotment Released (₱)': pesoNumber(sum(rows.map((r) => r.allotment))),
    'Obligations Total (₱)': pesoNumber(sum(rows.map(obligationsTotal))),
    'Disbursements Total (₱)': pesoNumber(sum(rows.map(disbursementsTotal))),
    'Unobligated Allotment (₱)': pesoNumber(sum(rows.map((r) => r.allotment - obligationsTotal(r)))),
    'Unpaid Obligations (₱)': pesoNumber(sum(rows.map((r) => obligationsTotal(r) - disbursementsTotal(r)))),
  };
  for (const q of QUARTERS) {
    totals[`Obligations Q${q} (₱)`] = pesoNumber(sum(rows.map((r) => r.obligations[q - 1]!)));
    totals[`Disbursements Q${q} (₱)`] = pesoNumber(sum(rows.map((r) => r.disbursements[q - 1]!)));
  }
  return totals;
}

/** Statement of Appropriations, Allotments, Obligations, Disbursements and Balances, by quarter. */
export async function saaodbReport(options: ReportOptions): Promise<ReportFile> {
  const now = options.now ?? new Date();
  const all = await reportRows(options, now);
  const { counted, apart } = splitForTotals(all);
  const rows = await saaodbRows(options.db, counted, manilaDay(now));
  const content = await streamWorkbook(now, (workbook) => {
    writeTable(
      workbook,
      'SAAODB by Quarter',
      reportTitles(
        'MINISTRY OF FINANCE AND BUDGET MANAGEMENT',
        'STATEMENT OF APPROPRIATIONS, ALLOTMENTS, OBLIGATIONS, DISBURSEMENTS AND BALANCES',
        options.input,
        options.viewer,
        all,
        now,
      ),
      SAAODB_COLUMNS,
      rows,
      {
        totals: saaodbTotals(rows),
        notes: [
          totalsNote(apart.length),
          'Allotment released: the Financial Plan’s obligation targets of the quarters begun by the report date (released in January, April, July and October).',
        ],
      },
    );
  });
  return { fileName: fileName('saaodb-by-quarter', options.input), content };
}
