import { formatPesos, percentOf, type Centavos } from './money';
import type { FlatWorkItem, RolledUpNode } from './rollup';
import type { ApprovalStage, UserRole, WorkStatus } from './types';
import { STAGE_WORDS, TRANSITIONS } from './workflow';

export const REVIEW_STAGES: readonly ApprovalStage[] = ['technical_review', 'budget_review', 'stakeholder_consultation', 'executive_approval'];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days since a moment, as a reviewer counts them. */
export function daysWaiting(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}

/** A PPA waiting in a review stage more than 14 days is critical, more than 7 days high. */
export function bottleneckSeverity(stage: ApprovalStage, days: number): 'critical' | 'high' | null {
  if (!REVIEW_STAGES.includes(stage)) return null;
  if (days > 14) return 'critical';
  if (days > 7) return 'high';
  return null;
}

export function bottleneckAlertText(stage: ApprovalStage, days: number) {
  return { title: `Waiting ${days} days in ${STAGE_WORDS[stage]}`, message: `This PPA has waited ${days} days for a ${STAGE_WORDS[stage]} decision.` };
}

export function overspendingAlertText(title: string, allocated: Centavos, actual: Centavos) {
  const over = actual - allocated;
  const percent = percentOf(over, allocated, 2);
  return {
    title: `${title} is over budget`,
    message: `Actual ${formatPesos(actual)} against ${formatPesos(allocated)} allocated: over by ${formatPesos(over)}${percent === null ? '' : ` (${percent}%)`}.`,
  };
}

/** The stages whose decision waits on this role: what its review queue shows. */
export function stagesDecidedBy(role: UserRole): ApprovalStage[] {
  if (role === 'planner' || role === 'viewer') return [];
  const stages = TRANSITIONS.filter((t) => t.decision === 'approve' && t.deciders.includes(role)).map((t) => t.from);
  return [...new Set(stages)];
}

/** Underspending is checked once this share of the schedule has passed (docs/domain-rules.md, "Alerts"). */
export const UNDERSPENDING_ELAPSED_PERCENT = 75;
/** ... and raised while less than this share of the allocation has been spent. */
export const UNDERSPENDING_UTILISATION_PERCENT = 50;

/** Days from one calendar date (YYYY-MM-DD) to another; dates are Manila days, so no time zone enters. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export interface UnderspendingCheck {
  startDate: string;
  endDate: string;
  /** Today in Manila (server/domain/schedule.ts `manilaToday`). */
  today: string;
  allocated: Centavos;
  actual: Centavos;
}

/**
 * At 75% of the schedule elapsed (or later), spending under 50% of the allocation is underspending. On the
 * start day nothing has elapsed, on the end day all of it; both thresholds are compared in whole numbers, so
 * "exactly 75%" counts as reached and "exactly 50%" as not under. Nothing allocated: nothing to underspend.
 */
export function isUnderspending({ startDate, endDate, today, allocated, actual }: UnderspendingCheck): boolean {
  if (allocated <= 0n) return false;
  const total = daysBetween(startDate, endDate);
  const elapsed = daysBetween(startDate, today);
  if (elapsed < 0) return false;
  const reached = total <= 0 || elapsed * 100 >= UNDERSPENDING_ELAPSED_PERCENT * total;
  return reached && actual * 100n < BigInt(UNDERSPENDING_UTILISATION_PERCENT) * allocated;
}

/** The share of the schedule elapsed, in whole percent (0–100), for the alert's words. */
export function scheduleElapsedPercent(startDate: string, endDate: string, today: string): number {
  const total = daysBetween(startDate, endDate);
  const elapsed = daysBetween(startDate, today);
  if (elapsed <= 0) return total <= 0 && elapsed === 0 ? 100 : 0;
  if (total <= 0 || elapsed >= total) return 100;
  return Math.floor((elapsed * 100) / total);
}

export function underspendingAlertText(title: string, check: UnderspendingCheck) {
  const utilisation = percentOf(check.actual, check.allocated, 2) ?? 0;
  const elapsed = scheduleElapsedPercent(check.startDate, check.endDate, check.today);
  return {
    title: `${title} is underspending`,
    message: `${elapsed}% of the schedule (${check.startDate} to ${check.endDate}) has passed and ${formatPesos(check.actual)} of ${formatPesos(check.allocated)} is spent (${utilisation}%).`,
  };
}

/** Statuses that close an item: it can no longer miss its due date. */
const CLOSED_STATUSES: readonly WorkStatus[] = ['completed', 'cancelled'];

/** A dated item misses its milestone on the Manila day after its due date, unless completed (or cancelled). */
export function isMilestoneMissed(item: { status: WorkStatus; dueDate: string | null }, today: string): boolean {
  return item.dueDate !== null && item.dueDate < today && !CLOSED_STATUSES.includes(item.status);
}

/**
 * The items of a tree that missed their milestones, parents before children. Below a completed or cancelled
 * item nothing is missed: closing a parent closes the work under it.
 */
export function missedMilestones<T extends FlatWorkItem & { dueDate: string | null }>(roots: readonly RolledUpNode<T>[], today: string): T[] {
  const missed: T[] = [];
  const visit = (node: RolledUpNode<T>) => {
    if (CLOSED_STATUSES.includes(node.item.status)) return;
    if (isMilestoneMissed(node.item, today)) missed.push(node.item);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return missed;
}

export function milestoneMissedAlertText(title: string, dueDate: string, today: string) {
  const days = daysBetween(dueDate, today);
  return {
    title: `${title} missed its due date`,
    message: `Due ${dueDate} and not completed: ${days} ${days === 1 ? 'day' : 'days'} overdue.`,
  };
}
