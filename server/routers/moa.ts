import { z } from 'zod';
import { listMoas } from '../services/moa/list-moas';
import { protectedProcedure, router } from '../trpc';
import { zMoa } from '../contracts/moa';

export const moaRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/moas', protect: true, tags: ['MOAs'], summary: 'MOAs the caller may use' } })
    .input(z.object({}).optional())
    .output(z.array(zMoa))
    .query(({ ctx }) => listMoas({ db: ctx.db, viewer: ctx.viewer })),
});
