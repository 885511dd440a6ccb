import { formatPesos, percentOf, type Centavos } from './money';
import type { ApprovalStage, UserRole } from './types';
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
