import { ppaHistory } from '../services/history/ppa-history';
import { protectedProcedure, router } from '../trpc';
import { zPpaHistoryPage, zPpaHistoryRequest } from '../contracts/history';

/** A PPA's history (its audit log in planner words): every role, for the PPAs it may see (server/services/access/). */
export const historyRouter = router({
  ppa: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ppas/{id}/history',
        protect: true,
        tags: ['PPAs'],
        summary: 'The PPA’s history, newest first, a page at a time: who, when, what, old → new',
      },
    })
    .input(zPpaHistoryRequest)
    .output(zPpaHistoryPage)
    .query(({ ctx, input }) => ppaHistory({ db: ctx.db, viewer: ctx.viewer, input })),
});
