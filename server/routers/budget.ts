import { adminProcedure, checkedOutsideProduction, editorProcedure, protectedProcedure, router } from '../trpc';
import { getAllocationTree } from '../services/budget/allocation-tree';
import { changeBudgetLock } from '../services/budget/budget-lock';
import { distributeBudget } from '../services/budget/distribute-budget';
import { previewDistribution } from '../services/budget/preview-distribution';
import { progressHistory } from '../services/budget/progress-history';
import { syncFromWorkItems } from '../services/budget/sync-from-work-items';
import { undoDistribution } from '../services/budget/undo-distribution';
import { enableWorkItemTracking } from '../services/work-items/enable-tracking';
import {
  zAllocationTreeResponse,
  zDistributeRequest,
  zEnableTrackingRequest,
  zLockBudgetRequest,
  zAllocationTreeRequest,
  zPreviewDistributionResponse,
  zProgressHistoryResponse,
  zSyncResponse,
  zUndoDistributionRequest,
} from '../contracts/budget';
import { zGetPpaRequest } from '../contracts/ppa';
import { LARGEST_BODY_LIMIT_BYTES } from '../lib/body-limits';

const tags = ['Budget'];
/** A whole tree (10,000 items and more): checked synchronously in development and tests, not in production (server/trpc.ts). */
const zTreeOutput = checkedOutsideProduction(zAllocationTreeResponse);
/** 10,000 amounts and 10,000 weights, as a distribution may send, weigh more than the default 1 MiB. */
const DISTRIBUTION_BODY_LIMIT_BYTES = LARGEST_BODY_LIMIT_BYTES;

/**
 * A PPA's budget: its allocation tree, enabling execution tracking, distributing, undoing, syncing progress,
 * locking (docs/domain-rules.md, "Money"), also served as REST under the PPA's path. The operationIds are the
 * ones these had under the `ppa` router, so the published API does not change. A procedure declares the roles
 * allowed (`editorProcedure`: planners and admins); the services check the PPA's MOA (server/services/access/).
 */
export const budgetRouter = router({
  allocationTree: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ppas/{id}/budget-allocation-tree',
        operationId: 'ppa-allocationTree',
        protect: true,
        tags,
        summary: 'The allocation tree with rollups',
      },
    })
    .input(zAllocationTreeRequest)
    .output(zTreeOutput)
    .query(({ ctx, input }) => getAllocationTree({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, under: input.under, depth: input.depth })),

  enableTracking: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/enable-workitem-tracking',
        operationId: 'ppa-enableTracking',
        protect: true,
        tags,
        summary: 'Create the execution project (default template or empty); returns the tree',
      },
    })
    .input(zEnableTrackingRequest)
    .output(zTreeOutput)
    .mutation(({ ctx, input }) => enableWorkItemTracking({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, template: input.template })),

  distribute: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/distribute-budget',
        operationId: 'ppa-distribute',
        protect: true,
        tags,
        summary: 'Distribute a parent’s budget over its children (equal, weighted, manual)',
      },
      bodyLimitBytes: DISTRIBUTION_BODY_LIMIT_BYTES,
    })
    .input(zDistributeRequest)
    .output(zTreeOutput)
    .mutation(({ ctx, input }) => distributeBudget({ db: ctx.db, viewer: ctx.viewer, input })),

  previewDistribution: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/preview-distribution',
        operationId: 'ppa-previewDistribution',
        protect: true,
        tags,
        summary: 'What a distribution would set, and why it would be refused, without writing',
      },
      bodyLimitBytes: DISTRIBUTION_BODY_LIMIT_BYTES,
    })
    .input(zDistributeRequest)
    .output(zPreviewDistributionResponse)
    .mutation(({ ctx, input }) => previewDistribution({ db: ctx.db, viewer: ctx.viewer, input })),

  progressHistory: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ppas/{id}/progress-history',
        operationId: 'ppa-progressHistory',
        protect: true,
        tags,
        summary: 'Daily progress snapshots, oldest first',
      },
    })
    .input(zGetPpaRequest)
    .output(zProgressHistoryResponse)
    .query(({ ctx, input }) => progressHistory({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  undoDistribution: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/undo-distribution',
        operationId: 'ppa-undoDistribution',
        protect: true,
        tags,
        summary: 'Undo the last distribution on a parent',
      },
    })
    .input(zUndoDistributionRequest)
    .output(zTreeOutput)
    .mutation(({ ctx, input }) => undoDistribution({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, parentId: input.parentId })),

  syncFromWorkItems: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/sync-from-workitem',
        operationId: 'ppa-syncFromWorkItems',
        protect: true,
        tags,
        summary: 'Set the PPA’s progress and status from its work items',
      },
    })
    .input(zGetPpaRequest)
    .output(zSyncResponse)
    .mutation(async ({ ctx, input }) => {
      const { progress, status } = await syncFromWorkItems({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
      return { progress, status };
    }),

  lockBudget: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/lock-budget',
        operationId: 'ppa-lockBudget',
        protect: true,
        tags,
        summary: 'Lock all allocations (admin, with a reason)',
      },
    })
    .input(zLockBudgetRequest)
    .output(zTreeOutput)
    .mutation(({ ctx, input }) => changeBudgetLock({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, locked: true, reason: input.reason })),

  unlockBudget: adminProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/unlock-budget',
        operationId: 'ppa-unlockBudget',
        protect: true,
        tags,
        summary: 'Unlock all allocations (admin, with a reason)',
      },
    })
    .input(zLockBudgetRequest)
    .output(zTreeOutput)
    .mutation(({ ctx, input }) => changeBudgetLock({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, locked: false, reason: input.reason })),
});
