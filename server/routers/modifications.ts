import { z } from 'zod';
import { decideModification } from '../services/modifications/decide';
import { getModification, listModifications, previewModification } from '../services/modifications/read-requests';
import { createModification, submitModification, updateModification, withdrawModification } from '../services/modifications/write-requests';
import { protectedProcedure, roleProcedure, router } from '../trpc';
import { zId } from '../contracts/shared';
import {
  zCreateModificationRequest,
  zDecideModificationRequest,
  zListModificationsRequest,
  zModificationDetail,
  zModificationPreview,
  zModificationSummary,
  zPreviewModificationRequest,
  zUpdateModificationRequest,
} from '../contracts/modification';

const tags = ['Modifications'];
/** Requests are written by the PPA's planners (the MOA check is the service's); admins may stand in. */
const requesterProcedure = roleProcedure(
  ['planner', 'admin'],
  'Only planners of the PPA’s MOA or an admin can request, edit, submit or withdraw a modification.',
);
/** Decided by the MOA's head (one class), MFBM's reviewer and the executive (across classes), or an admin. */
const deciderProcedure = roleProcedure(
  ['moa_head', 'mfbm_reviewer', 'executive', 'admin'],
  'Only the head of the MOA, MFBM or an admin can decide a modification request.',
);
const zDone = z.object({ id: z.string(), status: z.string().optional() });

export const modificationsRouter = router({
  list: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/modifications',
        protect: true,
        tags,
        summary: 'Modification requests on PPAs the caller may see (?ppaId=&status=&waitingOnMe=true)',
      },
    })
    .input(zListModificationsRequest)
    .output(z.array(zModificationSummary))
    .query(({ ctx, input }) => listModifications({ db: ctx.db, viewer: ctx.viewer, ...input })),

  get: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/modifications/{id}', protect: true, tags, summary: 'One request with its lines (before → after), steps and route' },
    })
    .input(z.object({ id: zId }))
    .output(zModificationDetail)
    .query(({ ctx, input }) => getModification({ db: ctx.db, viewer: ctx.viewer, requestId: input.id })),

  preview: protectedProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{ppaId}/modifications/preview',
        protect: true,
        tags,
        summary: 'Check lines against the invariants and show the route, without writing',
      },
    })
    .input(zPreviewModificationRequest)
    .output(zModificationPreview)
    .mutation(({ ctx, input }) => previewModification({ db: ctx.db, viewer: ctx.viewer, ...input })),

  create: requesterProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{ppaId}/modifications',
        protect: true,
        tags,
        summary: 'Draft a modification request on a locked PPA, with lines, a plan revision or both',
      },
    })
    .input(zCreateModificationRequest)
    .output(zDone)
    .mutation(({ ctx, input }) => createModification({ db: ctx.db, viewer: ctx.viewer, ...input })),

  update: requesterProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/modifications/{id}',
        protect: true,
        tags,
        summary: 'Replace a draft’s (or returned request’s) lines, justification, links and plan revision',
      },
    })
    .input(zUpdateModificationRequest)
    .output(zDone)
    .mutation(({ ctx, input }) =>
      updateModification({
        db: ctx.db,
        viewer: ctx.viewer,
        requestId: input.id,
        lines: input.lines,
        justification: input.justification,
        attachmentLinks: input.attachmentLinks,
        planRevision: input.planRevision,
      }),
    ),

  submit: requesterProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/modifications/{id}/submit',
        protect: true,
        tags,
        summary: 'Submit a draft: checks the invariants and stores its route',
      },
    })
    .input(z.object({ id: zId }))
    .output(zDone)
    .mutation(({ ctx, input }) => submitModification({ db: ctx.db, viewer: ctx.viewer, requestId: input.id })),

  withdraw: requesterProcedure
    .meta({ openapi: { method: 'POST', path: '/modifications/{id}/withdraw', protect: true, tags, summary: 'Withdraw a request before its decision' } })
    .input(z.object({ id: zId, comment: z.string().trim().max(2000).optional() }))
    .output(zDone)
    .mutation(({ ctx, input }) => withdrawModification({ db: ctx.db, viewer: ctx.viewer, requestId: input.id, comment: input.comment })),

  decide: deciderProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/modifications/{id}/decision',
        protect: true,
        tags,
        summary: 'Approve (applies it as transfer postings), reject or return a submitted request',
      },
    })
    .input(zDecideModificationRequest)
    .output(zDone)
    .mutation(({ ctx, input }) =>
      decideModification({ db: ctx.db, viewer: ctx.viewer, requestId: input.id, decision: input.decision, comment: input.comment }),
    ),
});
