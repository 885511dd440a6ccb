// GET/POST /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints.
import { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { retryAfterWords } from '@/server/domain/accounts';
import { BodyTooLargeError, DEFAULT_BODY_LIMIT_BYTES, payloadTooLargeResponse, readBodyWithin } from '@/server/lib/body-limits';
import { accountRetryAfter } from '@/server/services/auth/password-sign-in';
import { getFailureLimits } from '@/server/services/rate-limits/failure-limits';

export const { GET } = handlers;

/**
 * Every post is read within the default body limit (413 beyond it, before any parsing). A password sign-in
 * posted straight to next-auth (scripts, not the form) for an account over its failure limit gets 429 with
 * Retry-After; the form's own path (a server action) reaches the same limit in `authorize`, as does a wrong
 * password from an address over its limit.
 */
export async function POST(req: NextRequest) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyWithin(req, DEFAULT_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return payloadTooLargeResponse(error.limitBytes);
    throw error;
  }
  const request = new NextRequest(req.url, { method: 'POST', headers: req.headers, body });
  if (new URL(req.url).pathname.endsWith('/callback/credentials')) {
    const form = await request.clone().formData().catch(() => null);
    const retryAfterSeconds = await accountRetryAfter(getFailureLimits(), String(form?.get('email') ?? ''));
    if (retryAfterSeconds > 0) {
      return Response.json(
        { code: 'TOO_MANY_REQUESTS', message: `Too many failed sign-ins. ${retryAfterWords(retryAfterSeconds)}` },
        { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(request);
}
