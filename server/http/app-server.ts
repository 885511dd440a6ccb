import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { httpErrorOf } from '../errors';
import { declaredLengthOver, DEFAULT_BODY_LIMIT_BYTES, LARGEST_BODY_LIMIT_BYTES, PAYLOAD_TOO_LARGE_CODE, payloadTooLargeMessage } from '../lib/body-limits';
import type { StartupProgress } from '../services/operations/database-startup';
import { observeRequest } from './request-observer';
import { stampRequest } from './request-headers';
import { secureRequest, type WebSecurityConfig } from './web-security';

/**
 * The app's HTTP server (server/main.ts listens with it), in front of Next.js: it listens from the start, and
 * until `ready` hands it Next.js it answers every request with 503 (GET /api/health says how far the start has
 * come), so a load balancer or an operator can ask while the database is still being waited for. On every
 * request, before Next.js: a request id and the caller's address, the security headers and the cross-site
 * check (web-security.ts), and the refusals that need no route: a path that is not valid percent-encoding
 * (400) and a declared body larger than its path takes (413). Both are answered in the app's JSON error shape
 * with the request id.
 */

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface AppServerOptions {
  trustProxy: boolean;
  webSecurity: WebSecurityConfig;
  newId?: () => string;
}

export interface AppServer {
  server: Server;
  /** Where the start is, for /api/health until `ready`. */
  setProgress(progress: StartupProgress): void;
  /** From now on requests go to `handleRequest` (Next.js) and websocket upgrades to `handleUpgrade`. */
  ready(handlers: { handleRequest: RequestHandler; handleUpgrade: UpgradeHandler }): void;
}

const HEALTH_PATH = '/api/health';

/** Paths whose handlers hold each route to its own limit (a procedure's `bodyLimitBytes`); elsewhere the default. */
const PER_ROUTE_LIMIT_PATHS = ['/api/trpc/', '/api/v1/', '/api/inngest'];

/** The most the app's server lets through to Next.js for this path. */
export function bodyLimitAtEdge(path: string): number {
  return PER_ROUTE_LIMIT_PATHS.some((prefix) => path.startsWith(prefix)) ? LARGEST_BODY_LIMIT_BYTES : DEFAULT_BODY_LIMIT_BYTES;
}

interface EdgeRefusal {
  status: number;
  body: { code: string; message: string };
}

/** What the app's server refuses itself, before Next.js: null when the request may go on. */
export function edgeRefusal(req: { url?: string; headers: IncomingHttpHeaders }): EdgeRefusal | null {
  const path = pathOf(req.url);
  try {
    decodeURIComponent(path);
  } catch {
    return { status: 400, body: { code: 'BAD_REQUEST', message: 'path: the URL path is not valid UTF-8 percent-encoding.' } };
  }
  const limit = bodyLimitAtEdge(path);
  if (declaredLengthOver(req.headers['content-length'], limit))
    return { status: 413, body: { code: PAYLOAD_TOO_LARGE_CODE, message: payloadTooLargeMessage(limit) } };
  return null;
}

export function createAppServer(options: AppServerOptions): AppServer {
  const newId = options.newId ?? randomUUID;
  let progress: StartupProgress = { database: 'unreachable', migrations: 'unknown' };
  let handlers: { handleRequest: RequestHandler; handleUpgrade: UpgradeHandler } | null = null;

  const server = createServer((req, res) => {
    const requestId = stampRequest(req, res, { trustProxy: options.trustProxy, newId });
    if (!secureRequest(req, res, options.webSecurity)) return; // security headers; cross-site forgeries answered 403
    const refusal = edgeRefusal(req);
    if (refusal) return sendJson(req, res, refusal.status, { ...refusal.body, requestId });
    if (!handlers) return answerWhileStarting(req, res, requestId, progress);
    // Counted and timed by route for /api/metrics; run in the request's context (its id in slow-statement logs).
    observeRequest(req, res, requestId, () => handlers!.handleRequest(req, res)).catch((error: unknown) => {
      // The one mapper (server/errors.ts) words the answer and logs the detail under the request id.
      const { status, body, headers } = httpErrorOf(error, { requestId, where: `${req.method} ${pathOf(req.url)}` });
      if (res.headersSent) return void res.end();
      sendJson(req, res, status, body, headers);
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (handlers) return handlers.handleUpgrade(req, socket, head);
    socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  return {
    server,
    setProgress(next) {
      progress = next;
    },
    ready(next) {
      handlers = next;
    },
  };
}

function answerWhileStarting(req: IncomingMessage, res: ServerResponse, requestId: string, progress: StartupProgress): void {
  res.setHeader('Retry-After', '5');
  if (pathOf(req.url) === HEALTH_PATH) return sendJson(req, res, 503, { status: 'starting', ...progress });
  const message =
    progress.database === 'ok'
      ? 'PPA Tracker is starting. Try again in a moment.'
      : 'PPA Tracker is starting and its database is not answering yet. Try again in a minute.';
  sendJson(req, res, 503, { code: 'SERVICE_UNAVAILABLE', message, requestId });
}

/**
 * Answers with JSON, never cached. A request whose body is still coming (the server answered without reading
 * it) gets its connection closed after the answer, rather than the rest of the body read and thrown away.
 */
function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: object, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };
  if (!req.complete && (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined)) headers.Connection = 'close';
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function pathOf(url: string | undefined): string {
  return (url ?? '/').split('?')[0]!;
}
