import { protectedProcedure, router } from '../../trpc';
import { createPpa } from '../../services/ppa/create-ppa';
import { getPpa } from '../../services/ppa/get-ppa';
import { listPpas } from '../../services/ppa/list-ppas';
import { updatePpa } from '../../services/ppa/update-ppa';
import { listMoas } from '../../services/moa/list-moas';
import {
  zCreatePpaRequest,
  zGetPpaRequest,
  zListMoasResponse,
  zListPpasRequest,
  zListPpasResponse,
  zPpaDetail,
  zUpdatePpaRequest,
} from './ppa.types';

export const ppaRouter = router({
  list: protectedProcedure
    .input(zListPpasRequest)
    .output(zListPpasResponse)
    .query(({ ctx, input }) => listPpas({ db: ctx.db, viewer: ctx.viewer, filters: input })),

  get: protectedProcedure
    .input(zGetPpaRequest)
    .output(zPpaDetail)
    .query(({ ctx, input }) => getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  // Role and MOA checks live in the services: an admin or a planner of the PPA's MOA.
  create: protectedProcedure
    .input(zCreatePpaRequest)
    .output(zPpaDetail)
    .mutation(async ({ ctx, input }) => {
      const { id } = await createPpa({ db: ctx.db, viewer: ctx.viewer, input });
      return getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: id });
    }),

  update: protectedProcedure
    .input(zUpdatePpaRequest)
    .output(zPpaDetail)
    .mutation(async ({ ctx, input }) => {
      await updatePpa({ db: ctx.db, viewer: ctx.viewer, input });
      return getPpa({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id });
    }),

  moas: protectedProcedure.output(zListMoasResponse).query(({ ctx }) => listMoas({ db: ctx.db, viewer: ctx.viewer })),
});
