import type { Database } from '@/db';
import { isSignedIn, type SignedInViewer, type Viewer } from '../domain/types';
import { AppError, withinDeadline } from '../errors';
import { authenticateApiToken, tokenFromRequest } from '../services/api-tokens/api-tokens';
import { loadViewer } from '../services/auth/viewers';
import type { FailureLimits } from '../services/rate-limits/failure-limits';
import { clientIpFromHeaders } from './request-headers';

/**
 * How a request may say who sends it:
 * - `session`: the browser's signed-in session cookie (the app's pages, tRPC, the downloads);
 * - `bearer`: a personal API token in `Authorization: Bearer …` (the REST API);
 * - `calendar`: the same token, or in `?token=` for calendar apps that cannot send headers (the iCalendar feed).
 */
export type Credentials = { kind: 'session'; userId: () => Promise<string | null | undefined> } | { kind: 'bearer' } | { kind: 'calendar' };

export interface ResolveCallerOptions {
  db: Database;
  credentials: Credentials;
  /** Unknown tokens counted per address (bearer and calendar). */
  limits: FailureLimits;
  /** How long reading the caller may wait on the database before the request answers 503 (null: no deadline). */
  deadlineMs: number | null;
}

/**
 * Who sends the request, read once, the same way at every HTTP edge: the viewer, or null for nobody (each route
 * then says 401 in the one wording, AppError.unauthorized). A deactivated user's session or token is nobody.
 * Throws the refusals a caller may be given before any route runs: 429 (AppError.tooManyRequests) when an
 * address sends unknown tokens past its limit, 503 when the database does not answer within the deadline.
 *
 * A valid token is always accepted (an address shared by several integrators is not locked out by one of them);
 * an unknown one is counted and judged in one step, so of unknown tokens sent at once exactly the limit's worth
 * get 401 and the rest 429.
 */
export async function resolveCaller(req: Request, options: ResolveCallerOptions): Promise<SignedInViewer | null> {
  return withinDeadline(readCaller(req, options), options.deadlineMs);
}

async function readCaller(req: Request, { db, credentials, limits }: ResolveCallerOptions): Promise<SignedInViewer | null> {
  if (credentials.kind === 'session') {
    const userId = await credentials.userId();
    return userId ? loadViewer(db, userId) : null;
  }
  const token = tokenFromRequest(req, { allowQuery: credentials.kind === 'calendar' });
  if (!token) return null;
  const viewer = await authenticateApiToken(db, token);
  if (viewer) return viewer;
  const retryAfterSeconds = await limits.apiTokenPerIp.recordFailure(clientIpFromHeaders(req.headers));
  if (retryAfterSeconds > 0) throw AppError.tooManyRequests('requests with unknown API tokens', retryAfterSeconds);
  return null;
}

/** The caller, or the one 401 when there is nobody. */
export function signedIn(viewer: Viewer | null): SignedInViewer {
  if (!viewer || !isSignedIn(viewer)) throw AppError.unauthorized();
  return viewer;
}
