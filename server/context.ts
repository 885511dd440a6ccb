import { getDatabase } from '@/db';
import type { SignedInViewer } from './domain/types';
import { loadViewer } from './services/auth/viewers';
import type { Context } from './trpc';

/** A request's context from a session: a signed-in person, or nobody (never the public viewer). */
export type SessionContext = Context & { viewer: SignedInViewer | null };

/** The context of one request, for the signed-in user id (or nobody). */
export async function createContext(userId: string | null | undefined): Promise<SessionContext> {
  const { db } = getDatabase();
  return { db, viewer: userId ? await loadViewer(db, userId) : null };
}
