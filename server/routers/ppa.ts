import { z } from 'zod';
import { editorProcedure, protectedProcedure, router } from '../trpc';
import { createPpa } from '../services/ppa/create-ppa';
import { getPpa, listApprovals } from '../services/ppa/get-ppa';
import { listPpas } from '../services/ppa/list-ppas';
import { updatePpa } from '../services/ppa/update-ppa';
import { reviewQueue } from '../services/workflow/review-queue';
import { transitionPpa } from '../services/workflow/transition-ppa';
import {
  zApprovalDecision,
  zCreatePpaRequest,
  zGetPpaRequest,
  zListPpasRequest,
  zListPpasResponse,
  zPpaDetail,
  zReviewQueueItem,
  zTransitionRequest,
  zUpdatePpaRequest,
} from '../contracts/ppa';

const tags = ['PPAs'];

/**
 * PPA procedures, also served as REST (README "Integration API (REST)"). Each declares the roles that may call it;
 * what depends on the PPA's MOA is checked by the access home (server/services/access/). Approval moves are
 * open to every role here: which role decides which stage is the workflow's rule (server/domain/workflow.ts).
 * The budget (its tree, tracking, distributions, lock) is in routers/budget.ts.
 */
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

  create: editorProcedure('Only planners and admins can create PPAs.')
    .meta({ openapi: { method: 'POST', path: '/ppas', protect: true, tags, summary: 'Create a PPA (planner of its MOA, or admin)' } })
    .input(zCreatePpaRequest)
    .output(zPpaDetail)
    .mutation(({ ctx, input }) => createPpa({ db: ctx.db, viewer: ctx.viewer, input })),

  update: editorProcedure()
    .meta({ openapi: { method: 'PATCH', path: '/ppas/{id}', protect: true, tags, summary: 'Edit a PPA' } })
    .input(zUpdatePpaRequest)
    .output(zPpaDetail)
    .mutation(({ ctx, input }) => updatePpa({ db: ctx.db, viewer: ctx.viewer, input })),

  transition: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/transitions',
        protect: true,
        tags: ['Approvals'],
        summary: 'Move the PPA to another approval stage (by the role that decides it)',
      },
    })
    .input(zTransitionRequest)
    .output(zPpaDetail)
    .mutation(({ ctx, input }) => transitionPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id, to: input.to, comment: input.comment })),

  approvals: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/ppas/{id}/approvals', protect: true, tags: ['Approvals'], summary: 'The approval history, oldest first' } })
    .input(zGetPpaRequest)
    .output(z.array(zApprovalDecision))
    .query(({ ctx, input }) => listApprovals({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  reviewQueue: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/review-queue', protect: true, tags: ['Approvals'], summary: 'PPAs waiting on the caller’s decision, oldest first' },
    })
    .input(z.object({}).optional())
    .output(z.array(zReviewQueueItem))
    .query(({ ctx }) => reviewQueue({ db: ctx.db, viewer: ctx.viewer })),
});
