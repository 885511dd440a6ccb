import { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { AppError, errorResponse } from '../errors';
import { BodyTooLargeError, DEFAULT_BODY_LIMIT_BYTES, payloadTooLargeResponse, readBodyWithin } from '../lib/body-limits';
import { accountRetryAfter } from '../services/auth/password-sign-in';
import { getFailureLimits } from '../services/rate-limits/failure-limits';
import { REQUEST_ID_HEADER } from './request-headers';

/** GET /api/auth/*: next-auth's own (the session, the providers, the callbacks of single sign-on). */
export const serveAuthGet = handlers.GET;

/**
 * POST /api/auth/*: every post is read within the default body limit (413 beyond it, before any parsing). A
 * password sign-in posted straight to next-auth (scripts, not the form) for an account over its failure limit
 * gets 429 with Retry-After; the form's own path (a server action) reaches the same limit in `authorize`, as
 * does a wrong password from an address over its limit.
 */
export async function serveAuthPost(req: NextRequest): Promise<Response> {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyWithin(req, DEFAULT_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLargeResponse(error.limitBytes);
    throw error;
  }
  const request = new NextRequest(req.url, { method: 'POST', headers: req.headers, body });
  if (new URL(req.url).pathname.endsWith('/callback/credentials')) {
    const form = await request
      .clone()
      .formData()
      .catch(() => null);
    const retryAfterSeconds = await accountRetryAfter(getFailureLimits(), String(form?.get('email') ?? ''));
    if (retryAfterSeconds > 0) {
      return errorResponse(AppError.tooManyRequests('failed sign-ins', retryAfterSeconds), {
        requestId: req.headers.get(REQUEST_ID_HEADER) ?? undefined,
        where: 'sign-in',
      });
    }
  }
  return handlers.POST(request);
}
