import { z } from 'zod';
import { createUser, issuePasswordReset, listUsers, updateUser } from '../services/users/manage-users';
import { attemptCheckPasswordLink, attemptSetPassword } from '../services/users/password-links';
import { getFailureLimits } from '../services/rate-limits/failure-limits';
import { adminProcedure, publicProcedure, router, type Context } from '../trpc';
import { zCheckPasswordLinkRequest, zCreateUserRequest, zPasswordLink, zSetPasswordRequest, zUpdateUserRequest, zUserSummary } from '../contracts/user';
import { environment } from '../lib/config';

const tags = ['Users'];

/** Where set-password links point: AUTH_URL, else the address this request came to. */
function baseUrlOf(ctx: Context): string {
  return environment().AUTH_URL || ctx.origin || 'http://localhost:3000';
}

/** Accounts (docs/domain-rules.md, "Accounts and administration"): admins manage them; anyone with a link sets a password. */
export const usersRouter = router({
  list: adminProcedure
    .meta({ openapi: { method: 'GET', path: '/users', protect: true, tags, summary: 'Every account (admin only)' } })
    .input(z.object({}).optional())
    .output(z.array(zUserSummary))
    .query(({ ctx }) => listUsers({ db: ctx.db })),
  create: adminProcedure
    .meta({ openapi: { method: 'POST', path: '/users', protect: true, tags, summary: 'Create an account and its one-time set-password link (admin only)' } })
    .input(zCreateUserRequest)
    .output(z.object({ user: zUserSummary, passwordLink: zPasswordLink }))
    .mutation(({ ctx, input }) => createUser({ db: ctx.db, actor: ctx.viewer, ...input, moaId: input.moaId ?? null, baseUrl: baseUrlOf(ctx) })),
  update: adminProcedure
    .meta({
      openapi: { method: 'PATCH', path: '/users/{id}', protect: true, tags, summary: 'Change name, role, MOA, or deactivate / reactivate (admin only)' },
    })
    .input(zUpdateUserRequest)
    .output(zUserSummary)
    .mutation(({ ctx, input: { id, ...changes } }) => updateUser({ db: ctx.db, actor: ctx.viewer, userId: id, changes })),
  issuePasswordLink: adminProcedure
    .meta({
      openapi: { method: 'POST', path: '/users/{id}/password-link', protect: true, tags, summary: 'A new one-time link to reset the password (admin only)' },
    })
    .input(z.object({ id: z.string().min(1).max(100) }))
    .output(zPasswordLink)
    .mutation(({ ctx, input }) => issuePasswordReset({ db: ctx.db, actor: ctx.viewer, userId: input.id, baseUrl: baseUrlOf(ctx) })),
  // Browser only: the set-password page, opened from a link by someone who cannot sign in yet (so limited per
  // address, the check as the set). The check is a POST like the set itself, so the secret stays out of URLs and logs.
  checkPasswordLink: publicProcedure
    .input(zCheckPasswordLinkRequest)
    .output(z.object({ usable: z.boolean() }))
    .mutation(({ ctx, input }) => attemptCheckPasswordLink({ db: ctx.db, limits: getFailureLimits(), ip: ctx.clientIp ?? 'unknown', token: input.token })),
  setPassword: publicProcedure
    .input(zSetPasswordRequest)
    .output(z.object({ email: z.string() }))
    .mutation(({ ctx, input }) => attemptSetPassword({ db: ctx.db, limits: getFailureLimits(), ip: ctx.clientIp ?? 'unknown', ...input })),
});
