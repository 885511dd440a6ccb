/** The id of one request: set by the app's own server (server/main.ts), echoed in the response and the log. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The header the app's own server (server/main.ts) sets on every request to the caller's address. Whatever a
 * client sends under this name is overwritten there, so rate limits cannot be dodged by forging it.
 */
export const CLIENT_IP_HEADER = 'x-ppa-client-ip';

/**
 * The caller's address: the socket's peer, or, behind a reverse proxy the operator trusts (TRUST_PROXY=true),
 * the address that proxy appended last to X-Forwarded-For.
 */
export function clientIpOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const last = hops.at(-1);
    if (last) return last;
  }
  return socketAddress ?? 'unknown';
}

/** The caller's address as the server recorded it, for a Request inside Next. */
export function clientIpFromHeaders(headers: Headers): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}

/**
 * Stamps an incoming request, first thing in the app's server: a fresh request id (echoed to the caller, who
 * can quote it) and the caller's address. Client-sent values of both headers are overwritten, never trusted.
 */
export function stampRequest(
  req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } },
  res: { setHeader(name: string, value: string): unknown },
  options: { trustProxy: boolean; newId: () => string },
): string {
  const requestId = options.newId();
  req.headers[REQUEST_ID_HEADER] = requestId;
  req.headers[CLIENT_IP_HEADER] = clientIpOf(req.socket.remoteAddress, req.headers['x-forwarded-for'], options.trustProxy);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  return requestId;
}
