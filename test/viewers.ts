import type { Queryable } from '../db';
import type { SignedInViewer } from '../server/domain/types';
import { createApiToken } from '../server/services/api-tokens/api-tokens';
import { findViewerByEmail } from '../server/services/auth/viewers';
import { appRouter } from '../server/routers/_app';
import { createCallerFactory } from '../server/trpc';
import type { Database } from '../db';

/** The seeded demo user with this email, as a signed-in Viewer. */
export async function demoViewer(db: Queryable, email: string): Promise<SignedInViewer> {
  const viewer = await findViewerByEmail(db, email);
  if (!viewer) throw new Error(`no demo user ${email}`);
  return viewer;
}

const createCaller = createCallerFactory(appRouter);

/** A tRPC caller acting as the demo user with this email (as the browser's requests do). */
export async function callerFor(db: Database, email: string) {
  return createCaller({ db, viewer: await demoViewer(db, email) });
}

/** A signed-out tRPC caller; `clientIp` is the address its requests come from (per-address limits). */
export function anonymousCaller(db: Database, clientIp?: string) {
  return createCaller({ db, viewer: null, ...(clientIp ? { clientIp } : {}) });
}

/** A fresh API token (the bearer secret) for the demo user with this email. */
export async function demoApiToken(db: Queryable, email: string, name = 'tests'): Promise<string> {
  return (await createApiToken({ db, viewer: await demoViewer(db, email), name })).token;
}
