import { z } from 'zod';
import { listExpenditures, recordExpenditure, reverseExpenditure } from '../services/expenditures/record-expenditure';
import { addWorkItem } from '../services/work-items/add-work-item';
import { deleteWorkItem } from '../services/work-items/delete-work-item';
import { moveWorkItem } from '../services/work-items/move-work-item';
import { updateWorkItem } from '../services/work-items/update-work-item';
import { editorProcedure, protectedProcedure, router } from '../trpc';
import {
  zAddWorkItemRequest,
  zExpenditure,
  zMoveWorkItemRequest,
  zRecordExpenditureRequest,
  zReverseExpenditureRequest,
  zUpdateWorkItemRequest,
  zWorkItem,
  zWorkItemIdRequest,
} from '../contracts/work-item';

const tags = ['Work items'];

/**
 * Work item procedures, also served as REST. Planners and admins change a PPA's tree and ledger
 * (`editorProcedure`); every role reads a ledger. The services check the PPA's MOA (server/services/access/) and
 * the budget rules.
 */
export const workItemsRouter = router({
  add: editorProcedure()
    .meta({ openapi: { method: 'POST', path: '/work-items', protect: true, tags, summary: 'Add a child work item' } })
    .input(zAddWorkItemRequest)
    .output(zWorkItem)
    .mutation(({ ctx, input }) => addWorkItem({ db: ctx.db, viewer: ctx.viewer, input })),

  update: editorProcedure()
    .meta({
      openapi: { method: 'PATCH', path: '/work-items/{id}', protect: true, tags, summary: 'Edit a work item (title, status, progress, dates, allocation…)' },
    })
    .input(zUpdateWorkItemRequest)
    .output(zWorkItem)
    .mutation(({ ctx, input }) => updateWorkItem({ db: ctx.db, viewer: ctx.viewer, input })),

  move: editorProcedure()
    .meta({
      openapi: { method: 'POST', path: '/work-items/{id}/move', protect: true, tags, summary: 'Move under another parent, or to another place among siblings' },
    })
    .input(zMoveWorkItemRequest)
    .output(zWorkItem)
    .mutation(({ ctx, input }) => moveWorkItem({ db: ctx.db, viewer: ctx.viewer, input })),

  delete: editorProcedure()
    .meta({ openapi: { method: 'DELETE', path: '/work-items/{id}', protect: true, tags, summary: 'Delete a work item and its subtree' } })
    .input(zWorkItemIdRequest)
    .output(z.object({ deletedIds: z.array(z.string()) }))
    .mutation(({ ctx, input }) => deleteWorkItem({ db: ctx.db, viewer: ctx.viewer, workItemId: input.id })),

  recordExpenditure: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/work-items/{id}/expenditures',
        protect: true,
        tags,
        summary:
          'Record a ledger entry: an obligation or a disbursement (the default), with an optional ORS/DV reference number; only on a PPA approved out of budget review, and a disbursement only within what its item has obligated and not yet paid',
      },
    })
    .input(zRecordExpenditureRequest)
    .output(zExpenditure)
    .mutation(({ ctx, input }) => recordExpenditure({ db: ctx.db, viewer: ctx.viewer, input })),

  reverseExpenditure: editorProcedure()
    .meta({
      openapi: {
        method: 'POST',
        path: '/expenditures/{id}/reverse',
        protect: true,
        tags,
        summary: 'Reverse a mistaken ledger entry with a reason: a new entry with the negated amount, pointing at it (once per entry)',
      },
    })
    .input(zReverseExpenditureRequest)
    .output(zExpenditure)
    .mutation(({ ctx, input }) => reverseExpenditure({ db: ctx.db, viewer: ctx.viewer, input })),

  expenditures: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/work-items/{id}/expenditures',
        protect: true,
        tags,
        summary: 'A work item’s ledger, newest first: obligations, disbursements and reversals',
      },
    })
    .input(zWorkItemIdRequest)
    .output(z.array(zExpenditure))
    .query(({ ctx, input }) => listExpenditures({ db: ctx.db, viewer: ctx.viewer, workItemId: input.id })),
});
