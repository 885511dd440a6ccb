import { distributeEqually } from './distribution';
import { formatPesos, percentOf, type Centavos } from './money';
import type { AppropriationClass } from './types';

/**
 * The Budget Execution Documents of a PPA (docs/domain-rules.md, "Plans and targets"): the Financial Plan
 * (obligation targets by quarter and disbursement targets by month, per allotment class) and the Physical
 * Plan (output indicators with quarterly targets), and how a quarter's accomplishment is judged against them.
 * Amounts are centavos; indicator quantities are hundredths (two decimals, like pesos), so every sum is exact.
 */

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];
export const MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** January–March is Q1, and so on: allotments are released in January, April, July and October. */
export function quarterOfMonth(month: number): Quarter {
  return Math.ceil(month / 3) as Quarter;
}

/** One allotment class's lines of the Financial Plan: Q1–Q4 obligation targets and Jan–Dec disbursement targets. */
export interface FinancialPlanClass {
  allotmentClass: AppropriationClass;
  obligations: readonly Centavos[];
  disbursements: readonly Centavos[];
}

export interface PlanProblem {
  field: string;
  message: string;
}

/**
 * What the obligation targets allow to be disbursed by the end of `month`: a quarter's obligations may be
 * incurred from the month its allotment is released (its first month), so they count from that month on.
 */
export function cumulativeObligationTargetAt(obligations: readonly Centavos[], month: number): Centavos {
  let sum = 0n;
  for (let q = 1; q <= quarterOfMonth(month); q++) sum += obligations[q - 1] ?? 0n;
  return sum;
}

/**
 * Why a Financial Plan does not hold, in a planner's words; empty when it does. It holds when every amount is
 * at least zero, the year's obligation targets of all classes sum exactly to the allocation, and in each class
 * the disbursement targets up to any month end never exceed the obligation targets up to it.
 */
export function financialPlanProblems(classes: readonly FinancialPlanClass[], allocation: Centavos): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (classes.length === 0) return [{ field: 'classes', message: 'Enter obligation targets for at least one allotment class.' }];
  const seen = new Set<string>();
  let total = 0n;
  classes.forEach((line, i) => {
    if (seen.has(line.allotmentClass))
      problems.push({ field: `classes.${i}.allotmentClass`, message: `${line.allotmentClass} appears twice: one row per allotment class.` });
    seen.add(line.allotmentClass);
    if (line.obligations.length !== 4) problems.push({ field: `classes.${i}.obligations`, message: 'Give an obligation target for each of Q1 to Q4.' });
    if (line.disbursements.length !== 12)
      problems.push({ field: `classes.${i}.disbursements`, message: 'Give a disbursement target for each month, January to December.' });
    if ([...line.obligations, ...line.disbursements].some((a) => a < 0n)) problems.push({ field: `classes.${i}`, message: 'Targets cannot be negative.' });
    total += line.obligations.reduce((s, a) => s + a, 0n);
    let disbursed = 0n;
    for (const month of MONTHS) {
      disbursed += line.disbursements[month - 1] ?? 0n;
      const allowed = cumulativeObligationTargetAt(line.obligations, month);
      if (disbursed > allowed) {
        problems.push({
          field: `classes.${i}.disbursements.${month - 1}`,
          message: `${line.allotmentClass}: by the end of ${MONTH_NAMES[month - 1]} the plan disburses ${formatPesos(disbursed)}, more than the ${formatPesos(allowed)} it obligates by then.`,
        });
        break;
      }
    }
  });
  if (total !== allocation) {
    const gap = total > allocation ? `${formatPesos(total - allocation)} more than` : `${formatPesos(allocation - total)} less than`;
    problems.push({
      field: 'classes',
      message: `The year's obligation targets total ${formatPesos(total)}: ${gap} the allocation of ${formatPesos(allocation)}. They must equal it exactly.`,
    });
  }
  return problems;
}

/** Quantities (indicator targets and accomplishments) as hundredths, the way pesos are centavos. */
export type Hundredths = bigint;
const QUANTITY_PATTERN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

export function parseQuantity(text: string): Hundredths | null {
  const match = QUANTITY_PATTERN.exec(text.trim().replaceAll(',', ''));
  if (!match) return null;
  return BigInt(match[1]!) * 100n + BigInt((match[2] ?? '').padEnd(2, '0'));
}

/** Hundredths → "1250" or "12.5" (a quantity reads without trailing zeros). */
export function quantityText(hundredths: Hundredths): string {
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

export interface IndicatorTargets {
  name: string;
  annualTarget: Hundredths;
  quarterTargets: readonly Hundredths[];
}

/** Why an indicator's targets do not hold: four quarterly targets, none negative, summing to the annual target. */
export function indicatorProblems(indicator: IndicatorTargets): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (!indicator.name.trim()) problems.push({ field: 'name', message: 'Name the indicator (for example, "Women trained").' });
  if (indicator.quarterTargets.length !== 4) return [...problems, { field: 'quarterTargets', message: 'Give a target for each of Q1 to Q4.' }];
  const sum = indicator.quarterTargets.reduce((s, t) => s + t, 0n);
  if (sum !== indicator.annualTarget) {
    problems.push({
      field: 'quarterTargets',
      message: `The quarterly targets add up to ${quantityText(sum)}, not the annual target of ${quantityText(indicator.annualTarget)}.`,
    });
  }
  return problems;
}

/** A quarter more than this share below its target needs an explanation with its accomplishment. */
export const EXPLANATION_SHORTFALL_PERCENT = 15;

/** Whether an accomplishment is more than 15% below its quarter's target (a zero target is never short). */
export function needsExplanation(accomplished: Hundredths, target: Hundredths): boolean {
  return target > 0n && accomplished * 100n < target * BigInt(100 - EXPLANATION_SHORTFALL_PERCENT);
}

/** Behind plan after a quarter closes: obligations under 75% of their cumulative target, an indicator under 85%. */
export const BEHIND_OBLIGATION_PERCENT = 75;
export const BEHIND_INDICATOR_PERCENT = 85;

export function isBehind(actual: bigint, target: bigint, percent: number): boolean {
  return target > 0n && actual * 100n < target * BigInt(percent);
}

/** A fiscal year's quarter as Manila dates: its first and last day. */
export function quarterDates(fiscalYear: number, quarter: Quarter): { start: string; end: string } {
  const startMonth = (quarter - 1) * 3 + 1;
  const endMonth = startMonth + 2;
  const lastDay = new Date(Date.UTC(fiscalYear, endMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { start: `${fiscalYear}-${pad(startMonth)}-01`, end: `${fiscalYear}-${pad(endMonth)}-${pad(lastDay)}` };
}

/** The last quarter of the fiscal year that has closed by `today` (a Manila date), or null if none has yet. */
export function lastClosedQuarter(fiscalYear: number, today: string): Quarter | null {
  let closed: Quarter | null = null;
  for (const q of QUARTERS) if (quarterDates(fiscalYear, q).end < today) closed = q;
  return closed;
}

/** The month (1–12) of the fiscal year a date falls in; before the year is month 1, after it month 12. */
export function fiscalMonthOf(date: string, fiscalYear: number): number {
  const year = Number(date.slice(0, 4));
  if (year < fiscalYear) return 1;
  if (year > fiscalYear) return 12;
  return Number(date.slice(5, 7));
}

/** Sums of a class-by-class plan over all classes: Q1–Q4 obligations and Jan–Dec disbursements. */
export function planTotals(classes: readonly FinancialPlanClass[]): { obligations: Centavos[]; disbursements: Centavos[] } {
  const obligations = QUARTERS.map((q) => classes.reduce((s, c) => s + (c.obligations[q - 1] ?? 0n), 0n));
  const disbursements = MONTHS.map((m) => classes.reduce((s, c) => s + (c.disbursements[m - 1] ?? 0n), 0n));
  return { obligations, disbursements };
}

export interface SCurvePoint {
  month: number;
  plannedObligations: Centavos;
  plannedDisbursements: Centavos;
  /** null for months not yet reached: the actual line stops at today. */
  actualObligations: Centavos | null;
  actualDisbursements: Centavos | null;
}

/**
 * Cumulative planned and actual obligations and disbursements at each month end: the S-curve. `actual` holds
 * each month's net ledger amounts (reversals already negative); entries dated before the fiscal year count in
 * January. Months after `currentMonth` have no actual figure yet (13 once the year is over).
 */
export function sCurve(
  plan: { obligations: readonly Centavos[]; disbursements: readonly Centavos[] },
  actual: { obligations: readonly Centavos[]; disbursements: readonly Centavos[] },
  currentMonth: number,
): SCurvePoint[] {
  let planD = 0n;
  let actO = 0n;
  let actD = 0n;
  return MONTHS.map((month) => {
    planD += plan.disbursements[month - 1] ?? 0n;
    actO += actual.obligations[month - 1] ?? 0n;
    actD += actual.disbursements[month - 1] ?? 0n;
    const reached = month <= currentMonth;
    return {
      month,
      plannedObligations: cumulativeObligationTargetAt(plan.obligations, month),
      plannedDisbursements: planD,
      actualObligations: reached ? actO : null,
      actualDisbursements: reached ? actD : null,
    };
  });
}

export interface QuarterFigures {
  quarter: Quarter;
  obligationTarget: Centavos;
  obligations: Centavos;
  obligationPercent: number | null;
  disbursementTarget: Centavos;
  disbursements: Centavos;
  disbursementPercent: number | null;
}

/** The quarter cards: each quarter's targets, what the ledger shows for it, and the share of target reached. */
export function quarterFigures(
  plan: { obligations: readonly Centavos[]; disbursements: readonly Centavos[] },
  actual: { obligations: readonly Centavos[]; disbursements: readonly Centavos[] },
): QuarterFigures[] {
  const inQuarter = (months: readonly Centavos[], q: Quarter) => months.slice((q - 1) * 3, q * 3).reduce((s, a) => s + a, 0n);
  return QUARTERS.map((quarter) => {
    const obligationTarget = plan.obligations[quarter - 1] ?? 0n;
    const obligations = inQuarter(actual.obligations, quarter);
    const disbursementTarget = inQuarter(plan.disbursements, quarter);
    const disbursements = inQuarter(actual.disbursements, quarter);
    return {
      quarter,
      obligationTarget,
      obligations,
      obligationPercent: percentOf(obligations, obligationTarget, 2),
      disbursementTarget,
      disbursements,
      disbursementPercent: percentOf(disbursements, disbursementTarget, 2),
    };
  });
}

export interface SpreadItem {
  allocated: Centavos;
  startDate: string | null;
  dueDate: string | null;
}

/**
 * A proposed Financial Plan for one class from the work items' dates and amounts: each leaf is obligated in
 * the quarter it starts and disbursed in the month it is due (never before its quarter opens); what the leaves
 * do not cover is spread evenly over the quarters, disbursed in each quarter's last month. Always balanced.
 */
export function proposeSpread(allotmentClass: AppropriationClass, allocation: Centavos, fiscalYear: number, leaves: readonly SpreadItem[]): FinancialPlanClass {
  const obligations: Centavos[] = [0n, 0n, 0n, 0n];
  const disbursements: Centavos[] = Array.from({ length: 12 }, () => 0n);
  let covered = 0n;
  for (const leaf of leaves) {
    if (leaf.allocated <= 0n || covered + leaf.allocated > allocation) continue;
    covered += leaf.allocated;
    const startMonth = leaf.startDate ? fiscalMonthOf(leaf.startDate, fiscalYear) : 1;
    const quarter = quarterOfMonth(startMonth);
    const dueMonth = Math.max(leaf.dueDate ? fiscalMonthOf(leaf.dueDate, fiscalYear) : quarter * 3, (quarter - 1) * 3 + 1);
    obligations[quarter - 1]! += leaf.allocated;
    disbursements[dueMonth - 1]! += leaf.allocated;
  }
  distributeEqually(allocation - covered, 4).forEach((share, i) => {
    obligations[i]! += share;
    disbursements[i * 3 + 2]! += share;
  });
  return { allotmentClass, obligations, disbursements };
}

/** The calendar quarter that closed last before `today` (a Manila date): the one the behind-plan check looks at. */
export function lastClosedCalendarQuarter(today: string): { year: number; quarter: Quarter } {
  const year = Number(today.slice(0, 4));
  const current = quarterOfMonth(Number(today.slice(5, 7)));
  return current === 1 ? { year: year - 1, quarter: 4 } : { year, quarter: (current - 1) as Quarter };
}

export interface BehindPlanFacts {
  title: string;
  fiscalYear: number;
  quarter: Quarter;
  obligations: { actual: Centavos; target: Centavos };
  indicators: readonly { name: string; unit: string; actual: Hundredths; target: Hundredths }[];
}

/**
 * What is behind plan after a quarter closes, cumulatively from Q1: obligations under 75% of their target, each
 * indicator under 85% of its target. Null when nothing is; else the alert's severity (high when the money is
 * behind, medium when only outputs are), title and message.
 */
export function behindPlanAlert(facts: BehindPlanFacts): { severity: 'high' | 'medium'; title: string; message: string } | null {
  const money = isBehind(facts.obligations.actual, facts.obligations.target, BEHIND_OBLIGATION_PERCENT);
  const outputs = facts.indicators.filter((i) => isBehind(i.actual, i.target, BEHIND_INDICATOR_PERCENT));
  if (!money && outputs.length === 0) return null;
  const lines: string[] = [];
  if (money) {
    const share = percentOf(facts.obligations.actual, facts.obligations.target, 2) ?? 0;
    lines.push(
      `Obligations to the end of Q${facts.quarter}: ${formatPesos(facts.obligations.actual)} of ${formatPesos(facts.obligations.target)} planned (${share}%, under ${BEHIND_OBLIGATION_PERCENT}%).`,
    );
  }
  for (const i of outputs) {
    const share = percentOf(i.actual, i.target, 2) ?? 0;
    lines.push(
      `${i.name}: ${quantityText(i.actual)} of ${quantityText(i.target)} ${i.unit} planned to the end of Q${facts.quarter} (${share}%, under ${BEHIND_INDICATOR_PERCENT}%).`,
    );
  }
  return { severity: money ? 'high' : 'medium', title: `${facts.title} is behind plan after Q${facts.quarter} ${facts.fiscalYear}`, message: lines.join(' ') };
}
