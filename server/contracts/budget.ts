import { z } from './zod';
import { BUDGET_STATUSES } from '../domain/budget-status';
import { APPROPRIATION_CLASSES, APPROVAL_STAGES, PPA_STATUSES, PROGRESS_MODES, WORK_PRIORITIES, WORK_STATUSES, WORK_TYPES } from '../domain/types';
import { zId, zPesoAmount } from './shared';
import { zWeight } from './work-item';

export const zEnableTrackingRequest = z.object({
  id: zId,
  template: z.enum(['default', 'empty'], { error: 'Choose the default template or an empty plan.' }).default('default'),
});

export const zDistributeRequest = z
  .object({
    id: zId,
    parentId: zId,
    mode: z.enum(['equal', 'weighted', 'manual'], { error: 'Choose equal, weighted or manual.' }),
    allocations: z
      .array(z.object({ workItemId: zId, amount: zPesoAmount }))
      .max(10_000)
      .optional(),
    /** Weighted mode only: new weights for some children, saved with the distribution; the others keep theirs. */
    weights: z
      .array(z.object({ workItemId: zId, weight: zWeight }))
      .max(10_000)
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.mode === 'manual' && (!value.allocations || value.allocations.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'A manual distribution needs the amount of at least one child.' });
    }
    const ids = value.allocations?.map((a) => a.workItemId) ?? [];
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['allocations'], message: 'Each child may appear only once in a distribution.' });
    }
    if (value.weights && value.mode !== 'weighted') {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'Weights are given only for a distribution by weight.' });
    }
    const weighted = value.weights?.map((w) => w.workItemId) ?? [];
    if (new Set(weighted).size !== weighted.length) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: 'Each child may have only one weight in a distribution.' });
    }
  });
export type DistributeRequest = z.output<typeof zDistributeRequest>;

export const zUndoDistributionRequest = z.object({ id: zId, parentId: zId });

export const zLockBudgetRequest = z.object({
  id: zId,
  reason: z.string().trim().min(5, 'Give a reason of at least 5 characters; it goes into the audit log.').max(500),
});

export const zSyncResponse = z.object({ progress: z.number(), status: z.enum(PPA_STATUSES) });

export interface AllocationNodeShape {
  id: string;
  title: string;
  workType: (typeof WORK_TYPES)[number];
  status: (typeof WORK_STATUSES)[number];
  progress: number;
  /** The approved allocation, the approved modifications' transfers in and out, and `allocated` = the adjusted figure. */
  originalAllocation: string;
  transfersIn: string;
  transfersOut: string;
  /** The item's own class and object of expenditure (null: inherited; see server/domain/modifications.ts). */
  appropriationClass: (typeof APPROPRIATION_CLASSES)[number] | null;
  objectOfExpenditure: string | null;
  allocated: string;
  /** Disbursements on the item and its descendants (the same figure as `disbursements`). */
  actual: string;
  obligations: string;
  disbursements: string;
  obligationRate: number | null;
  disbursementRate: number | null;
  unobligated: string;
  remaining: string;
  variance: string;
  variancePercent: number | null;
  utilisation: number | null;
  budgetStatus: (typeof BUDGET_STATUSES)[number];
  childrenAllocated: string;
  unallocated: string;
  sortOrder: number;
  weight: string;
  budgetNotes: string;
  priority: (typeof WORK_PRIORITIES)[number];
  startDate: string | null;
  dueDate: string | null;
  /** How many children the item has, whether or not the answer includes them (a read with `depth` may not). */
  childCount: number;
  children: AllocationNodeShape[];
}

export const zAllocationNode: z.ZodType<AllocationNodeShape> = z
  .object({
    id: z.string(),
    title: z.string(),
    workType: z.enum(WORK_TYPES),
    status: z.enum(WORK_STATUSES),
    progress: z.number(),
    originalAllocation: z.string(),
    transfersIn: z.string(),
    transfersOut: z.string(),
    appropriationClass: z.enum(APPROPRIATION_CLASSES).nullable(),
    objectOfExpenditure: z.string().nullable(),
    allocated: z.string(),
    actual: z.string(),
    obligations: z.string(),
    disbursements: z.string(),
    /** obligations ÷ allocated, and disbursements ÷ obligations: percentages with two decimals (null without a base). */
    obligationRate: z.number().nullable(),
    disbursementRate: z.number().nullable(),
    /** allocated − obligations */
    unobligated: z.string(),
    remaining: z.string(),
    variance: z.string(),
    variancePercent: z.number().nullable(),
    utilisation: z.number().nullable(),
    budgetStatus: z.enum(BUDGET_STATUSES),
    childrenAllocated: z.string(),
    unallocated: z.string(),
    sortOrder: z.number(),
    weight: z.string(),
    budgetNotes: z.string(),
    priority: z.enum(WORK_PRIORITIES),
    startDate: z.string().nullable(),
    dueDate: z.string().nullable(),
    childCount: z.number().int(),
    get children() {
      return z.array(zAllocationNode);
    },
  })
  .meta({ id: 'AllocationNode' });

const DEPTH_WORDS = 'Give the depth as a whole number of levels, from 0 (the item alone) to 100.';

/**
 * A tree read: the whole tree, or part of it for a very large plan. `under` answers with that work item as the
 * tree's top (its figures are the same as in the whole tree); `depth` keeps that many levels below the top.
 */
export const zAllocationTreeRequest = z.object({
  id: zId,
  under: zId.optional(),
  depth: z.number({ error: DEPTH_WORDS }).int(DEPTH_WORDS).min(0, DEPTH_WORDS).max(100, DEPTH_WORDS).optional(),
});

export const zAllocationTreeResponse = z.object({
  ppa: z.object({
    id: z.string(),
    title: z.string(),
    moaCode: z.string(),
    approvalStage: z.enum(APPROVAL_STAGES),
    status: z.enum(PPA_STATUSES),
    progress: z.number(),
    progressMode: z.enum(PROGRESS_MODES),
    budgetAllocation: z.string().nullable(),
    /** The PPA's budget allocation less what its activities (the project's children) hold: the page's "Unallocated". */
    unallocated: z.string(),
    /** The PPA's ledger over its budget allocation (a missing allocation counts as zero): docs/domain-rules.md, "Ledger". */
    obligations: z.string(),
    disbursements: z.string(),
    obligationRate: z.number().nullable(),
    disbursementRate: z.number().nullable(),
    unobligated: z.string(),
    budgetLockedAt: z.string().nullable(),
    /** Who locked the budget and why (the audit log's reason), while it is locked; null otherwise. */
    budgetLockedBy: z.string().nullable(),
    budgetLockReason: z.string().nullable(),
    canEdit: z.boolean(),
  }),
  tree: zAllocationNode.nullable(),
  /** Work items under the project by status; null without a plan. */
  overview: z.object({ total: z.number(), completed: z.number(), inProgress: z.number(), notStarted: z.number(), blocked: z.number() }).nullable(),
});
export type AllocationTreeResponse = z.infer<typeof zAllocationTreeResponse>;

export const zPreviewDistributionResponse = z.object({
  /** One amount per child, in the children's order, as the distribution would set them. */
  allocations: z.array(z.object({ workItemId: z.string(), title: z.string(), current: z.string(), amount: z.string() })),
  total: z.string(),
  unallocated: z.string(),
  /** Why applying it would be refused (over-allocation, a child below its own sub-items…), or null. */
  problem: z.string().nullable(),
});
export type PreviewDistributionResponse = z.infer<typeof zPreviewDistributionResponse>;

export const zProgressHistoryResponse = z.array(z.object({ day: z.string(), progress: z.number() }));
