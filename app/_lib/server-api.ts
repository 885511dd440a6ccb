import 'server-only';
import { cache } from 'react';
import { notFound, redirect } from 'next/navigation';
import { TRPCError } from '@trpc/server';
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

/** The same for a page anyone may reach (the 404 page): null without a session instead of a redirect. */
export const optionalViewer = cache(async () => {
  const session = await auth();
  const ctx = await createContext(session?.user?.id);
  return ctx.viewer ? { viewer: ctx.viewer, api: createCaller(ctx) } : null;
});

/**
 * A PPA as the signed-in viewer may see it, or the 404 page: one that does not exist, or another MOA's (the
 * server answers 404 for both). Cached per request, so the PPA layout's check and the page share one read.
 */
export const ppaOrNotFound = cache(async (id: string) => {
  const { api } = await requireViewer();
  try {
    return await api.ppa.get({ id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
});
