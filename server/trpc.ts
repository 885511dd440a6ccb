import { initTRPC, TRPCError } from '@trpc/server';
import type { AnyProcedure } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import { z } from 'zod';
import { DEFAULT_BODY_LIMIT_BYTES } from './lib/body-limits';
import { requestDeadlineMs, type Database } from '@/db';
import { EDITOR_ROLES } from './domain/access';
import { isSignedIn, type UserRole, type Viewer } from './domain/types';
import {
  AppError,
  DATABASE_UNAVAILABLE_MESSAGE,
  DatabaseDeadlineError,
  INTERNAL_ERROR_MESSAGE,
  logUnexpectedError,
  toAppError,
  UNAUTHORIZED_MESSAGE,
  withinDeadline,
} from './errors';
import { isProduction } from './lib/config';
import { observeProcedure, type MaintenanceMeta } from './observe-procedure';
import { MaintenanceError } from './services/operations/maintenance';

export interface Context {
  db: Database;
  /** The signed-in user (from the session cookie or an API token); null (or the public viewer) when nobody is signed in. */
  viewer: Viewer | null;
  /** The origin the request came to (for links the app hands out); absent for in-process callers. */
  origin?: string;
  /** The id under which this request's log lines are written, and which an unexpected error reports. */
  requestId?: string;
  /** The caller's address as the app's server recorded it (failure limits of anonymous procedures). */
  clientIp?: string;
  /** How long a procedure may wait on the database before it answers 503 (default: requestDeadlineMs(), db/index.ts). */
  deadlineMs?: number | null;
}

/**
 * What a procedure may say about itself: `openapi` serves it as REST under /api/v1 too
 * (server/http/rest-handler.ts); `bodyLimitBytes` lets its request body weigh more than the default 1 MiB.
 */
export type ProcedureMeta = OpenApiMeta & MaintenanceMeta & { bodyLimitBytes?: number };

/** How large a request body this procedure takes (server/lib/body-limits.ts). */
export function bodyLimitOf(procedure: AnyProcedure | undefined): number {
  return (procedure?._def.meta as ProcedureMeta | undefined)?.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Subscriptions (the notification bell) over server-sent events: a ping keeps proxies from closing a quiet
    // stream and lets the browser notice a dead one; after 10 minutes the browser reconnects, so the session is
    // checked again (a signed-out or deactivated person's stream does not outlive their session for long).
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 }, maxDurationMs: 10 * 60_000 },
    errorFormatter({ shape, error, ctx, path }) {
      const { stack: _stack, ...data } = shape.data;
      // Maintenance mode (server/observe-procedure.ts): a 503 the caller is meant to read, not an outage to log.
      if (error.cause instanceof MaintenanceError) return { ...shape, data: { ...data, appCode: error.cause.code, fieldErrors: null } };
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        const requestId = logUnexpectedError(error.cause ?? error, { requestId: ctx?.requestId, where: `procedure ${path ?? '?'}` });
        return { ...shape, message: INTERNAL_ERROR_MESSAGE, data: { ...data, requestId, fieldErrors: null } };
      }
      if (error.code === 'SERVICE_UNAVAILABLE') {
        // The database is down or too slow: logged with its detail, the caller told to retry.
        const requestId = logUnexpectedError(error.cause ?? error, { requestId: ctx?.requestId, where: `procedure ${path ?? '?'}` });
        return { ...shape, data: { ...data, requestId, fieldErrors: null } };
      }
      return { ...shape, data: { ...data, fieldErrors: fieldErrorsOf(error.cause) } };
    },
  });

/** Field name → messages, from a zod error (bad input) or an AppError naming a field. */
function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof z.ZodError) return z.flattenError(cause).fieldErrors as Record<string, string[]>;
  if (cause instanceof AppError && cause.fieldErrors) return cause.fieldErrors;
  return null;
}

/** Deeper than any input of ours goes; beyond it a body is an attack on the parser, not a request. */
const MAX_INPUT_DEPTH = 32;

/**
 * The first problem of the raw input before any schema reads it: a string holding a NUL character (no text
 * field means one, and PostgreSQL cannot store it), or nesting deeper than MAX_INPUT_DEPTH. Walked with an
 * explicit stack, so a body of 5,000 nested arrays cannot overflow the call stack.
 */
function rawInputProblem(input: unknown): { path: string; message: string } | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const where = path.join('.') || 'input';
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path: where, message: `${where}: remove the invisible NUL character from this text.` };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_INPUT_DEPTH) return { path: where, message: `${where}: the input is nested too deeply.` };
    for (const [key, child] of Object.entries(value)) {
      if (key.includes('\u0000')) return { path: where, message: `${where}: remove the invisible NUL character from a field name.` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}

/**
 * The one place errors get their code and wording (through `toAppError`), for callers in pages as well as
 * over HTTP. Before any procedure runs, raw input with a NUL character or absurd nesting is refused.
 */
const mapAppErrors = t.middleware(async ({ ctx, next, getRawInput }) => {
  const problem = rawInputProblem(await getRawInput().catch(() => undefined));
  if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem.message, cause: AppError.badField(problem.path, problem.message) });
  // A database that went silent on an open connection is past any statement_timeout: the caller gets 503.
  const result = await withinDeadline(next(), ctx.deadlineMs === undefined ? requestDeadlineMs() : ctx.deadlineMs).catch((error: unknown) => {
    if (error instanceof DatabaseDeadlineError) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause: error });
    throw error;
  });
  if (result.ok) return result;
  const cause = result.error.cause;
  // A failed output check also carries a ZodError, but it is the server's fault: it stays a 500.
  if (result.error.code === 'INTERNAL_SERVER_ERROR' && cause instanceof z.ZodError) return result;
  const known = toAppError(cause);
  // Bad input keeps its zod error as the cause: the REST adapter lists its issues, forms their fields.
  // So does an unavailable database its own error, for the log.
  if (known)
    throw new TRPCError({
      code: known.code,
      message: known.message,
      cause: cause instanceof z.ZodError || known.code === 'SERVICE_UNAVAILABLE' ? cause : known,
    });
  return result;
});

/**
 * An output schema that tRPC checks with zod's synchronous parse. tRPC checks every output with `parseAsync`,
 * and zod runs an object's compiled (JIT) check only in a synchronous parse: for a 10,000-item allocation tree
 * the asynchronous check took about five times as long (README "Performance"). The same schema, the same
 * errors and the same OpenAPI document; a schema with an asynchronous refinement is checked asynchronously.
 */
export function checkedSynchronously<T extends z.ZodType>(schema: T): T {
  const copy = schema.clone();
  copy.parseAsync = async (data, params) => {
    try {
      return copy.parse(data, params);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return schema.parseAsync(data, params);
      throw error;
    }
  };
  return copy;
}

/**
 * An output schema checked everywhere but in production: the allocation tree's. In production the check of a
 * 10,000-item tree cost 15 ms and a second copy of the whole tree on every request (README "Performance").
 * Development and every test run check it as before (synchronously), and the tree's contract test checks
 * that the check changes nothing in the service's answers (no key stripped, nothing converted), so production
 * sends exactly what the check would have let through.
 */
export function checkedOutsideProduction<T extends z.ZodType>(schema: T): T {
  const checked = checkedSynchronously(schema);
  const check = checked.parseAsync;
  checked.parseAsync = async (data, params) => (isProduction() ? (data as z.output<T>) : check(data, params));
  return checked;
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure: timed for /api/metrics, and its writes refused in maintenance mode (server/observe-procedure.ts). */
const observedProcedure = t.procedure.use((opts) => observeProcedure({ ...opts, meta: opts.meta }));
export const publicProcedure = observedProcedure.use(mapAppErrors);

/**
 * Signed in, checked before anything else: an anonymous call is refused before its input is read, so nobody
 * without a session or token makes the server read (or parse) a body (tRPC reads it only when asked).
 */
export const protectedProcedure = observedProcedure
  .use(({ ctx, next }) => {
    if (!ctx.viewer || !isSignedIn(ctx.viewer)) throw new TRPCError({ code: 'UNAUTHORIZED', message: UNAUTHORIZED_MESSAGE });
    return next({ ctx: { ...ctx, viewer: ctx.viewer } });
  })
  .use(mapAppErrors);

/**
 * A procedure only the given roles may call; everyone else gets a 403 saying so (`refusal`, or by default a
 * sentence naming who may). This is where a role rule lives: services do not check roles again. Whether a
 * person may see or change a given PPA depends on its MOA, and that stays with the access home
 * (server/services/access/).
 */
export function roleProcedure(roles: UserRole | readonly UserRole[], refusal?: string) {
  const allowed: readonly UserRole[] = typeof roles === 'string' ? [roles] : roles;
  const message = refusal ?? `Only ${allowed.join(', ')} users can do this.`;
  return protectedProcedure.use(({ ctx, next }) => {
    if (!allowed.includes(ctx.viewer.role)) throw new TRPCError({ code: 'FORBIDDEN', message });
    return next();
  });
}

/**
 * Changes a PPA's plan: its fields, work items, allocations and spending (EDITOR_ROLES, server/domain/access.ts:
 * planners and admins). The service then loads the PPA through the access home, which keeps a planner to their
 * own MOA's PPAs (another MOA's is "not found").
 */
export function editorProcedure(refusal = 'Only planners of this PPA’s MOA or an admin can change it.') {
  return roleProcedure(EDITOR_ROLES, refusal);
}

/** Accounts, budget locks: admins only. */
export const adminProcedure = roleProcedure('admin');
