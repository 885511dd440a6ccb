import { getDatabase } from '@/db';
import { loadViewer } from './services/auth/viewers';
import type { Context } from './trpc';

/** The context of one request, for the signed-in user id (or nobody). */
export async function createContext(userId: string | null | undefined): Promise<Context> {
  const { db } = getDatabase();
  return { db, viewer: userId ? await loadViewer(db, userId) : null };
}
