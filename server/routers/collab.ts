import { z } from 'zod';
import { saveAllocationDraft } from '../services/budget/save-allocation-draft';
import { issueCollabToken } from '../services/collab/collab-token';
import { editorProcedure, protectedProcedure, router } from '../trpc';
import { zId, zPesoAmount } from '../contracts/shared';
import { zWeight } from '../contracts/work-item';
import { environment } from '../lib/config';

/** The secret that signs collaboration tokens: the app's own (server/bootstrap.ts makes sure it is set). */
export function collabSecret(): string {
  const secret = environment().AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return secret;
}

export const collabRouter = router({
  /** A short-lived token for the allocation form's websocket (browser only). */
  token: protectedProcedure
    .input(z.object({ ppaId: zId }))
    .output(z.object({ token: z.string(), mode: z.enum(['edit', 'read']), expiresAt: z.string() }))
    .mutation(({ ctx, input }) => issueCollabToken({ db: ctx.db, viewer: ctx.viewer, ppaId: input.ppaId, secret: collabSecret() })),

  /** "Save allocation": the draft's amounts through the budget service, every rule re-checked. */
  save: editorProcedure()
    .input(
      z.object({
        ppaId: zId,
        amounts: z
          .array(
            z.object({
              workItemId: zId,
              amount: zPesoAmount.optional(),
              weight: zWeight.optional(),
              note: z.string().trim().max(2000, 'Keep budget notes under 2,000 characters.').optional(),
            }),
          )
          .max(20_000),
      }),
    )
    .output(z.object({ changed: z.number(), savedAt: z.string() }))
    .mutation(({ ctx, input }) => saveAllocationDraft({ db: ctx.db, viewer: ctx.viewer, ppaId: input.ppaId, amounts: input.amounts })),
});
