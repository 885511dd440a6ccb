import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../services/api-tokens/api-tokens';
import { protectedProcedure, router } from '../../trpc';
import { zId } from '../shared.types';
import { zCreateApiTokenRequest } from './api-token.types';

const zApiToken = z.object({
  id: z.string(),
  name: z.string(),
  displayPrefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});


/** Personal API tokens, managed on the profile page (browser only: a token cannot mint tokens). */
export const apiTokenRouter = router({
  list: protectedProcedure.output(z.array(zApiToken)).query(({ ctx }) => listApiTokens({ db: ctx.db, viewer: ctx.viewer })),
  create: protectedProcedure
    .input(zCreateApiTokenRequest)
    .output(zApiToken.extend({ token: z.string() }))
    .mutation(({ ctx, input }) => createApiToken({ db: ctx.db, viewer: ctx.viewer, name: input.name })),
  revoke: protectedProcedure
    .input(z.object({ id: zId }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeApiToken({ db: ctx.db, viewer: ctx.viewer, tokenId: input.id });
      return { ok: true as const };
    }),
});
