import { createOpenApiFetchHandler, generateOpenApiDocument } from 'trpc-to-openapi';
import type { Database } from '@/db';
import type { Viewer } from '../domain/types';
import { appRouter } from '../routers/_app';
import { authenticateApiToken, tokenFromRequest } from '../services/api-tokens/api-tokens';

export const REST_BASE_PATH = '/api/v1';

/** The caller of a REST request: the user behind its bearer token, or nobody (→ 401 on every endpoint). */
export async function restViewer(db: Database, req: Request, options: { allowQueryToken?: boolean } = {}): Promise<Viewer | null> {
  const token = tokenFromRequest(req, { allowQuery: options.allowQueryToken });
  return token ? authenticateApiToken(db, token) : null;
}

interface OpenApiErrorBody {
  code?: string;
  message?: string;
  issues?: { path: (string | number)[]; message: string }[];
  data?: { fieldErrors?: Record<string, string[]> | null };
}

/**
 * Errors as SPEC.md gives them: `{ code, message }` (plus `fieldErrors` for bad input), with a message that
 * names the field, instead of the adapter's generic "Input validation failed".
 */
async function toSpecError(res: Response): Promise<Response> {
  const body = (await res.json()) as OpenApiErrorBody;
  const issue = body.issues?.[0];
  const message = issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : (body.message ?? 'Something went wrong.');
  const fieldErrors = body.data?.fieldErrors ?? undefined;
  return Response.json({ code: body.code ?? 'INTERNAL_SERVER_ERROR', message, ...(fieldErrors ? { fieldErrors } : {}) }, { status: res.status, headers: res.headers });
}

/** `curl -X POST …/sync-from-workitem` with no body is a fine request: treat it as an empty JSON object. */
async function withJsonBody(req: Request): Promise<Request> {
  if (req.method !== 'POST' && req.method !== 'PATCH' && req.method !== 'PUT') return req;
  if (req.headers.get('content-type')) return req;
  const text = await req.text();
  const headers = new Headers(req.headers);
  headers.set('content-type', 'application/json');
  return new Request(req.url, { method: req.method, headers, body: text.trim() === '' ? '{}' : text });
}

/** Serves every procedure that has `meta.openapi` as REST under /api/v1 (SPEC.md "Integration API"). */
export async function handleRestRequest(incoming: Request, db: Database): Promise<Response> {
  const req = await withJsonBody(incoming);
  const res = await createOpenApiFetchHandler({
    endpoint: REST_BASE_PATH,
    router: appRouter,
    req,
    createContext: async () => ({ db, viewer: await restViewer(db, req) }),
  });
  return res.status >= 400 && res.headers.get('content-type')?.includes('application/json') ? toSpecError(res) : res;
}

/** The OpenAPI 3 document of the REST API, generated from the same procedures. */
export function openApiDocument(baseUrl: string) {
  return generateOpenApiDocument(appRouter, {
    title: 'PPA Tracker Integration API',
    description:
      'REST access to PPAs, work items, budget allocations and expenditures for other BARMM government systems. ' +
      'Authenticate with `Authorization: Bearer <personal API token>`; the token acts with its user’s role and MOA. ' +
      'Amounts are strings in pesos with two decimals.',
    version: '1.0.0',
    baseUrl: `${baseUrl}${REST_BASE_PATH}`,
  });
}
