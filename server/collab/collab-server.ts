import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { docs, setPersistence, setupWSConnection } from '@y/websocket-server/utils';
import type { Database } from '@/db';
import { collabDocuments, ppas } from '@/db/schema';
import { setCollabListener, type CollabNotice } from '../services/collab/collab-notify';
import { verifyCollabToken, type CollabClaims } from '../services/collab/collab-token';

export const COLLAB_PATH = '/collab/';

/**
 * The allocation form's shared draft, one Yjs document per PPA:
 * - `rows`: work item id → Y.Map { amount (centavos, as a string), weight, note }, only for rows someone has
 *   changed since the last save (the saved figures come from the budget service);
 * - `meta`: { locked, savedBy, savedAt }.
 */
export const ROWS = 'rows';
export const META = 'meta';

/** A sync step 2 or update from a client: a write. Step 1 (a request) and awareness are not. */
function isDocumentWrite(message: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== 0) return false;
    const syncType = decoding.readVarUint(decoder);
    return syncType === 1 || syncType === 2;
  } catch {
    return true;
  }
}

export interface CollabServer {
  /** Takes the upgrade if it is for /collab/…; returns false to leave it to Next. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Writes every open document to the database now (shutdown). */
  flushAll(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The y-websocket server for the allocation form (SPEC.md "Live co-editing"). A connection needs a valid
 * collaboration token for its PPA (else 401); read-only peers' writes are dropped, as are everyone's while
 * the budget is locked. Documents are stored in PostgreSQL, debounced, and flushed on the last disconnect.
 */
export function createCollabServer(options: { db: Database; secret: string; persistDelayMs?: number; persistMaxWaitMs?: number }): CollabServer {
  const { db, secret } = options;
  const delay = options.persistDelayMs ?? 2000;
  const maxWait = options.persistMaxWaitMs ?? 10_000;
  const wss = new WebSocketServer({ noServer: true });
  const lockedRooms = new Set<string>();
  const pending = new Map<string, { timer: NodeJS.Timeout; since: number }>();

  async function store(ppaId: string, doc: Y.Doc): Promise<void> {
    const entry = pending.get(ppaId);
    if (entry) clearTimeout(entry.timer);
    pending.delete(ppaId);
    const state = Y.encodeStateAsUpdate(doc);
    await db
      .insert(collabDocuments)
      .values({ ppaId, state, updatedAt: new Date() })
      .onConflictDoUpdate({ target: collabDocuments.ppaId, set: { state, updatedAt: new Date() } });
  }

  function scheduleStore(ppaId: string, doc: Y.Doc) {
    const now = Date.now();
    const entry = pending.get(ppaId);
    if (entry) clearTimeout(entry.timer);
    const since = entry?.since ?? now;
    const wait = Math.max(0, Math.min(delay, since + maxWait - now));
    pending.set(ppaId, { since, timer: setTimeout(() => void store(ppaId, doc).catch((e: unknown) => console.error('collab: storing failed', e)), wait) });
  }

  setPersistence({
    provider: null,
    bindState: async (ppaId: string, doc: Y.Doc) => {
      const [row] = await db.select().from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId));
      if (row) Y.applyUpdate(doc, row.state);
      const [ppa] = await db.select({ lockedAt: ppas.budgetLockedAt }).from(ppas).where(eq(ppas.id, ppaId));
      setLocked(ppaId, doc, Boolean(ppa?.lockedAt));
      doc.on('update', () => scheduleStore(ppaId, doc));
    },
    writeState: (ppaId: string, doc: Y.Doc) => store(ppaId, doc),
  });

  function setLocked(ppaId: string, doc: Y.Doc, locked: boolean) {
    if (locked) lockedRooms.add(ppaId);
    else lockedRooms.delete(ppaId);
    if (doc.getMap(META).get('locked') !== locked) doc.getMap(META).set('locked', locked);
  }

  setCollabListener((notice: CollabNotice) => {
    const doc = docs.get(notice.ppaId) as Y.Doc | undefined;
    if (notice.type === 'lock') {
      if (doc) setLocked(notice.ppaId, doc, notice.locked);
      else if (notice.locked) lockedRooms.add(notice.ppaId);
      else lockedRooms.delete(notice.ppaId);
      return;
    }
    // Saved: the draft re-bases on the saved figures, so its overrides go; everyone sees who saved when.
    doc?.transact(() => {
      const rows = doc.getMap(ROWS);
      for (const key of [...rows.keys()]) rows.delete(key);
      doc.getMap(META).set('savedBy', notice.savedBy);
      doc.getMap(META).set('savedAt', notice.savedAt);
    });
  });

  function guard(ws: WebSocket, claims: CollabClaims) {
    const on = ws.on.bind(ws);
    // setupWSConnection listens for 'message'; read-only peers' (and, while locked, everyone's) writes stop here.
    ws.on = ((event: string, listener: (...args: unknown[]) => void) => {
      if (event !== 'message') return on(event, listener);
      return on('message', (data: ArrayBuffer | Buffer, ...rest: unknown[]) => {
        const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
        if ((claims.mode === 'read' || lockedRooms.has(claims.ppaId)) && isDocumentWrite(bytes)) return;
        listener(data, ...rest);
      });
    }) as WebSocket['on'];
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(COLLAB_PATH)) return false;
      const ppaId = url.pathname.slice(COLLAB_PATH.length);
      const claims = verifyCollabToken(url.searchParams.get('token'), ppaId, secret);
      if (!claims) {
        socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        socket.destroy();
        return true;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        guard(ws, claims);
        setupWSConnection(ws, req, { docName: ppaId });
      });
      return true;
    },
    async flushAll() {
      await Promise.all([...docs.entries()].map(([ppaId, doc]) => store(ppaId, doc as Y.Doc)));
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      await this.flushAll();
      setCollabListener(undefined);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
