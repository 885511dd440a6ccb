import 'server-only';
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '@/auth';
import { createContext } from '@/server/context';
import { appRouter } from '@/server/routers/_app';
import { createCallerFactory } from '@/server/trpc';

const createCaller = createCallerFactory(appRouter);

/**
 * The signed-in viewer and a tRPC caller acting as them, for server components. Pages read through the
 * same procedures as the browser and the REST API. No session (or a deleted user): off to sign-in.
 */
export const requireViewer = cache(async () => {
  const session = await auth();
  const ctx = await createContext(session?.user?.id);
  if (!ctx.viewer) redirect('/sign-in');
  return { viewer: ctx.viewer, api: createCaller(ctx) };
});
