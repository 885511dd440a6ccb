import { canEditPpa } from './access';
import { centavosOf, formatPesos, type Centavos } from './money';
import { isSignedIn, type ApprovalDecision, type ApprovalStage, type UserRole, type Viewer } from './types';

/** The moves of the approval workflow (docs/domain-rules.md, "Approval workflow"); no others exist. */
export interface Transition {
  from: ApprovalStage;
  to: ApprovalStage;
  decision: ApprovalDecision;
  /** Who decides: planners only for their own MOA's PPAs; admin may do everything. */
  deciders: readonly UserRole[];
}

const REVIEWER: readonly UserRole[] = ['mfbm_reviewer', 'admin'];
const EXECUTIVE: readonly UserRole[] = ['executive', 'admin'];
const PLANNER: readonly UserRole[] = ['planner', 'admin'];

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'technical_review', decision: 'submit', deciders: PLANNER },
  { from: 'technical_review', to: 'budget_review', decision: 'approve', deciders: REVIEWER },
  { from: 'budget_review', to: 'stakeholder_consultation', decision: 'approve', deciders: REVIEWER },
  { from: 'budget_review', to: 'executive_approval', decision: 'approve', deciders: REVIEWER },
  { from: 'stakeholder_consultation', to: 'executive_approval', decision: 'approve', deciders: REVIEWER },
  { from: 'executive_approval', to: 'approved', decision: 'approve', deciders: EXECUTIVE },
  { from: 'approved', to: 'enacted', decision: 'approve', deciders: EXECUTIVE },
  { from: 'technical_review', to: 'rejected', decision: 'reject', deciders: REVIEWER },
  { from: 'budget_review', to: 'rejected', decision: 'reject', deciders: REVIEWER },
  { from: 'stakeholder_consultation', to: 'rejected', decision: 'reject', deciders: REVIEWER },
  { from: 'executive_approval', to: 'rejected', decision: 'reject', deciders: EXECUTIVE },
  { from: 'rejected', to: 'draft', decision: 'reopen', deciders: PLANNER },
];

const DECIDER_WORDS: Record<string, string> = {
  [PLANNER.join()]: 'planners of the PPA’s MOA (or an admin)',
  [REVIEWER.join()]: 'MFBM reviewers (or an admin)',
  [EXECUTIVE.join()]: 'executives (or an admin)',
};

export const STAGE_WORDS: Record<ApprovalStage, string> = {
  draft: 'draft',
  technical_review: 'technical review',
  budget_review: 'budget review',
  stakeholder_consultation: 'stakeholder consultation',
  executive_approval: 'executive approval',
  approved: 'approved',
  enacted: 'enacted',
  rejected: 'rejected',
};

export interface WorkflowPpa {
  approvalStage: ApprovalStage;
  moaId: string;
  budgetCeiling: string | null;
  budgetAllocation: string | null;
  fundingSource: string | null;
  appropriationClass: string | null;
  /** What the execution plan hands to its activities (the project's children): planDistributedOf; null without a plan. */
  planDistributed: Centavos | null;
  /** Why its Budget Execution Documents (Financial and Physical Plan) do not yet hold; empty when they do. */
  planGaps: readonly string[];
}

/** What a plan's activities (the project's children) hold, from its work items; null when there is no project. */
export function planDistributedOf(items: readonly { id: string; parentId: string | null; allocatedBudget: string }[]): Centavos | null {
  const project = items.find((i) => i.parentId === null);
  if (!project) return null;
  return items.reduce((sum, i) => (i.parentId === project.id ? sum + centavosOf(i.allocatedBudget) : sum), 0n);
}

export type TransitionRefusal = { code: 'CONFLICT' | 'FORBIDDEN' | 'BAD_REQUEST'; message: string; field?: string };

/** What entering budget review needs, in a planner's words; empty when the PPA is ready. */
export function budgetReviewGaps(ppa: WorkflowPpa): string[] {
  const gaps: string[] = [];
  if (ppa.budgetAllocation === null) gaps.push('a budget allocation');
  if (!ppa.fundingSource) gaps.push('a funding source');
  if (!ppa.appropriationClass) gaps.push('an appropriation class');
  if (ppa.budgetAllocation !== null && ppa.budgetCeiling !== null && centavosOf(ppa.budgetAllocation) > centavosOf(ppa.budgetCeiling)) {
    gaps.push('a budget allocation within its ceiling');
  }
  // A plan that hands nothing to its activities would be locked empty on leaving budget review.
  if (!ppa.planDistributed) gaps.push('an execution plan that distributes its allocation to activities (they hold ₱0.00)');
  // Budget Execution Documents precede release (BAA No. 84, ss. 37–38): a balanced Financial Plan and an indicator.
  if (ppa.planGaps.length) gaps.push(`plans that hold (${ppa.planGaps.join(' ')})`);
  return gaps;
}

/**
 * What the person moving a PPA into budget review is told first when its plan hands its activities less than
 * the whole allocation (the move is allowed); null when it hands out all of it, or nothing (then it is refused).
 */
export function budgetReviewWarning(ppa: Pick<WorkflowPpa, 'budgetAllocation' | 'planDistributed'>): string | null {
  if (ppa.budgetAllocation === null || !ppa.planDistributed) return null;
  const allocation = centavosOf(ppa.budgetAllocation);
  if (ppa.planDistributed >= allocation) return null;
  const left = allocation - ppa.planDistributed;
  return `The plan distributes ${formatPesos(ppa.planDistributed)} of the PPA’s ${formatPesos(allocation)} to its activities: ${formatPesos(left)} is unallocated.`;
}

/** The moves open to this viewer from the PPA's stage (for the decision dialog). */
export function availableTransitions(viewer: Viewer, ppa: WorkflowPpa): Transition[] {
  return TRANSITIONS.filter((t) => t.from === ppa.approvalStage && transitionRefusal(viewer, ppa, t.to, 'x') === null);
}

/** What a rejection without a comment is told (the server's refusal, and the decision panel's check before it). */
export const REJECTION_NEEDS_COMMENT = 'Say why the PPA is rejected: a comment is required.';

/**
 * Whether this viewer may move the PPA to `to` now, and if not, the rule that says no:
 * 409 for a move that does not exist or a PPA not ready for it, 403 for the wrong role, 400 for a
 * rejection without a comment.
 */
export function transitionRefusal(viewer: Viewer, ppa: WorkflowPpa, to: ApprovalStage, comment: string | null | undefined): TransitionRefusal | null {
  // A role that decides nothing (viewers) hears "not yours" for every move, real or not.
  if (!isSignedIn(viewer) || !TRANSITIONS.some((t) => t.deciders.includes(viewer.role))) {
    return { code: 'FORBIDDEN', message: 'Viewers follow PPAs through the workflow but cannot move them.' };
  }
  const transition = TRANSITIONS.find((t) => t.from === ppa.approvalStage && t.to === to);
  if (!transition) {
    const open = TRANSITIONS.filter((t) => t.from === ppa.approvalStage).map((t) => STAGE_WORDS[t.to]);
    const next = open.length ? `it can go to ${open.join(' or ')}` : 'it has reached the end of the workflow';
    return { code: 'CONFLICT', message: `A PPA in ${STAGE_WORDS[ppa.approvalStage]} cannot move to ${STAGE_WORDS[to]}; ${next}.` };
  }
  const roleAllowed = transition.deciders.includes(viewer.role) && (viewer.role !== 'planner' || canEditPpa(viewer, ppa.moaId));
  if (!roleAllowed) {
    return {
      code: 'FORBIDDEN',
      message: `Only ${DECIDER_WORDS[transition.deciders.join()]} can move a PPA from ${STAGE_WORDS[transition.from]} to ${STAGE_WORDS[to]}.`,
    };
  }
  if (transition.decision === 'reject' && !comment?.trim()) {
    return { code: 'BAD_REQUEST', field: 'comment', message: REJECTION_NEEDS_COMMENT };
  }
  if (to === 'budget_review') {
    const gaps = budgetReviewGaps(ppa);
    if (gaps.length) return { code: 'CONFLICT', message: `Before budget review the PPA needs ${gaps.join(', ')}.` };
  }
  return null;
}

/**
 * The stages a PPA reaches only by being approved out of budget review. From here its budget is settled:
 * spending may be recorded against it and the MFBM workbook counts it (docs/domain-rules.md, "Ledger").
 * A rejected PPA is not past budget review, whatever stage it was rejected from.
 */
export const PAST_BUDGET_REVIEW: readonly ApprovalStage[] = ['stakeholder_consultation', 'executive_approval', 'approved', 'enacted'];

export function isPastBudgetReview(stage: ApprovalStage): boolean {
  return PAST_BUDGET_REVIEW.includes(stage);
}

/** Leaving budget review forward locks the budget. */
export function locksBudget(from: ApprovalStage, to: ApprovalStage): boolean {
  return from === 'budget_review' && (to === 'stakeholder_consultation' || to === 'executive_approval');
}
