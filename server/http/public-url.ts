import { environment } from '../lib/config';

/**
 * The address people reach the app at, for links the app hands out (set-password links): AUTH_URL when the
 * operator set it, else the origin of the request being served. X-Forwarded-Host/Proto count only behind a
 * proxy the operator trusts (TRUST_PROXY=true): otherwise anyone could make the app print links to their host.
 */
export function publicOrigin(req: Request, env: Record<string, string | undefined> = environment()): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  const url = new URL(req.url);
  const trustProxy = env.TRUST_PROXY === 'true';
  const host = (trustProxy && req.headers.get('x-forwarded-host')) || req.headers.get('host') || url.host;
  const proto = (trustProxy && req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()) || url.protocol.replace(':', '');
  return `${proto}://${host}`;
}
