import { eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { collabDocuments, ppas } from '@/db/schema';
import { currentCollabMode, type CollabClaims, type CollabMode } from './collab-token';

/** What the collaboration server needs to open a PPA's room. */
export interface StoredDraft {
  /** The draft's encoded Yjs state as last stored; null if none is. */
  state: Uint8Array | null;
  /** Whether the PPA's budget is locked (the draft is then read-only for everyone). */
  locked: boolean;
}

/**
 * Where the collaboration server loads and keeps the shared drafts (in the shape of hocuspocus's
 * fetch/store): it decides when, this decides where.
 */
export interface CollabStore {
  fetch(ppaId: string): Promise<StoredDraft>;
  /** Replaces the PPA's stored draft with this encoded state. */
  store(ppaId: string, state: Uint8Array): Promise<void>;
}

/** Whether a connection with a valid token is let in now, and how: 403 if the user may no longer see the PPA. */
export type CollabAccess = { mode: CollabMode } | { refuse: 403 };

export interface CollabAuthorizer {
  authorize(claims: CollabClaims): Promise<CollabAccess>;
}

/** The drafts in PostgreSQL (collab_documents), the lock from the PPA. */
export function databaseCollabStore(db: Queryable): CollabStore {
  return {
    async fetch(ppaId) {
      const [row] = await db.select({ state: collabDocuments.state }).from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId));
      const [ppa] = await db.select({ lockedAt: ppas.budgetLockedAt }).from(ppas).where(eq(ppas.id, ppaId));
      return { state: row?.state ?? null, locked: Boolean(ppa?.lockedAt) };
    },
    async store(ppaId, state) {
      await db
        .insert(collabDocuments)
        .values({ ppaId, state, updatedAt: new Date() })
        .onConflictDoUpdate({ target: collabDocuments.ppaId, set: { state, updatedAt: new Date() } });
    },
  };
}

/** Rights as every other request reads them (see currentCollabMode): re-read on each connection. */
export function databaseCollabAuthorizer(db: Queryable): CollabAuthorizer {
  return {
    async authorize(claims) {
      const mode = await currentCollabMode(db, claims);
      return mode ? { mode } : { refuse: 403 };
    },
  };
}
