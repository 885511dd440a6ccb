import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { setPersistence } from '@y/websocket-server/utils';
import type { Database } from '@/db';
import { databaseCollabAuthorizer, databaseCollabStore, type CollabAuthorizer, type CollabStore } from '../services/collab/collab-documents';
import { processSignals, type CollabNotice } from '../services/effects/signals';
import { verifyCollabToken } from '../services/collab/collab-token';
import { createAdmission } from './admission';
import { MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES } from './limits';
import { PRESENCE_LIMITS, type PresenceLimits } from './presence-guard';
import { refuseUpgrade } from './protocol';
import type { CollabRelay } from './relay';
import { createRooms } from './room';
import { DEFAULT_STORE_TIMING } from './store';
import { watchCollabOperations } from './collab-operations';

export const COLLAB_PATH = '/collab/';

export interface CollabServerSettings {
  /** Signs the collaboration tokens (collab-token.ts). */
  secret: string;
  persistDelayMs?: number;
  persistMaxWaitMs?: number;
  /** Largest websocket message a client may send (default 1 MiB). */
  maxUpdateBytes?: number;
  /** Largest a document's encoded state may grow through clients' updates (default 10 MiB). */
  maxDocumentBytes?: number;
  /** What one connection's presence may be, hold and cost (default limits.ts's). */
  presenceLimits?: PresenceLimits;
  /** The most kept waiting to be sent to one connection before it is cut off (default 30 MiB). */
  maxUnsentBytes?: number;
  /** The clock tokens expire by, in ms since the epoch (tests move it). */
  now?: () => number;
  /**
   * The other instances of the deployment (relay.ts, with REDIS_URL): edits, presence and notices are
   * shared through it. Without one, this process is the only collaboration server (the embedded default).
   */
  relay?: CollabRelay;
}

/**
 * Where drafts are kept and who may join: the database's by default (collab-documents.ts); a test may pass
 * its own store and authorizer instead.
 */
export type CollabBackend =
  { db: Database; store?: CollabStore; authorizer?: CollabAuthorizer } | { db?: undefined; store: CollabStore; authorizer: CollabAuthorizer };

export type CollabServerOptions = CollabServerSettings & CollabBackend;

function backendOf(backend: CollabBackend): { store: CollabStore; authorizer: CollabAuthorizer } {
  if (backend.db === undefined) return backend;
  return { store: backend.store ?? databaseCollabStore(backend.db), authorizer: backend.authorizer ?? databaseCollabAuthorizer(backend.db) };
}

export interface CollabServer {
  /** Takes the upgrade if it is for /collab/…; returns false to leave it to Next. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Writes every open document to the store now (shutdown). */
  flushAll(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The y-websocket server for the allocation form (docs/domain-rules.md, "Live co-editing of the allocation form"),
 * wired from its parts, one concern each:
 * - protocol.ts: what a client's message is, before y-websocket sees it; refusing an upgrade;
 * - admission.ts: who joins (a valid token for the PPA, else 401; still active and still able to see it, else
 *   403) and on what terms (every limit and the read-only and lock rules, checked per message);
 * - room.ts: one open draft per PPA, loaded before anyone joins, freed when the last editor leaves;
 * - store.ts: the draft written to the CollabStore, debounced, and when the room closes;
 * - broadcast.ts: updates and presence sent to a busy room's connections, merged;
 * - relay.ts: with REDIS_URL, the same room on the other instances (edits, presence, notices).
 * Notices from the budget and user services (saved, locked, a user's changed access) reach every room here,
 * and through the relay every instance.
 */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { store: drafts, authorizer } = backendOf(options);
  const maxUpdateBytes = options.maxUpdateBytes ?? MAX_UPDATE_BYTES;
  const now = options.now ?? Date.now;
  const relay = options.relay;
  // Past twice the limit ws stops reading and closes with 1009, so nobody makes us buffer a huge message;
  // below that we read it whole to close with our own, clearer reason.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * maxUpdateBytes });
  const timing = { delayMs: options.persistDelayMs ?? DEFAULT_STORE_TIMING.delayMs, maxWaitMs: options.persistMaxWaitMs ?? DEFAULT_STORE_TIMING.maxWaitMs };
  // Metrics of rooms and connections; maintenance mode makes every draft read-only (collab-operations.ts).
  const operations = watchCollabOperations(() => rooms.values(), options.db);
  const rooms = createRooms({ drafts, timing, maxUnsentBytes: options.maxUnsentBytes, relay, onLoaded: (room) => operations.show(room) });
  let closed = false;
  const admission = createAdmission({
    wss,
    rooms,
    authorizer,
    maxUpdateBytes,
    maxDocumentBytes: options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES,
    presenceLimits: options.presenceLimits ?? PRESENCE_LIMITS,
    now,
    closed: () => closed,
    writesPaused: () => operations.writesPaused(),
  });

  // The rooms load, store and free the documents themselves (room.ts).
  setPersistence(null);

  function applyNotice(notice: CollabNotice) {
    if (notice.type === 'access') return admission.accessChanged(notice.userId, notice.deactivated);
    if (notice.type === 'lock') return rooms.lockChanged(notice.ppaId, notice.locked);
    rooms.saved(notice.ppaId, notice.savedBy, notice.savedAt);
  }
  // A notice from this process's budget services goes to the other instances too: the save or the lock may
  // have been made on this instance while the editors are on another.
  const stopHearingNotices = processSignals().onCollabNotice((notice: CollabNotice) => {
    relay?.publishNotice(notice);
    applyNotice(notice);
  });
  relay?.onNotice(applyNotice);
  // Back on Redis after losing it: each open room asks again for what it may have missed meanwhile.
  relay?.onReconnect(() => rooms.requery(relay));

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(COLLAB_PATH)) return false;
      const ppaId = url.pathname.slice(COLLAB_PATH.length);
      const claims = verifyCollabToken(url.searchParams.get('token'), ppaId, options.secret, now());
      if (!claims) {
        refuseUpgrade(socket, '401 Unauthorized');
        return true;
      }
      void admission.admit(req, socket, head, ppaId, claims);
      return true;
    },
    flushAll: () => rooms.flushAll(),
    async close() {
      closed = true;
      operations.stop();
      for (const client of wss.clients) client.terminate();
      await rooms.closeAll();
      stopHearingNotices();
      await relay?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
