import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../services/api-tokens/api-tokens';
import { protectedProcedure, router } from '../trpc';
import { zId } from '../contracts/shared';
import { zApiToken, zCreateApiTokenRequest, zCreatedApiToken } from '../contracts/api-token';

/** Personal API tokens, managed on the profile page (browser only: a token cannot mint tokens). */
export const apiTokensRouter = router({
  list: protectedProcedure.output(z.array(zApiToken)).query(({ ctx }) => listApiTokens({ db: ctx.db, viewer: ctx.viewer })),
  create: protectedProcedure
    .input(zCreateApiTokenRequest)
    .output(zCreatedApiToken)
    .mutation(({ ctx, input }) => createApiToken({ db: ctx.db, viewer: ctx.viewer, name: input.name })),
  revoke: protectedProcedure
    .input(z.object({ id: zId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiToken({ db: ctx.db, viewer: ctx.viewer, tokenId: input.id });
      return { ok: true as const };
    }),
});
