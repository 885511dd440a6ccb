import { AsyncLocalStorage } from 'node:async_hooks';
import { processSingleton } from './process-singletons';

/**
 * The request a piece of work belongs to, carried through its awaits: the app's server (server/http/) runs each
 * request inside it, and the database's statement timing reads it, so a slow statement is logged with the id
 * of the request that sent it. One store per process: Next's copy of this module sees the server's.
 */
export interface RequestContext {
  requestId: string;
  /** The route's metrics label when the handler knows it better than the URL does (a REST operation). */
  route?: string;
}

function storage(): AsyncLocalStorage<RequestContext> {
  return processSingleton('request-context', () => new AsyncLocalStorage<RequestContext>());
}

export function runInRequest<T>(context: RequestContext, work: () => T): T {
  return storage().run(context, work);
}

/** The current request's id, or undefined outside a request (a background job, a test calling a service). */
export function currentRequestId(): string | undefined {
  return storage().getStore()?.requestId;
}

/** Names the current request's route for its metrics (a bounded pattern, never an id). */
export function labelCurrentRoute(route: string): void {
  const context = storage().getStore();
  if (context) context.route = route;
}
