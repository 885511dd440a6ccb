import { environment } from './config';

/**
 * The address people reach the app at, for links in what the app sends without a request at hand (emails
 * written by background jobs): AUTH_URL's origin when the operator set it, else this machine's own port.
 * server/http/public-url.ts answers the same question while serving a request.
 */
export function configuredAppOrigin(env: Record<string, string | undefined> = environment()): string {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  return `http://localhost:${env.PORT || 3000}`;
}
