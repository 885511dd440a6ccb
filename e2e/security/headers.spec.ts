import { expect, request as apiRequest, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from '../helpers';

/** Checks the headers server/http/web-security.ts puts on every response. */
function expectSecurityHeaders(headers: Record<string, string>, baseURL: string) {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toMatch(/(^|; )default-src 'self'(;|$)/);
  expect(csp).toMatch(/(^|; )script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=()');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  // HSTS only over https; this app is reached over plain http unless E2E_BASE_URL says otherwise.
  if (baseURL.startsWith('http:')) expect(headers['strict-transport-security']).toBeUndefined();
  else expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
}

/** Collects what the browser reports about the Content Security Policy: console messages and violation events. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|evaluate)|CSP violation/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });
  return violations;
}

/** The page's React tree is attached: the client components hydrated, so their scripts ran under the CSP. */
async function expectHydrated(page: Page, selector: string) {
  await page.waitForFunction((css) => {
    const element = document.querySelector(css);
    return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber'));
  }, selector);
}

/** The other loopback name for the same server, to check that redirects stay on the host the browser used. */
function otherLoopbackOrigin(baseURL: string): string | null {
  const url = new URL(baseURL);
  if (url.hostname === 'localhost') url.hostname = '127.0.0.1';
  else if (url.hostname === '127.0.0.1') url.hostname = 'localhost';
  else return null;
  return url.origin;
}

test('the security headers are on a page, on the REST API document and on a static asset', async ({ page, request, baseURL }) => {
  const response = await page.goto('/sign-in');
  expectSecurityHeaders(response!.headers(), baseURL!);
  // Next.js put the request's nonce on its scripts.
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()['content-security-policy']!)![1]!;
  await expect(page.locator(`script[nonce]`).first()).toBeAttached();
  // Every script tag the server sent carries it (chunks Next's runtime loads later come in by 'strict-dynamic';
  // the next test checks that nothing is blocked).
  const sentScripts = [...(await response!.text()).matchAll(/<script[^>]*src="\/_next\/static\/[^>]*>/g)].map((m) => m[0]);
  expect(sentScripts.length).toBeGreaterThan(0);
  expect(sentScripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);

  const api = await request.get('/api/v1/openapi.json');
  expect(api.status()).toBe(200);
  expectSecurityHeaders(api.headers(), baseURL!);

  const asset = await page.locator('script[src*="/_next/static/"]').first().getAttribute('src');
  expect(asset).toBeTruthy();
  const assetResponse = await request.get(asset!);
  expect(assetResponse.status()).toBe(200);
  expectSecurityHeaders(assetResponse.headers(), baseURL!);

  // Every response gets a fresh nonce.
  const again = await request.get('/sign-in');
  expect(again.headers()['content-security-policy']).not.toContain(`'nonce-${nonce}'`);
});

test('pages hydrate and signing in works under the CSP, with no violations', async ({ page, baseURL }) => {
  const violations = await watchCsp(page);
  await page.goto('/sign-in');
  await expectHydrated(page, 'form');
  await signIn(page, 'planner@example.org');
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);

  // A client-side navigation loads more chunks (strict-dynamic) and renders inline styles.
  const list = page.getByRole('table', { name: 'PPAs' });
  await list.getByRole('link', { name: 'Livelihood Training for OBC Women' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Livelihood Training for OBC Women' })).toBeVisible();
  await expectHydrated(page, 'main');

  // The allocation form's websocket (/collab/) connects under connect-src.
  await page.goto('/ppas');
  await page.getByLabel('Search').fill("Women's Welfare Program");
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await page.getByRole('link', { name: "Women's Welfare Program" }).first().click();
  await page.getByRole('link', { name: 'Co-edit allocation form' }).click();
  await expect(page.getByTestId('connection')).toHaveText('● Live');
  expect(violations).toEqual([]);
});

test('a tRPC mutation riding on the session cookie from another origin is refused; from the app itself it works', async ({ page, baseURL }) => {
  await signIn(page, 'planner@example.org');
  const name = `csrf check ${Date.now()}`;

  const forged = await page.request.post('/api/trpc/apiToken.create', { headers: { origin: 'http://evil.example' }, data: { name } });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toEqual({ code: 'FORBIDDEN', message: 'Cross-site requests are refused.' });

  const crossSiteNoOrigin = await page.request.post('/api/trpc/apiToken.create', { headers: { 'sec-fetch-site': 'cross-site' }, data: { name } });
  expect(crossSiteNoOrigin.status()).toBe(403);

  const own = await page.request.post('/api/trpc/apiToken.create', { headers: { origin: new URL(baseURL!).origin }, data: { name } });
  expect(own.status()).toBe(200);
  const list = await page.request.get('/api/trpc/apiToken.list');
  const tokens = ((await list.json()) as { result: { data: { name: string }[] } }).result.data;
  expect(tokens.filter((token) => token.name === name)).toHaveLength(1); // only the same-origin call made one

  // The app's own pages still mutate through tRPC from the browser (same origin).
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.getByLabel('Token name').fill(`${name} (form)`);
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByTestId('new-token')).toContainText('ppa_');
});

test('after signing in the browser stays on the host it used, never 0.0.0.0', async ({ browser, baseURL }) => {
  const origins = [new URL(baseURL!).origin, otherLoopbackOrigin(baseURL!)].filter((origin): origin is string => origin !== null);
  for (const origin of origins) {
    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    await signIn(page, 'planner@example.org');
    expect(new URL(page.url()).origin).toBe(origin);
    await page.reload();
    await expect(page).toHaveURL(`${origin}/ppas`);
    await context.close();
  }
});

test('next-auth’s own endpoints redirect to the host the request was addressed to', async ({ baseURL }) => {
  const base = new URL(baseURL!);
  // A name other than the one the server was started with; loopback only (an external app sits behind its proxy).
  // (Next.js itself writes 127.0.0.1 as localhost in route handlers' URLs, so a made-up name is the clear check.)
  const hosts = [base.host, ...(otherLoopbackOrigin(baseURL!) ? [`ppa-tracker.test:${base.port}`] : [])];
  for (const host of hosts) {
    const api = await apiRequest.newContext({ baseURL: base.origin, extraHTTPHeaders: { host } });
    const origin = `${base.protocol}//${host}`;
    const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
    const signedIn = await api.post('/api/auth/callback/credentials', {
      form: { csrfToken, email: 'viewer@example.org', password: DEMO_PASSWORD, callbackUrl: '/ppas' },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBe(302);
    expect(signedIn.headers().location).toBe(`${origin}/ppas`);
    const refused = await api.post('/api/auth/callback/credentials', { form: { email: 'viewer@example.org', password: DEMO_PASSWORD }, maxRedirects: 0 });
    expect(refused.headers().location?.startsWith(`${origin}/`)).toBe(true);
    await api.dispose();
  }
});
