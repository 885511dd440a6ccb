import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { DEMO_PASSWORD } from '@/db/seed/demo-data';
import { createFailureLimits, getFailureLimits, SIGN_IN_PER_IP, setFailureLimits } from '@/server/services/rate-limits/failure-limits';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';

// The next-auth wiring end to end, through its route handlers: CSRF, credentials sign-in (authorize, the
// signIn admission callback, jwt) and the session (session callback).
const BASE = 'http://localhost:3000/api/auth';
let handle: TestDatabase;
let auth: typeof import('./auth');

beforeAll(async () => {
  process.env.AUTH_SECRET ??= 'auth-wiring-test-secret';
  // next-auth logs every refused sign-in as an error; the refusals here are on purpose.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  handle = await createSeededTestDatabase();
  setDatabase(handle);
  setFailureLimits(createFailureLimits(null));
  auth = await import('./auth');
});
afterAll(async () => {
  vi.restoreAllMocks();
  setDatabase(undefined);
  setFailureLimits(undefined);
  await handle.close();
});

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');

async function signInWithPassword(email: string, password: string) {
  const csrf = await auth.handlers.GET(new NextRequest(`${BASE}/csrf`));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await auth.handlers.POST(
    new NextRequest(`${BASE}/callback/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf), 'x-forwarded-for': '10.9.8.7' },
      body: new URLSearchParams({ csrfToken, email, password, callbackUrl: 'http://localhost:3000/' }),
    }),
  );
  return { response, cookie: [cookiesOf(csrf), cookiesOf(response)].filter(Boolean).join('; ') };
}

async function sessionFor(cookie: string) {
  const response = await auth.handlers.GET(new NextRequest(`${BASE}/session`, { headers: { cookie } }));
  return (await response.json()) as { user?: { id: string; role: string; moaId: string | null; name: string; email: string } } | null;
}

describe('auth.ts', () => {
  it('signs in with email + password and puts the role and MOA in the session', async () => {
    const { response, cookie } = await signInWithPassword('Planner@Example.org', DEMO_PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).not.toContain('error');
    const session = await sessionFor(cookie);
    expect(session?.user).toMatchObject({ role: 'planner', name: 'Norhaya Planner (MSSD)', email: 'planner@example.org' });
    expect(session?.user?.id).toBeTruthy();
    expect(session?.user?.moaId).toBeTruthy();
  });

  it('refuses a wrong password without a session', async () => {
    const { response, cookie } = await signInWithPassword('planner@example.org', 'wrong password');
    expect(response.headers.get('location')).toContain('error=CredentialsSignin');
    expect(await sessionFor(cookie)).toBeNull();
  });

  it('refuses a malformed email before looking anything up', async () => {
    const { response } = await signInWithPassword('not-an-email', DEMO_PASSWORD);
    expect(response.headers.get('location')).toContain('error=CredentialsSignin');
  });

  it('says "rate_limited" once an account has failed too often', async () => {
    for (let i = 0; i < 10; i++) await signInWithPassword('viewer@example.org', `wrong-${i}`);
    const { response } = await signInWithPassword('viewer@example.org', DEMO_PASSWORD);
    expect(response.headers.get('location')).toContain('code=rate_limited');
    expect(new auth.SignInRateLimited().code).toBe('rate_limited');
  });
});

describe('POST /api/auth/* (app/api/auth/[...nextauth]/route.ts)', () => {
  const route = () => import('@/app/api/auth/[...nextauth]/route');

  async function postCredentials(email: string, password: string, ip: string) {
    const csrf = await auth.handlers.GET(new NextRequest(`${BASE}/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return (await route()).POST(
      new NextRequest(`${BASE}/callback/credentials`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf), 'x-ppa-client-ip': ip },
        body: new URLSearchParams({ csrfToken, email, password, callbackUrl: 'http://localhost:3000/' }),
      }),
    );
  }

  it('refuses a body over 1 MiB with 413 before reading it', async () => {
    let delivered = 0;
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => void ((delivered += 65536), c.enqueue(new Uint8Array(65536))) }, { highWaterMark: 0 });
    const init = { method: 'POST', headers: { 'content-length': String(64 * 1024 * 1024) }, body: endless, duplex: 'half' };
    const declared = new NextRequest(`${BASE}/callback/credentials`, init as ConstructorParameters<typeof NextRequest>[1]);
    const response = await (await route()).POST(declared);
    expect(response.status).toBe(413);
    expect(delivered).toBe(0);
  });

  it('answers 429 only for an account over its limit, not for the right password from a busy address', async () => {
    const limits = getFailureLimits();
    const office = '10.77.0.1';
    for (let i = 0; i < SIGN_IN_PER_IP.maxFailures; i++) await limits.signInPerIp.recordFailure(office);
    const signedIn = await postCredentials('planner.mafar@example.org', DEMO_PASSWORD, office);
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).not.toContain('error');

    for (let i = 0; i < 10; i++) await limits.signInPerAccount.recordFailure('reviewer@example.org');
    const locked = await postCredentials('reviewer@example.org', DEMO_PASSWORD, '10.77.0.2');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
  });
});
