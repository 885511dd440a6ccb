/**
 * What the app's own server (server/main.ts) does to every HTTP request before Next.js sees it:
 *
 * - security headers on every response: a Content-Security-Policy with a fresh nonce per request (also set on
 *   the request, where Next.js reads it and puts the nonce on its own scripts), X-Frame-Options,
 *   X-Content-Type-Options, Referrer-Policy, Permissions-Policy, Cross-Origin-Opener-Policy, and HSTS when the
 *   request arrived over https;
 * - refusal of cross-site state-changing requests that ride on the browser's cookies (403 before Next);
 * - the request's own origin for Next.js and next-auth: the https rule below decides X-Forwarded-Proto (so
 *   next-auth sets `Secure` cookies exactly when the request is https), and the absolute URL Next.js gives route
 *   handlers (`request.url`) is built on the request's own origin rather than the address the server listens on.
 *
 * "https" means: the connection itself is TLS, or a reverse proxy the operator trusts (TRUST_PROXY=true) says
 * X-Forwarded-Proto: https, or the operator declared an https public address (AUTH_URL=https://…).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface WebSecurityConfig {
  /** Development server: React needs eval for its debugging aids. */
  dev: boolean;
  /** TRUST_PROXY=true: X-Forwarded-Host/Proto come from the operator's reverse proxy, not from the client. */
  trustProxy: boolean;
  /** AUTH_URL's origin: the public address, when the operator set it. */
  publicOrigin: string | null;
  /** AUTH_OIDC_ISSUER's origin: the single sign-on form posts, then redirects there. */
  oidcIssuerOrigin: string | null;
}

/** What the checks read from a request; a Node IncomingMessage fits once `tls` is filled in. */
export interface RequestFacts {
  method?: string;
  /** The request target (path and query), as the request line gives it. */
  url?: string;
  headers: IncomingHttpHeaders;
  /** The connection itself is TLS. */
  tls: boolean;
}

export const CROSS_SITE_REFUSAL = { code: 'FORBIDDEN', message: 'Cross-site requests are refused.' } as const;

export function webSecurityConfigFromEnv(env: Record<string, string | undefined>): WebSecurityConfig {
  return {
    dev: env.NODE_ENV !== 'production',
    trustProxy: env.TRUST_PROXY === 'true',
    publicOrigin: originOf(env.AUTH_URL),
    oidcIssuerOrigin: originOf(env.AUTH_OIDC_ISSUER),
  };
}

/** A fresh, unguessable nonce: 128 random bits. */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function isHttpsRequest(req: RequestFacts, config: WebSecurityConfig): boolean {
  if (req.tls) return true;
  if (config.trustProxy && firstListValue(req.headers['x-forwarded-proto'])?.toLowerCase() === 'https') return true;
  return config.publicOrigin?.startsWith('https:') ?? false;
}

/** The host the client addressed (X-Forwarded-Host only behind a trusted proxy), or null when it is not a plain host[:port]. */
export function requestHost(req: RequestFacts, config: WebSecurityConfig): string | null {
  const forwarded = config.trustProxy ? firstListValue(req.headers['x-forwarded-host']) : undefined;
  const host = (forwarded || firstHeaderValue(req.headers.host))?.trim().toLowerCase();
  return host && HOST_PATTERN.test(host) ? host : null;
}

/** The origin the client addressed, e.g. `http://localhost:3000`; null without a usable Host. */
export function requestOrigin(req: RequestFacts, config: WebSecurityConfig): string | null {
  const host = requestHost(req, config);
  return host ? `${isHttpsRequest(req, config) ? 'https' : 'http'}://${host}` : null;
}

/**
 * The origins whose pages may make state-changing requests with the browser's cookies: the request's own origin
 * and AUTH_URL's. When the request looks like plain http, the https origin of the same host counts too: that is
 * the app behind a TLS-terminating proxy the operator has not declared, and an https page of this very host is no
 * attacker. The reverse (an http page posting to an https app) does not count.
 */
export function ownOrigins(req: RequestFacts, config: WebSecurityConfig): string[] {
  const origins = new Set<string | null>();
  const host = requestHost(req, config);
  if (host) {
    origins.add(originOf(`https://${host}`));
    if (!isHttpsRequest(req, config)) origins.add(originOf(`http://${host}`));
  }
  origins.add(config.publicOrigin);
  origins.delete(null);
  return [...origins] as string[];
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Where a bearer token, and never a cookie, is what authenticates a request: the Integration API
 * (REST_BASE_PATH in rest-handler.ts, which the web-security tests hold this to).
 */
export const BEARER_TOKEN_PATH_PREFIX = '/api/v1/';

/**
 * Whether to refuse a request as cross-site request forgery: state-changing, carrying cookies, not
 * authenticated by a bearer token, and sent from a page of another origin: its Origin header is not one of ours
 * or, lacking Origin, the browser says Sec-Fetch-Site: cross-site. A request with neither (curl, a server)
 * passes. A bearer token exempts a request only under BEARER_TOKEN_PATH_PREFIX, where the token is what
 * authenticates it and cookies count for nothing (a browser cannot add the header cross-site without CORS, which
 * the app does not offer); anywhere else the cookie is what authenticates, whatever Authorization says.
 */
export function isRefusedCrossSite(req: RequestFacts, config: WebSecurityConfig): boolean {
  if (!STATE_CHANGING.has((req.method ?? 'GET').toUpperCase())) return false;
  if (!firstHeaderValue(req.headers.cookie)?.trim()) return false;
  const bearer = /^bearer\s+\S/i.test(firstHeaderValue(req.headers.authorization)?.trim() ?? '');
  if (bearer && (req.url ?? '').startsWith(BEARER_TOKEN_PATH_PREFIX)) return false;
  const origin = firstHeaderValue(req.headers.origin)?.trim();
  if (origin) return !ownOrigins(req, config).includes(originOf(origin) ?? origin);
  return firstHeaderValue(req.headers['sec-fetch-site'])?.trim().toLowerCase() === 'cross-site';
}

export interface CspOptions {
  nonce: string;
  dev: boolean;
  /** The host the page was loaded from: its websocket (the allocation form's /collab/, dev reload) is allowed. */
  host: string | null;
  /** Where forms may post or be redirected to besides the app itself (the SSO issuer, AUTH_URL). */
  formActionOrigins?: readonly (string | null)[];
}

export function contentSecurityPolicy({ nonce, dev, host, formActionOrigins = [] }: CspOptions): string {
  const extraFormActions = [...new Set(formActionOrigins.filter((origin): origin is string => Boolean(origin)))];
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // Next.js puts the nonce on its own scripts; 'strict-dynamic' lets them load the page's chunks.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // Tailwind, Recharts and React set inline styles.
    ['style-src', "'self'", "'unsafe-inline'"],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(host ? [`ws://${host}`, `wss://${host}`] : [])],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...extraFormActions],
    ['object-src', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The headers every response carries. */
export function securityHeaders({ csp, https }: { csp: string; https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}

/**
 * Everything above, for one request: sets the response's security headers, answers a refused cross-site request
 * itself (403) and returns false; otherwise prepares the request for Next.js and returns true.
 */
export function secureRequest(req: IncomingMessage, res: ServerResponse, config: WebSecurityConfig): boolean {
  const facts: RequestFacts = { method: req.method, url: req.url, headers: req.headers, tls: 'encrypted' in req.socket && req.socket.encrypted === true };
  const https = isHttpsRequest(facts, config);
  const host = requestHost(facts, config);
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, dev: config.dev, host, formActionOrigins: [config.oidcIssuerOrigin, config.publicOrigin] });
  for (const [name, value] of Object.entries(securityHeaders({ csp, https }))) res.setHeader(name, value);

  if (isRefusedCrossSite(facts, config)) {
    res.statusCode = 403;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(CROSS_SITE_REFUSAL));
    return false;
  }

  // Next.js reads the nonce from the request's CSP header and puts it on the scripts it renders.
  req.headers['content-security-policy'] = csp;
  req.headers['x-nonce'] = nonce;
  // Next.js and next-auth read X-Forwarded-Host/Proto as given. Only a trusted proxy's count; the protocol
  // follows the https rule, so next-auth's cookies are `Secure` exactly when the request is https.
  if (config.trustProxy && host) req.headers['x-forwarded-host'] = host;
  else delete req.headers['x-forwarded-host'];
  req.headers['x-forwarded-proto'] = https ? 'https' : 'http';
  if (host) pinNextUrlsToOrigin(req, `${https ? 'https' : 'http'}://${host}`);
  return true;
}

/** Next.js's per-request metadata on the Node request (a shared symbol; see next/dist/server/request-meta). */
const NEXT_REQUEST_META = Symbol.for('NextInternalRequestMeta');

/**
 * Next.js builds the absolute URL route handlers see (`request.url`, and so next-auth's redirects and callback
 * addresses) from the hostname and port the server was started with, e.g. `http://0.0.0.0:3000/…` when listening
 * on every interface. This makes it use the request's own origin instead: whatever Next.js records as the
 * request's initial URL is rebased onto `origin`. (Next.js itself still writes a loopback address, 127.x.x.x or
 * [::1], as `localhost` in those URLs.)
 */
export function pinNextUrlsToOrigin(req: object, origin: string): void {
  const holder = req as Record<symbol, unknown>;
  const existing = holder[NEXT_REQUEST_META];
  const meta = (existing && typeof existing === 'object' ? existing : {}) as Record<string, unknown>;
  const recorded = meta.initURL;
  let initURL: unknown = undefined;
  Object.defineProperty(meta, 'initURL', {
    configurable: true,
    enumerable: true,
    get: () => initURL,
    set: (value: unknown) => {
      initURL = typeof value === 'string' ? withOrigin(value, origin) : value;
    },
  });
  if (recorded !== undefined) meta.initURL = recorded;
  holder[NEXT_REQUEST_META] = meta;
}

/** `url` with its scheme and host replaced by `origin`; a relative URL is returned as it is. */
export function withOrigin(url: string, origin: string): string {
  const prefix = /^https?:\/\/[^/?#]*/i.exec(url);
  return prefix ? origin + url.slice(prefix[0].length) : url;
}

// host, host:port, or a bracketed IPv6 literal with an optional port: nothing that could break out of a header.
const HOST_PATTERN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

function originOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const { origin } = new URL(value);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function firstHeaderValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The first entry of a header that proxies may turn into a comma-separated list (X-Forwarded-Proto/Host). */
function firstListValue(value: string | string[] | undefined): string | undefined {
  return firstHeaderValue(value)?.split(',')[0]?.trim() || undefined;
}
