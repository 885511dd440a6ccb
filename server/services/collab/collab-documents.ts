import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
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
  /**
   * Keeps this encoded state as the PPA's draft, merged with what is stored: every instance of a deployment
   * stores its own copy of an open draft, and one that has not yet heard another's last edits must not wipe
   * them (Yjs merges, so a state already holding everything stored replaces it as it is).
   */
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
      await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(collabDocuments)
          .values({ ppaId, state, updatedAt: new Date() })
          .onConflictDoNothing()
          .returning({ ppaId: collabDocuments.ppaId });
        if (created) return;
        // Locked, so two instances storing at once merge one after the other.
        const [row] = await tx.select({ state: collabDocuments.state }).from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId)).for('update');
        await tx
          .update(collabDocuments)
          .set({ state: row ? mergedState(row.state, state) : state, updatedAt: new Date() })
          .where(eq(collabDocuments.ppaId, ppaId));
      });
    },
  };
}

/** Both states in one, as a document holding both would encode it (deleted content collected). */
function mergedState(stored: Uint8Array, state: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, stored);
    Y.applyUpdate(doc, state);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
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
