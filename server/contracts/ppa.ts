import { z } from './zod';
import {
  APPROPRIATION_CLASSES,
  APPROVAL_DECISIONS,
  APPROVAL_STAGES,
  FUNDING_SOURCES,
  PPA_CATEGORIES,
  PPA_SECTORS,
  PPA_STATUSES,
  WORK_STATUSES,
  WORK_TYPES,
} from '../domain/types';
import { budgetAllocationProblem } from '../domain/ppa-budget';
import { isPesoAmount, parsePesos } from '../domain/money';
import { changesSomething, zCalendarDate, zId, zPesoAmount } from './shared';

/**
 * Request and response schemas of the PPA procedures. The create/edit form validates with these same
 * schemas, so the browser and the server give the same message for the same mistake.
 */
/** Each field's own rules, without defaults: an edit changes only the fields it sends. */
const ppaFieldRules = {
  title: z.string().trim().min(3, 'Give the PPA a title of at least 3 characters.').max(300, 'Keep the title under 300 characters.'),
  description: z.string().trim().max(5000, 'Keep the description under 5,000 characters.'),
  category: z.enum(PPA_CATEGORIES, { error: 'Choose a category: program, project or activity.' }),
  sector: z.enum(PPA_SECTORS, { error: 'Choose a sector.' }),
  appropriationClass: z.enum(APPROPRIATION_CLASSES, { error: 'Choose PS, MOOE or CO.' }).nullable(),
  fundingSource: z.enum(FUNDING_SOURCES, { error: 'Choose a funding source.' }).nullable(),
  fundingSourceDetail: z.string().trim().max(200, 'Keep the funding detail under 200 characters.').nullable(),
  fiscalYear: z
    .number({ error: 'Enter the fiscal year, like 2026.' })
    .int('Enter the fiscal year, like 2026.')
    .min(2000, 'The fiscal year must be between 2000 and 2100.')
    .max(2100, 'The fiscal year must be between 2000 and 2100.'),
  budgetCeiling: zPesoAmount.nullable(),
  budgetAllocation: zPesoAmount.nullable(),
  startDate: zCalendarDate.nullable(),
  targetEndDate: zCalendarDate.nullable(),
};

/** A new PPA: what the planner leaves out is empty. */
export const zPpaFields = z.object({
  ...ppaFieldRules,
  description: ppaFieldRules.description.default(''),
  appropriationClass: ppaFieldRules.appropriationClass.default(null),
  fundingSource: ppaFieldRules.fundingSource.default(null),
  fundingSourceDetail: ppaFieldRules.fundingSourceDetail.default(null),
  budgetCeiling: ppaFieldRules.budgetCeiling.default(null),
  budgetAllocation: ppaFieldRules.budgetAllocation.default(null),
  startDate: ppaFieldRules.startDate.default(null),
  targetEndDate: ppaFieldRules.targetEndDate.default(null),
});

type CrossFieldValues = Partial<z.output<typeof zPpaFields>>;

/** Rules between fields, reported on the field the planner has to change. */
function checkCrossFieldRules(values: CrossFieldValues, ctx: z.RefinementCtx) {
  // Runs even when a field failed its own rules, so read amounts only where they are amounts.
  const amount = (value: string | null | undefined) => (value && isPesoAmount(value) ? parsePesos(value) : null);
  const problem = budgetAllocationProblem(amount(values.budgetCeiling), amount(values.budgetAllocation));
  if (problem) ctx.addIssue({ code: 'custom', path: ['budgetAllocation'], message: problem });
  if (values.startDate && values.targetEndDate && values.targetEndDate < values.startDate) {
    ctx.addIssue({ code: 'custom', path: ['targetEndDate'], message: 'The target end date cannot be before the start date.' });
  }
  // An edit that leaves the detail out keeps the stored one: the service checks the merged values.
  if (values.fundingSource === 'other' && !values.fundingSourceDetail && values.fundingSourceDetail !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['fundingSourceDetail'], message: 'Name the funding source when you choose "other".' });
  }
}

export const zCreatePpaRequest = zPpaFields.extend({ moaId: zId.optional() }).superRefine(checkCrossFieldRules);
export type CreatePpaRequest = z.output<typeof zCreatePpaRequest>;

export const zUpdatePpaRequest = z.object(ppaFieldRules).partial().extend({ id: zId }).superRefine(checkCrossFieldRules).superRefine(changesSomething);
export type UpdatePpaRequest = z.output<typeof zUpdatePpaRequest>;

/** What the PPA list can be sorted by (the list's column headers). */
export const PPA_LIST_SORTS = ['title', 'allocation', 'utilisation', 'progress', 'stage', 'daysInStage'] as const;
export type PpaListSort = (typeof PPA_LIST_SORTS)[number];

export const zListPpasRequest = z.object({
  fiscalYear: z.number().int().min(2000).max(2100).optional(),
  moaId: zId.optional(),
  /** The MOA's code (e.g. MSSD), for callers that know MOAs by code. */
  moa: z.string().trim().toUpperCase().max(20).optional(),
  approvalStage: z.enum(APPROVAL_STAGES).optional(),
  status: z.enum(PPA_STATUSES).optional(),
  q: z.string().trim().max(100, 'Keep the search under 100 characters.').optional(),
  sector: z.enum(PPA_SECTORS, { error: 'Choose a sector.' }).optional(),
  /** Default (no sort): newest fiscal year first, then by title. Ties always go by title, then id. */
  sort: z.enum(PPA_LIST_SORTS, { error: `Sort by one of: ${PPA_LIST_SORTS.join(', ')}.` }).optional(),
  order: z.enum(['asc', 'desc'], { error: 'Order asc or desc.' }).optional(),
  /** Also the count and money totals of every PPA the filters select (all pages). */
  withTotals: z.boolean().optional(),
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type ListPpasRequest = z.input<typeof zListPpasRequest>;

const zMoaRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const zPpaSummary = z.object({
  id: z.string(),
  title: z.string(),
  moa: zMoaRef,
  category: z.enum(PPA_CATEGORIES),
  sector: z.enum(PPA_SECTORS),
  fiscalYear: z.number(),
  budgetCeiling: z.string().nullable(),
  budgetAllocation: z.string().nullable(),
  status: z.enum(PPA_STATUSES),
  approvalStage: z.enum(APPROVAL_STAGES),
  progress: z.number(),
});
export type PpaSummary = z.infer<typeof zPpaSummary>;

/** A row of the PPA list: the summary with its ledger figures (server/services/portfolio/ppa-figures.ts). */
export const zPpaListItem = zPpaSummary.extend({
  obligations: z.string(),
  /** Actual spending: disbursements net of reversals. */
  disbursements: z.string(),
  /** disbursements ÷ budget allocation, %, two decimals; null without an allocation. */
  utilisation: z.number().nullable(),
  stageEnteredAt: z.string(),
  /** Manila calendar days since the PPA entered its approval stage. */
  daysInStage: z.number(),
});
export type PpaListItem = z.infer<typeof zPpaListItem>;

export const zPpaListTotals = z.object({
  count: z.number(),
  budgetCeiling: z.string(),
  budgetAllocation: z.string(),
  obligations: z.string(),
  disbursements: z.string(),
  utilisation: z.number().nullable(),
});
export type PpaListTotals = z.infer<typeof zPpaListTotals>;

export const zListPpasResponse = z.object({
  items: z.array(zPpaListItem),
  nextCursor: z.string().nullable(),
  /** Only with withTotals=true. */
  totals: zPpaListTotals.optional(),
});
export type ListPpasResponse = z.infer<typeof zListPpasResponse>;

export const zApprovalDecision = z.object({
  id: z.string(),
  fromStage: z.enum(APPROVAL_STAGES),
  toStage: z.enum(APPROVAL_STAGES),
  decision: z.enum(APPROVAL_DECISIONS),
  comment: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

export const zTransitionRequest = z.object({
  id: zId,
  to: z.enum(APPROVAL_STAGES, { error: 'Choose the stage to move the PPA to.' }),
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').optional(),
});

export const zPpaDetail = zPpaSummary.extend({
  description: z.string(),
  appropriationClass: z.enum(APPROPRIATION_CLASSES).nullable(),
  fundingSource: z.enum(FUNDING_SOURCES).nullable(),
  fundingSourceDetail: z.string().nullable(),
  startDate: z.string().nullable(),
  targetEndDate: z.string().nullable(),
  actualEndDate: z.string().nullable(),
  enableWorkItemTracking: z.boolean(),
  budgetLockedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canEdit: z.boolean(),
  /** The approval stages this viewer may move the PPA to now. */
  nextStages: z.array(z.enum(APPROVAL_STAGES)),
  approvals: z.array(zApprovalDecision),
  workItems: z.array(
    z.object({
      id: z.string(),
      parentId: z.string().nullable(),
      title: z.string(),
      workType: z.enum(WORK_TYPES),
      status: z.enum(WORK_STATUSES),
      progress: z.number(),
      allocatedBudget: z.string(),
      sortOrder: z.number(),
    }),
  ),
});
export type PpaDetail = z.infer<typeof zPpaDetail>;

export const zGetPpaRequest = z.object({ id: zId });

/** One PPA waiting on the caller's decision (the review queue). */
export const zReviewQueueItem = z.object({
  id: z.string(),
  title: z.string(),
  moaCode: z.string(),
  fiscalYear: z.number(),
  approvalStage: zPpaSummary.shape.approvalStage,
  budgetAllocation: z.string().nullable(),
  waitingSince: z.string(),
  daysWaiting: z.number(),
});
export type ReviewQueueItem = z.infer<typeof zReviewQueueItem>;
