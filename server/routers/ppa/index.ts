import { z } from 'zod';
import { protectedProcedure, roleProcedure, router } from '../../trpc';
import { getAllocationTree } from '../../services/budget/allocation-tree';
import { changeBudgetLock } from '../../services/budget/budget-lock';
import { distributeBudget } from '../../services/budget/distribute-budget';
import { previewDistribution } from '../../services/budget/preview-distribution';
import { progressHistory } from '../../services/budget/progress-history';
import { syncFromWorkItems } from '../../services/budget/sync-from-work-items';
import { undoDistribution } from '../../services/budget/undo-distribution';
import { createPpa } from '../../services/ppa/create-ppa';
import { getPpa, listApprovals } from '../../services/ppa/get-ppa';
import { listPpas } from '../../services/ppa/list-ppas';
import { updatePpa } from '../../services/ppa/update-ppa';
import { enableWorkItemTracking } from '../../services/work-items/enable-tracking';
import {
  zAllocationTreeResponse,
  zDistributeRequest,
  zEnableTrackingRequest,
  zLockBudgetRequest,
  zPreviewDistributionResponse,
  zProgressHistoryResponse,
  zSyncResponse,
  zUndoDistributionRequest,
} from '../budget/budget.types';
import { reviewQueue } from '../../services/workflow/review-queue';
import { transitionPpa } from '../../services/workflow/transition-ppa';
import {
  zApprovalDecision,
  zCreatePpaRequest,
  zGetPpaRequest,
  zListPpasRequest,
  zListPpasResponse,
  zPpaDetail,
  zPpaSummary,
  zTransitionRequest,
  zUpdatePpaRequest,
} from './ppa.types';

const tags = ['PPAs'];
const budgetTags = ['Budget'];

/** PPA procedures, also served as REST (SPEC.md "Integration API"). Checks of role and MOA live in the services. */
export const ppaRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas', protect: true, tags, summary: 'PPAs the caller may see, a page at a time' } })
    .input(zListPpasRequest)
    .output(zListPpasResponse)
    .query(({ ctx, input }) => listPpas({ db: ctx.db, viewer: ctx.viewer, filters: input })),

  get: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas/{id}', protect: true, tags, summary: 'One PPA with its approvals and work items' } })
    .input(zGetPpaRequest)
    .output(zPpaDetail)
    .query(({ ctx, input }) => getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  create: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas', protect: true, tags, summary: 'Create a PPA (planner of its MOA, or admin)' } })
    .input(zCreatePpaRequest)
    .output(zPpaDetail)
    .mutation(async ({ ctx, input }) => {
      const { id } = await createPpa({ db: ctx.db, viewer: ctx.viewer, input });
      return getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: id });
    }),

  update: protectedProcedure
    .meta({ openapi: { method: 'PATCH', path: '/ppas/{id}', protect: true, tags, summary: 'Edit a PPA' } })
    .input(zUpdatePpaRequest)
    .output(zPpaDetail)
    .mutation(async ({ ctx, input }) => {
      await updatePpa({ db: ctx.db, viewer: ctx.viewer, input });
      return getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  transition: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/transitions', protect: true, tags: ['Approvals'], summary: 'Move the PPA to another approval stage (by the role that decides it)' } })
    .input(zTransitionRequest)
    .output(zPpaDetail)
    .mutation(async ({ ctx, input }) => {
      await transitionPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, to: input.to, comment: input.comment });
      return getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  approvals: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas/{id}/approvals', protect: true, tags: ['Approvals'], summary: 'The approval history, oldest first' } })
    .input(zGetPpaRequest)
    .output(z.array(zApprovalDecision))
    .query(({ ctx, input }) => listApprovals({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  reviewQueue: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/review-queue', protect: true, tags: ['Approvals'], summary: 'PPAs waiting on the caller’s decision, oldest first' } })
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          moaCode: z.string(),
          fiscalYear: z.number(),
          approvalStage: zPpaSummary.shape.approvalStage,
          budgetAllocation: z.string().nullable(),
          waitingSince: z.string(),
          daysWaiting: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => reviewQueue({ db: ctx.db, viewer: ctx.viewer })),

  enableTracking: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/enable-workitem-tracking', protect: true, tags: budgetTags, summary: 'Create the execution project (default template or empty); returns the tree' } })
    .input(zEnableTrackingRequest)
    .output(zAllocationTreeResponse)
    .mutation(async ({ ctx, input }) => {
      await enableWorkItemTracking({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, template: input.template });
      return getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  allocationTree: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas/{id}/budget-allocation-tree', protect: true, tags: budgetTags, summary: 'The allocation tree with rollups' } })
    .input(zGetPpaRequest)
    .output(zAllocationTreeResponse)
    .query(({ ctx, input }) => getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  distribute: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/distribute-budget', protect: true, tags: budgetTags, summary: 'Distribute a parent’s budget over its children (equal, weighted, manual)' } })
    .input(zDistributeRequest)
    .output(zAllocationTreeResponse)
    .mutation(async ({ ctx, input }) => {
      await distributeBudget({ db: ctx.db, viewer: ctx.viewer, input });
      return getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  previewDistribution: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/preview-distribution', protect: true, tags: budgetTags, summary: 'What a distribution would set, and why it would be refused, without writing' } })
    .input(zDistributeRequest)
    .output(zPreviewDistributionResponse)
    .mutation(({ ctx, input }) => previewDistribution({ db: ctx.db, viewer: ctx.viewer, input })),

  progressHistory: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas/{id}/progress-history', protect: true, tags: budgetTags, summary: 'Daily progress snapshots, oldest first' } })
    .input(zGetPpaRequest)
    .output(zProgressHistoryResponse)
    .query(({ ctx, input }) => progressHistory({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  undoDistribution: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/undo-distribution', protect: true, tags: budgetTags, summary: 'Undo the last distribution on a parent' } })
    .input(zUndoDistributionRequest)
    .output(zAllocationTreeResponse)
    .mutation(async ({ ctx, input }) => {
      await undoDistribution({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, parentId: input.parentId });
      return getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  syncFromWorkItems: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/sync-from-workitem', protect: true, tags: budgetTags, summary: 'Set the PPA’s progress and status from its work items' } })
    .input(zGetPpaRequest)
    .output(zSyncResponse)
    .mutation(async ({ ctx, input }) => {
      const { progress, status } = await syncFromWorkItems({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
      return { progress, status };
    }),

  lockBudget: roleProcedure('admin')
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/lock-budget', protect: true, tags: budgetTags, summary: 'Lock all allocations (admin, with a reason)' } })
    .input(zLockBudgetRequest)
    .output(zAllocationTreeResponse)
    .mutation(async ({ ctx, input }) => {
      await changeBudgetLock({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, locked: true, reason: input.reason });
      return getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  unlockBudget: roleProcedure('admin')
    .meta({ openapi: { method: 'POST', path: '/ppas/{id}/unlock-budget', protect: true, tags: budgetTags, summary: 'Unlock all allocations (admin, with a reason)' } })
    .input(zLockBudgetRequest)
    .output(zAllocationTreeResponse)
    .mutation(async ({ ctx, input }) => {
      await changeBudgetLock({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, locked: false, reason: input.reason });
      return getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),
});
