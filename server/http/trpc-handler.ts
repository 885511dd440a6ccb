import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { appRouter } from '../routers/_app';
import type { Context } from '../trpc';

/** Serves the tRPC procedures at /api/trpc for the browser app. */
export function handleTrpcRequest(req: Request, createContext: () => Promise<Context>): Promise<Response> {
  return fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter, createContext });
}
