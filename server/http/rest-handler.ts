import { randomUUID } from 'node:crypto';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import { getDatabase, requestDeadlineMs, type Database } from '@/db';
import { AppError, errorResponse } from '../errors';
import { appRouter } from '../routers/_app';
import { getFailureLimits, type FailureLimits } from '../services/rate-limits/failure-limits';
import { resolveCaller } from './caller';
import { REQUEST_ID_HEADER } from './request-headers';
import { publicOrigin } from './public-url';
import { callRoute, findRoute, queryInput } from './rest-router';
import { describeFileResponses } from './file-download';
import { bodyLimitOf } from '../trpc';
import { restRouteRefusal } from './rest-operations';
import { BodyTooLargeError, payloadTooLargeResponse, readBodyWithin } from '../lib/body-limits';

export const REST_BASE_PATH = '/api/v1';

function jsonError(status: number, code: string, message: string): Response {
  return Response.json({ code, message }, { status });
}

/** A query string or body a planner's system could not have meant, as the 400 to answer; null when fine. */
function malformedQuery(url: URL): Response | null {
  for (const part of url.search.slice(1).split('&')) {
    if (!part) continue;
    const [rawName = '', rawValue = ''] = part.split(/=(.*)/s);
    try {
      const name = decodeURIComponent(rawName.replaceAll('+', ' '));
      if (decodeURIComponent(rawValue.replaceAll('+', ' ')).includes('\u0000')) {
        return jsonError(400, 'BAD_REQUEST', `${name}: remove the invisible NUL character from this value.`);
      }
    } catch {
      return jsonError(400, 'BAD_REQUEST', `${rawName}: the query string is not valid UTF-8 percent-encoding.`);
    }
  }
  return null;
}

/**
 * The JSON body of a write, checked before any procedure sees it: within the route's size limit (413 before
 * the rest is read), valid UTF-8, valid JSON, and an object (`null`, `[]` or `5` are refused, not read as "no
 * fields"). No body at all is `{}`: `curl -X POST …/sync-from-workitem` is a fine request.
 */
async function checkedJsonBody(req: Request, limitBytes: number): Promise<{ body: Record<string, unknown> } | { refusal: Response }> {
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(req, limitBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { refusal: payloadTooLargeResponse(error.limitBytes) };
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { refusal: jsonError(400, 'BAD_REQUEST', 'body: the request body is not valid UTF-8.') };
  }
  const contentType = req.headers.get('content-type');
  if (contentType && !/^application\/json\b/i.test(contentType)) {
    throw AppError.unsupportedMediaType();
  }
  if (text.trim() === '') text = '{}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { refusal: jsonError(400, 'BAD_REQUEST', 'body: the request body is not valid JSON.') };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { refusal: jsonError(400, 'BAD_REQUEST', 'body: send a JSON object, like {"title": "…"}.') };
  }
  return { body: parsed as Record<string, unknown> };
}

export interface RestOptions {
  /** Failed token authentications per address (tests pass their own, so they do not trip each other). */
  limits?: FailureLimits;
  /** How long the request may wait on the database before it answers 503 (default: requestDeadlineMs()). */
  deadlineMs?: number | null;
}

/** Serves every procedure that has `meta.openapi` as REST under /api/v1 (README "Integration API (REST)"). */
export async function handleRestRequest(incoming: Request, db: Database, options: RestOptions = {}): Promise<Response> {
  const requestId = incoming.headers.get(REQUEST_ID_HEADER) ?? randomUUID();
  try {
    const url = new URL(incoming.url);
    const badQuery = malformedQuery(url);
    if (badQuery) return badQuery;
    // The caller before the body: an anonymous body is never read, since every route needs a token (the
    // procedure answers 401 before it looks at any input).
    const deadlineMs = options.deadlineMs === undefined ? requestDeadlineMs() : options.deadlineMs;
    const viewer = await resolveCaller(incoming, { db, credentials: { kind: 'bearer' }, limits: options.limits ?? getFailureLimits(), deadlineMs });
    const found = findRoute(incoming.method, url.pathname.slice(REST_BASE_PATH.length));
    if (!found) return jsonError(404, 'NOT_FOUND', `There is no ${incoming.method} ${url.pathname}; see ${REST_BASE_PATH}/openapi.json.`);
    // Its metrics label; a write in maintenance mode is refused here (503 MAINTENANCE), its body never read.
    const refused = await restRouteRefusal(db, found.route);
    if (refused) return refused;
    let fromQueryOrBody: Record<string, unknown> = {};
    if (incoming.method === 'GET' || incoming.method === 'DELETE') {
      fromQueryOrBody = queryInput(found.route.procedure, url.searchParams);
    } else if (viewer) {
      const checked = await checkedJsonBody(incoming, bodyLimitOf(found.route.procedure));
      if ('refusal' in checked) return checked.refusal;
      fromQueryOrBody = checked.body;
    }
    // Path parameters win over the same names in the body: the URL says which record is changed.
    const input = { ...fromQueryOrBody, ...found.pathInput };
    return await callRoute(found.route, input, { db, viewer, requestId, origin: publicOrigin(incoming), deadlineMs }, incoming);
  } catch (error) {
    if (error instanceof URIError) return jsonError(400, 'BAD_REQUEST', 'path: the URL path is not valid UTF-8 percent-encoding.');
    return errorResponse(error, { requestId, where: 'REST' });
  }
}

/** The OpenAPI 3 document of the REST API, generated from the same procedures. */
export function openApiDocument(baseUrl: string) {
  const document = generateOpenApiDocument(appRouter, {
    title: 'PPA Tracker Integration API',
    description:
      'REST access to PPAs, work items, budget allocations and expenditures for other BARMM government systems. ' +
      'Authenticate with `Authorization: Bearer <personal API token>`; the token acts with its user’s role and MOA. ' +
      'Amounts are strings in pesos with two decimals.',
    version: '1.0.0',
    baseUrl: `${baseUrl}${REST_BASE_PATH}`,
  });
  return describeFileResponses(document);
}

/** GET/POST/PATCH/PUT/DELETE /api/v1/*: the Integration API on this process's database. */
export function serveRest(req: Request): Promise<Response> {
  return handleRestRequest(req, getDatabase().db);
}

/** GET /api/v1/openapi.json, with the server's URL as the caller reached it. */
export function serveOpenApi(req: Request): Response {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
