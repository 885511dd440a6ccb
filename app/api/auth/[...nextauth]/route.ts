// GET/POST /api/auth/* — next-auth's sign-in, callback, session and sign-out endpoints.
import type { NextRequest } from 'next/server';
import { handlers } from '@/auth';
import { clientIpFromHeaders } from '@/server/http/request-headers';
import { retryAfterWords } from '@/server/domain/accounts';
import { signInRetryAfter } from '@/server/services/auth/password-sign-in';
import { getFailureLimits } from '@/server/services/rate-limits/failure-limits';

export const { GET } = handlers;

/**
 * A password sign-in posted straight to next-auth (scripts, not the form) gets the failure limit as HTTP:
 * 429 with Retry-After. The form's own path (a server action) reaches the same limit in `authorize`.
 */
export async function POST(req: NextRequest) {
  if (new URL(req.url).pathname.endsWith('/callback/credentials')) {
    const form = await req.clone().formData().catch(() => null);
    const email = String(form?.get('email') ?? '');
    const retryAfterSeconds = await signInRetryAfter(getFailureLimits(), email, clientIpFromHeaders(req.headers));
    if (retryAfterSeconds > 0) {
      return Response.json(
        { code: 'TOO_MANY_REQUESTS', message: `Too many failed sign-ins. ${retryAfterWords(retryAfterSeconds)}` },
        { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
      );
    }
  }
  return handlers.POST(req);
}
