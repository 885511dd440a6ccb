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
    const fieldErrors = fieldErrorsOf(error.cause);
    // A zod failure's default message is a JSON dump; a planner gets the first field's own words instead.
    const firstFieldMessage = fieldErrors ? Object.values(fieldErrors).flat()[0] : undefined;
    const message = error.cause instanceof z.ZodError && firstFieldMessage ? firstFieldMessage : shape.message;
    return { ...shape, message, data: { ...shape.data, fieldErrors } };
  },
});

/** The one place a service's AppError becomes a tRPC (and so HTTP) error. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: cause.code, message: cause.message, cause });
  }
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
