import { initTRPC, TRPCError } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import type { Database } from '@/db';
import type { UserRole, Viewer } from './domain/types';
import { AppError } from './errors';

export interface Context {
  db: Database;
  /** The signed-in user (from the session cookie or an API token); null when nobody is signed in. */
  viewer: Viewer | null;
}

/** Field name → messages, from a zod error (bad input) or an AppError naming a field. */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof z.ZodError) {
    const flat = z.flattenError(cause);
    return flat.fieldErrors as Record<string, string[]>;
  }
  if (cause instanceof AppError && cause.fieldErrors) return cause.fieldErrors;
  return null;
}

// OpenApiMeta: procedures with `meta.openapi` are also served as REST under /api/v1 (server/http/rest-handler.ts).
const t = initTRPC.context<Context>().meta<OpenApiMeta>().create({
  errorFormatter({ shape, error }) {
    return { ...shape, data: { ...shape.data, fieldErrors: fieldErrorsOf(error.cause) } };
  },
});

/**
 * A rule the database itself enforced (a CHECK, a foreign key, a unique index) that no service check caught
 * first, e.g. because of a concurrent change: a 409 naming the rule, not a 500.
 */
function constraintViolation(error: unknown): string | null {
  for (let e = error as { code?: unknown; cause?: unknown; constraint_name?: unknown; constraint?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23514' || e.code === '23503' || e.code === '23505') {
      const name = String(e.constraint_name ?? e.constraint ?? 'a database rule');
      return `That change breaks a rule of the data (${name}); reload and try again.`;
    }
  }
  return null;
}

/**
 * The one place errors get their code and wording: a service's AppError becomes a tRPC (and so HTTP)
 * error, and bad input says what is wrong with the first field, for callers in pages as well as over HTTP.
 */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const cause = result.error.cause;
  if (cause instanceof AppError) throw new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof z.ZodError) {
    const first = cause.issues[0];
    throw new TRPCError({ code: 'BAD_REQUEST', message: first?.message ?? 'The input is not valid.', cause });
  }
  const constraint = constraintViolation(cause);
  if (constraint) throw new TRPCError({ code: 'CONFLICT', message: constraint, cause });
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(mapAppErrors);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** A procedure only the given roles may call; everyone else gets a 403 naming who may. */
export function roleProcedure(...roles: UserRole[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.viewer.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `Only ${roles.join(', ')} users can do this.` });
    }
    return next();
  });
}
