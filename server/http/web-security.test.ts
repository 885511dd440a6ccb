import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REST_BASE_PATH } from './rest-handler';
import {
  BEARER_TOKEN_PATH_PREFIX,
  contentSecurityPolicy,
  CROSS_SITE_REFUSAL,
  HSTS,
  isHttpsRequest,
  isRefusedCrossSite,
  newNonce,
  ownOrigins,
  pinNextUrlsToOrigin,
  requestHost,
  requestOrigin,
  secureRequest,
  securityHeaders,
  webSecurityConfigFromEnv,
  withOrigin,
  type RequestFacts,
  type WebSecurityConfig,
} from './web-security';

const production = webSecurityConfigFromEnv({ NODE_ENV: 'production' });
const behindProxy = webSecurityConfigFromEnv({ NODE_ENV: 'production', TRUST_PROXY: 'true' });

function request(headers: Record<string, string>, more: Partial<RequestFacts> = {}): RequestFacts {
  return { method: 'GET', headers: { host: 'localhost:3000', ...headers }, tls: false, ...more };
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('webSecurityConfigFromEnv', () => {
  it('reads the mode, the proxy trust and the origins of AUTH_URL and the SSO issuer', () => {
    expect(
      webSecurityConfigFromEnv({
        NODE_ENV: 'production',
        TRUST_PROXY: 'true',
        AUTH_URL: 'https://ppa.bangsamoro.gov.ph/app',
        AUTH_OIDC_ISSUER: 'https://sso.bangsamoro.gov.ph/realms/barmm',
      }),
    ).toEqual({
      dev: false,
      trustProxy: true,
      publicOrigin: 'https://ppa.bangsamoro.gov.ph',
      oidcIssuerOrigin: 'https://sso.bangsamoro.gov.ph',
    });
    expect(webSecurityConfigFromEnv({})).toEqual({ dev: true, trustProxy: false, publicOrigin: null, oidcIssuerOrigin: null });
    expect(webSecurityConfigFromEnv({ TRUST_PROXY: '1', AUTH_URL: 'not a url' })).toMatchObject({ trustProxy: false, publicOrigin: null });
  });
});

describe('newNonce', () => {
  it('is 128 random bits in base64, different every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('contentSecurityPolicy', () => {
  it('in production: nonce and strict-dynamic scripts, no eval, and the fixed directives', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'abc123==', dev: false, host: 'localhost:3000' }));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:3000', 'wss://localhost:3000']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(contentSecurityPolicy({ nonce: 'abc123==', dev: false, host: null })).not.toContain('unsafe-eval');
  });

  it('in development: eval for React’s debugging aids', () => {
    const csp = directives(contentSecurityPolicy({ nonce: 'n', dev: true, host: 'localhost:3000' }));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
  });

  it('lets forms go to the SSO issuer and AUTH_URL; no websocket host when the request had none', () => {
    const csp = directives(
      contentSecurityPolicy({
        nonce: 'n',
        dev: false,
        host: null,
        formActionOrigins: ['https://sso.example.gov', null, 'https://sso.example.gov', 'https://ppa.example.gov'],
      }),
    );
    expect(csp.get('form-action')).toEqual(["'self'", 'https://sso.example.gov', 'https://ppa.example.gov']);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });
});

describe('securityHeaders', () => {
  it('always sends the fixed headers, and HSTS only over https', () => {
    const plain = securityHeaders({ csp: 'x', https: false });
    expect(plain).toEqual({
      'Content-Security-Policy': 'x',
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(securityHeaders({ csp: 'x', https: true })['Strict-Transport-Security']).toBe(HSTS);
    expect(HSTS).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('isHttpsRequest', () => {
  it('a TLS connection is https', () => {
    expect(isHttpsRequest(request({}, { tls: true }), production)).toBe(true);
    expect(isHttpsRequest(request({}), production)).toBe(false);
  });

  it('X-Forwarded-Proto counts only behind a trusted proxy', () => {
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'https' }), production)).toBe(false);
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'https' }), behindProxy)).toBe(true);
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'HTTPS, http' }), behindProxy)).toBe(true);
    expect(isHttpsRequest(request({ 'x-forwarded-proto': 'http' }), behindProxy)).toBe(false);
  });

  it('an https AUTH_URL makes every request https', () => {
    expect(isHttpsRequest(request({}), webSecurityConfigFromEnv({ AUTH_URL: 'https://ppa.example.gov' }))).toBe(true);
    expect(isHttpsRequest(request({}), webSecurityConfigFromEnv({ AUTH_URL: 'http://ppa.lan:3000' }))).toBe(false);
  });
});

describe('requestHost and requestOrigin', () => {
  it('use the Host header, and X-Forwarded-Host/Proto only behind a trusted proxy', () => {
    const proxied = request({ host: '127.0.0.1:3000', 'x-forwarded-host': 'ppa.example.gov, inner', 'x-forwarded-proto': 'https' });
    expect(requestOrigin(proxied, production)).toBe('http://127.0.0.1:3000');
    expect(requestOrigin(proxied, behindProxy)).toBe('https://ppa.example.gov');
    expect(requestOrigin(request({ host: 'LocalHost:3000' }), production)).toBe('http://localhost:3000');
    expect(requestOrigin(request({ host: '[::1]:3000' }), production)).toBe('http://[::1]:3000');
  });

  it('ignore a host that is not a plain host[:port]', () => {
    expect(requestHost(request({ host: "evil.example; script-src 'unsafe-inline'" }), production)).toBeNull();
    expect(requestHost(request({ host: 'a/b' }), production)).toBeNull();
    expect(requestOrigin({ headers: {}, tls: false }, production)).toBeNull();
  });
});

describe('isRefusedCrossSite', () => {
  const cookie = 'authjs.session-token=abc';
  const post = (headers: Record<string, string>, config: WebSecurityConfig = production, method = 'POST') =>
    isRefusedCrossSite(request({ cookie, ...headers }, { method }), config);

  it('refuses a state-changing request with cookies from a foreign Origin', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(post({ origin: 'http://evil.example' }, production, method)).toBe(true);
    expect(post({ origin: 'null' })).toBe(true);
    expect(post({ origin: 'http://localhost:3001' })).toBe(true);
    expect(post({ origin: 'http://localhost.evil.example:3000' })).toBe(true);
  });

  it('allows the same origin', () => {
    expect(post({ origin: 'http://localhost:3000' })).toBe(false);
    expect(post({ origin: 'http://LOCALHOST:3000' })).toBe(false);
    expect(isRefusedCrossSite({ method: 'POST', headers: { host: 'ppa.lan', cookie, origin: 'http://ppa.lan:80' }, tls: false }, production)).toBe(false);
  });

  it('allows the https page of the same host, but not an http page posting to an https app', () => {
    expect(post({ origin: 'https://localhost:3000' })).toBe(false);
    expect(isRefusedCrossSite(request({ cookie, origin: 'http://localhost:3000' }, { method: 'POST', tls: true }), production)).toBe(true);
  });

  it('allows AUTH_URL’s origin', () => {
    const config = webSecurityConfigFromEnv({ NODE_ENV: 'production', AUTH_URL: 'https://ppa.example.gov' });
    expect(post({ origin: 'https://ppa.example.gov' }, config)).toBe(false);
    expect(ownOrigins(request({}), config)).toEqual(['https://localhost:3000', 'https://ppa.example.gov']);
  });

  it('lets only methods that change state through the check', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) expect(post({ origin: 'http://evil.example' }, production, method)).toBe(false);
    expect(isRefusedCrossSite({ headers: { host: 'localhost:3000', cookie, origin: 'http://evil.example' }, tls: false }, production)).toBe(false);
  });

  it('exempts requests without cookies, and bearer-token requests to the Integration API', () => {
    const toApi = (authorization: string) =>
      isRefusedCrossSite(request({ cookie, origin: 'http://evil.example', authorization }, { method: 'POST', url: '/api/v1/ppas' }), production);
    expect(isRefusedCrossSite(request({ origin: 'http://evil.example' }, { method: 'POST' }), production)).toBe(false);
    expect(post({ origin: 'http://evil.example', cookie: ' ' })).toBe(false);
    expect(toApi('Bearer ppa_abc')).toBe(false);
    expect(toApi('bearer ppa_abc')).toBe(false);
    expect(toApi('Basic dXNlcjpwYXNz')).toBe(true);
    expect(toApi('Bearer ')).toBe(true);
    expect(BEARER_TOKEN_PATH_PREFIX).toBe(`${REST_BASE_PATH}/`);
  });

  // The exemption used to hold for any bearer header: a forged form post to the browser's own API rode on the
  // session cookie as long as it also sent "Authorization: Bearer x", which no token of that path reads.
  it('refuses a cookie-authenticated request from a foreign page even when it carries a bearer header', () => {
    for (const url of ['/api/trpc/ppa.create', '/api/auth/signout', '/ppas/new', '/api/v1']) {
      const facts = request({ cookie, origin: 'http://evil.example', authorization: 'Bearer ppa_abc' }, { method: 'POST', url });
      expect(isRefusedCrossSite(facts, production), url).toBe(true);
    }
  });

  it('without Origin, refuses only what the browser calls cross-site; curl and servers pass', () => {
    expect(post({ 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(post({ 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(post({ 'sec-fetch-site': 'same-site' })).toBe(false);
    expect(post({})).toBe(false);
  });

  it('trusts X-Forwarded-Host/Proto for the own origin only with TRUST_PROXY=true', () => {
    const proxied = { host: '127.0.0.1:3000', 'x-forwarded-host': 'ppa.example.gov', 'x-forwarded-proto': 'https' };
    expect(post({ ...proxied, origin: 'https://ppa.example.gov' }, behindProxy)).toBe(false);
    expect(post({ ...proxied, origin: 'https://ppa.example.gov' }, production)).toBe(true);
    expect(post({ ...proxied, origin: 'http://127.0.0.1:3000' }, production)).toBe(false);
    // Behind the trusted proxy the request is https: an http page of the same host is another origin.
    expect(post({ ...proxied, origin: 'http://ppa.example.gov' }, behindProxy)).toBe(true);
  });
});

describe('withOrigin and pinNextUrlsToOrigin', () => {
  const META = Symbol.for('NextInternalRequestMeta');

  it('withOrigin swaps the scheme and host of an absolute URL', () => {
    expect(withOrigin('http://0.0.0.0:3000/api/auth/signin?x=1', 'https://ppa.example.gov')).toBe('https://ppa.example.gov/api/auth/signin?x=1');
    expect(withOrigin('http://localhost:3000', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(withOrigin('/relative', 'http://127.0.0.1:3000')).toBe('/relative');
  });

  it('whatever initial URL Next.js records is rebased onto the request’s origin; other metadata is untouched', () => {
    const req: Record<symbol, Record<string, unknown>> = {};
    pinNextUrlsToOrigin(req, 'http://127.0.0.1:3300');
    const meta = req[META]!;
    meta.initURL = 'http://0.0.0.0:3300/sign-in';
    meta.initProtocol = 'http';
    expect(meta.initURL).toBe('http://127.0.0.1:3300/sign-in');
    expect({ ...meta }).toEqual({ initURL: 'http://127.0.0.1:3300/sign-in', initProtocol: 'http' });
    meta.initURL = undefined;
    expect(meta.initURL).toBeUndefined();
  });

  it('keeps metadata already on the request, rebasing a recorded initial URL', () => {
    const req = { [META]: { initURL: 'http://localhost:3000/x', other: 1 } };
    pinNextUrlsToOrigin(req, 'https://ppa.example.gov');
    expect(req[META]).toEqual({ initURL: 'https://ppa.example.gov/x', other: 1 });
  });
});

describe('secureRequest on a real server', () => {
  let server: Server;
  let base: string;
  const seen: { headers: Record<string, string | string[] | undefined>; initURL: unknown }[] = [];
  const config = webSecurityConfigFromEnv({ NODE_ENV: 'production' });

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (!secureRequest(req, res, config)) return;
      const meta = (req as unknown as Record<symbol, Record<string, unknown>>)[Symbol.for('NextInternalRequestMeta')]!;
      meta.initURL = `http://0.0.0.0:1${req.url}`; // what Next.js records
      seen.push({ headers: { ...req.headers }, initURL: meta.initURL });
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sets the headers on the response and the CSP with the nonce on the request', async () => {
    const response = await fetch(`${base}/ppas`, { headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' } });
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'; /);
    expect(csp).toContain(`connect-src 'self' ws://${new URL(base).host} wss://${new URL(base).host}`);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('strict-transport-security')).toBeNull();

    const request = seen.at(-1)!;
    expect(request.headers['content-security-policy']).toBe(csp);
    expect(csp).toContain(`'nonce-${request.headers['x-nonce']}'`);
    // Untrusted forwarding headers are not passed on; the protocol is the server's own finding.
    expect(request.headers['x-forwarded-host']).toBeUndefined();
    expect(request.headers['x-forwarded-proto']).toBe('http');
    expect(request.initURL).toBe(`${base}/ppas`);
  });

  it('a fresh nonce every request', async () => {
    const nonce = async () => /'nonce-([^']+)'/.exec((await fetch(base)).headers.get('content-security-policy')!)![1];
    expect(await nonce()).not.toBe(await nonce());
  });

  it('answers a cross-site forgery 403 in JSON, with the security headers, before the app', async () => {
    const before = seen.length;
    const response = await fetch(`${base}/api/trpc/alert.acknowledge`, {
      method: 'POST',
      headers: { cookie: 'authjs.session-token=abc', origin: 'http://evil.example' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.json()).toEqual(CROSS_SITE_REFUSAL);
    expect(CROSS_SITE_REFUSAL).toEqual({ code: 'FORBIDDEN', message: 'Cross-site requests are refused.' });
    expect(seen.length).toBe(before);

    const same = await fetch(`${base}/api/trpc/alert.acknowledge`, {
      method: 'POST',
      headers: { cookie: 'authjs.session-token=abc', origin: base },
      body: '{}',
    });
    expect(same.status).toBe(200);
  });

  it('behind a trusted proxy: its host and https are passed on, and HSTS is sent', async () => {
    const trusting = createServer((req, res) => {
      if (!secureRequest(req, res, webSecurityConfigFromEnv({ NODE_ENV: 'production', TRUST_PROXY: 'true' }))) return;
      res.end(JSON.stringify({ host: req.headers['x-forwarded-host'], proto: req.headers['x-forwarded-proto'] }));
    });
    await new Promise<void>((resolve) => trusting.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(trusting.address() as AddressInfo).port}/`;
      const response = await fetch(url, { headers: { 'x-forwarded-host': 'PPA.example.gov, inner', 'x-forwarded-proto': 'https' } });
      expect(response.headers.get('strict-transport-security')).toBe(HSTS);
      expect(response.headers.get('content-security-policy')).toContain('wss://ppa.example.gov');
      expect(await response.json()).toEqual({ host: 'ppa.example.gov', proto: 'https' });
    } finally {
      await new Promise<void>((resolve) => trusting.close(() => resolve()));
    }
  });
});
