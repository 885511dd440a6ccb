import type { AnyProcedure } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { requestDeadlineMs } from '@/db';
import { toAppError, withinDeadline } from '../errors';
import { payloadTooLargeMessage, withBodyLimit } from '../lib/body-limits';
import { appRouter } from '../routers/_app';
import { bodyLimitOf, type Context } from '../trpc';

const ENDPOINT = '/api/trpc';

/** The largest body any procedure of this (possibly batched, comma-separated) call takes. */
function bodyLimitOfCall(url: URL): number {
  const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure | undefined>;
  let paths: string[];
  try {
    paths = decodeURIComponent(url.pathname.slice(ENDPOINT.length + 1)).split(',');
  } catch {
    paths = [];
  }
  return Math.max(bodyLimitOf(undefined), ...paths.map((path) => bodyLimitOf(procedures[path])));
}

/**
 * Serves the tRPC procedures at /api/trpc for the browser app. tRPC reads the body only when a procedure asks
 * for its input, after the session check of a protected one; the body it reads stops at the procedure's size
 * limit with a 413 (PAYLOAD_TOO_LARGE), and a declared Content-Length over the limit is never read at all.
 */
export function handleTrpcRequest(req: Request, createContext: () => Promise<Context>, options: { deadlineMs?: number | null } = {}): Promise<Response> {
  const limitBytes = bodyLimitOfCall(new URL(req.url));
  const tooLarge = () => new TRPCError({ code: 'PAYLOAD_TOO_LARGE', message: payloadTooLargeMessage(limitBytes) });
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req: withBodyLimit(req, limitBytes, tooLarge),
    router: appRouter,
    createContext: () => contextOrRefusal(createContext, options.deadlineMs === undefined ? requestDeadlineMs() : options.deadlineMs),
  });
}

/**
 * The session's viewer is read from the database: when that fails for a reason the caller may know (the
 * database not answering, or not within the request's deadline: 503), it is told so, not a 500.
 */
async function contextOrRefusal(createContext: () => Promise<Context>, deadlineMs: number | null): Promise<Context> {
  try {
    return await withinDeadline(createContext(), deadlineMs);
  } catch (error) {
    const known = toAppError(error);
    if (known) throw new TRPCError({ code: known.code, message: known.message, cause: error });
    throw error;
  }
}
