import { formatPesos, isPesoAmount, parsePesos } from '@/server/domain/money';
import { MONTH_NAMES, needsExplanation, parseQuantity, quantityText } from '@/server/domain/plans';
import type { PlanResponse } from '@/server/contracts/plans';
import { pesosOf } from '../charts/chart-data';

/**
 * The plans section's pure parts (components/plans/): the S-curve's drawn points, the quarter cards' words, and
 * the entry forms' running checks, so the page tells a planner what the server would before they save.
 */

export interface SCurveRow {
  month: string;
  plannedObligations: number;
  plannedDisbursements: number;
  actualObligations: number | null;
  actualDisbursements: number | null;
}

export function sCurveRows(plan: Pick<PlanResponse, 'sCurve'>): SCurveRow[] {
  return plan.sCurve.map((p) => ({
    month: MONTH_NAMES[p.month - 1]!,
    plannedObligations: pesosOf(p.plannedObligations),
    plannedDisbursements: pesosOf(p.plannedDisbursements),
    actualObligations: p.actualObligations === null ? null : pesosOf(p.actualObligations),
    actualDisbursements: p.actualDisbursements === null ? null : pesosOf(p.actualDisbursements),
  }));
}

/** "₱550,000.00 of ₱750,000.00 (73.33%)", or "no target" when the quarter has none. */
export function againstTarget(actual: string, target: string, percent: number | null): string {
  const base = `${formatPesos(parsePesos(actual))} of ${formatPesos(parsePesos(target))}`;
  return percent === null ? `${formatPesos(parsePesos(actual))} (no target)` : `${base} (${percent}%)`;
}

/** The form's figures: what the obligation targets add up to against the allocation, in words. */
export function obligationBalance(obligations: readonly string[], allocation: string): { balanced: boolean; text: string } {
  if (!obligations.every((a) => a.trim() === '' || isPesoAmount(a))) return { balanced: false, text: 'Enter each amount in pesos, like 250000.00.' };
  const total = obligations.reduce((s, a) => s + (a.trim() ? parsePesos(a) : 0n), 0n);
  const target = parsePesos(allocation);
  if (total === target) return { balanced: true, text: `Obligation targets total ${formatPesos(total)}: the whole allocation.` };
  const gap = total > target ? `${formatPesos(total - target)} over` : `${formatPesos(target - total)} short of`;
  return { balanced: false, text: `Obligation targets total ${formatPesos(total)}: ${gap} the allocation of ${formatPesos(target)}.` };
}

/** What the accomplishment dialog says about the amount typed, before it is sent. */
export function shortfallHint(accomplished: string, target: string, unit: string): { needsExplanation: boolean; text: string } {
  const done = parseQuantity(accomplished);
  const goal = parseQuantity(target)!;
  if (done === null) return { needsExplanation: false, text: `Target this quarter: ${quantityText(goal)} ${unit}.` };
  if (needsExplanation(done, goal))
    return { needsExplanation: true, text: `${quantityText(done)} of ${quantityText(goal)} ${unit} is more than 15% short of the target: explain why.` };
  return { needsExplanation: false, text: `${quantityText(done)} of ${quantityText(goal)} ${unit} planned this quarter.` };
}

/** A quantity as a planner reads it ("1,250" or "12.5"). */
export function quantityWords(stored: string): string {
  const hundredths = parseQuantity(stored);
  if (hundredths === null) return stored;
  const [whole, fraction] = quantityText(hundredths).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** The annual target an indicator form sends: its quarters added up (so they always agree). */
export function annualOf(quarters: readonly string[]): string | null {
  const parsed = quarters.map((q) => parseQuantity(q.trim() === '' ? '0' : q));
  if (parsed.some((q) => q === null)) return null;
  return quantityText(parsed.reduce((s: bigint, q) => s + q!, 0n));
}
