import type { IncomingMessage, ServerResponse } from 'node:http';
import { getMetrics } from '../lib/metrics';
import { operationsHooks, SLOW_REQUEST_MS } from '../lib/operations-hooks';
import { runInRequest, type RequestContext } from '../lib/request-context';
import { appRoutes } from './route-patterns';

/**
 * Wraps the handling of one request (server/http/app-server.ts): it runs inside the request's context (so a
 * slow statement is logged with its request id), and when the response is finished, or the client went away,
 * it is counted and timed by route pattern, method and status; a request over 2 s is reported as slow.
 */
export function observeRequest<T>(req: IncomingMessage, res: ServerResponse, requestId: string, handle: () => T): T {
  const startedAt = performance.now();
  const context: RequestContext = { requestId };
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    const seconds = (performance.now() - startedAt) / 1000;
    const route = context.route ?? appRoutes().labelOf((req.url ?? '/').split('?')[0]!);
    const method = methodLabel(req.method);
    const metrics = getMetrics();
    metrics.httpRequests.inc({ route, method, status: String(res.statusCode) });
    // A stream (the bell's server-sent events) is open for minutes by design: counted, never timed or "slow".
    if (isStream(res)) return;
    metrics.httpDuration.observe({ route, method }, seconds);
    if (seconds * 1000 >= SLOW_REQUEST_MS) {
      metrics.slowRequests.inc({ route });
      operationsHooks().onSlowOperation?.({ kind: 'request', statement: `${method} ${route}`, ms: seconds * 1000, requestId });
    }
  };
  res.once('finish', finish);
  res.once('close', finish);
  return runInRequest(context, handle);
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A method label that stays bounded whatever a client sends. */
function methodLabel(method: string | undefined): string {
  return method && METHODS.has(method) ? method : 'OTHER';
}

function isStream(res: ServerResponse): boolean {
  return String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');
}
