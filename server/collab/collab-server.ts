import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { docs, getYDoc, setPersistence, setupWSConnection, type WSSharedDoc } from '@y/websocket-server/utils';
import type { Database } from '@/db';
import { databaseCollabAuthorizer, databaseCollabStore, type CollabAuthorizer, type CollabStore } from '../services/collab/collab-documents';
import { clearDraftEdits, draftMeta, META_KEY } from '../domain/collab-draft-keys';
import { watchCollabOperations } from './collab-operations';
import { migrateLegacyDraft } from '../domain/collab-draft-migration';
import {
  accessChangedReason,
  accountDeactivatedReason,
  CLOSE_ACCESS_REVOKED,
  CLOSE_TOKEN_EXPIRED,
  CLOSE_TOO_LARGE,
  draftFullReason,
  MAX_DOCUMENT_BYTES,
  MAX_UPDATE_BYTES,
  tokenExpiredReason,
  updateTooLargeReason,
} from '../domain/collab-limits';
import { setCollabListener, type CollabNotice } from '../services/collab/collab-notify';
import { verifyCollabToken, type CollabClaims, type CollabMode } from '../services/collab/collab-token';
import type { CollabRelay, RelayMessage } from './collab-relay';
import { presenceGuard, PRESENCE_LIMITS, type PresenceLimits } from './presence-guard';
import { throttleBroadcasts } from './throttled-broadcast';

export const COLLAB_PATH = '/collab/';

/** The origin of changes that came from another instance (or the store): they are not published again. */
const RELAYED = Symbol('relayed');
/** An update that carries nothing (no structs, no deletions) encodes as two zero bytes. */
const EMPTY_UPDATE_BYTES = 2;

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

type ClientMessage = { kind: 'write'; update: Uint8Array } | { kind: 'presence'; update: Uint8Array } | { kind: 'other' } | { kind: 'unreadable' };

/** A sync step 2 or update from a client is a write; awareness is presence; step 1 (a request) and the rest are neither. */
function readClientMessage(message: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === 1) {
      const update = decoding.readVarUint8Array(decoder);
      return decoder.pos <= message.byteLength ? { kind: 'presence', update } : { kind: 'unreadable' };
    }
    if (type !== 0) return { kind: 'other' };
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== 1 && syncType !== 2) return { kind: 'other' };
    const update = decoding.readVarUint8Array(decoder);
    // lib0 slices the underlying buffer without checking the message's own end.
    return decoder.pos <= message.byteLength ? { kind: 'write', update } : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

function bytesOf(data: RawData): Uint8Array {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (Array.isArray(data)) return Buffer.concat(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Sets up y-websocket on the connection with `accept` in front of its message handler, so every check runs
 * before y-websocket applies or relays anything. y-websocket does not export that handler, only
 * setupWSConnection, which registers it as a 'message' listener: this takes the listener it just added back
 * off the socket and calls it for accepted messages only. All synchronous, so no message reaches it unchecked.
 */
function setupCheckedConnection(ws: WebSocket, req: IncomingMessage, docName: string, accept: (data: RawData) => boolean) {
  const earlier = new Set(ws.listeners('message'));
  setupWSConnection(ws, req, { docName });
  const handlers = ws.listeners('message').filter((listener) => !earlier.has(listener)) as ((data: RawData, isBinary: boolean) => void)[];
  for (const handler of handlers) ws.off('message', handler);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!accept(data)) return;
    for (const handler of handlers) handler.call(ws, data, isBinary);
  });
}

function refuseUpgrade(socket: Duplex, status: string) {
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** One PPA's draft while anyone has it open. */
interface Room {
  ppaId: string;
  doc: WSSharedDoc;
  /** Sends the document's updates to its connections, merged while the room is busy. */
  broadcasts: { stop(): void };
  /** Settles once the stored draft and the lock are in the document: no connection joins before. */
  opened: Promise<void>;
  loaded: boolean;
  locked: boolean;
  /** A lock notice arrived while the room was opening: it is newer than what the database said. */
  lockNoticeHeard: boolean;
  /** Connections past the rights check that have not joined yet: the room stays open for them. */
  joining: number;
  /** The encoded size at the last measure plus every update since: the document limit's first, cheap check. */
  approximateBytes: number;
  pendingStore?: { timer: NodeJS.Timeout; since: number };
  /** Stores run one after another, so an older state never lands after a newer one. */
  storing: Promise<void>;
}

export interface CollabServerSettings {
  /** Signs the collaboration tokens (collab-token.ts). */
  secret: string;
  persistDelayMs?: number;
  persistMaxWaitMs?: number;
  /** Largest websocket message a client may send (default 1 MiB). */
  maxUpdateBytes?: number;
  /** Largest a document's encoded state may grow through clients' updates (default 10 MiB). */
  maxDocumentBytes?: number;
  /** What one connection's presence may be, hold and cost (default collab-limits.ts's). */
  presenceLimits?: PresenceLimits;
  /** The most kept waiting to be sent to one connection before it is cut off (default 30 MiB). */
  maxUnsentBytes?: number;
  /** The clock tokens expire by, in ms since the epoch (tests move it). */
  now?: () => number;
  /**
   * The other instances of the deployment (collab-relay.ts, with REDIS_URL): edits, presence and notices are
   * shared through it. Without one, this process is the only collaboration server (the embedded default).
   */
  relay?: CollabRelay;
}

/**
 * Where drafts are kept and who may join: the database's by default (collab-documents.ts); a test may pass
 * its own store and authorizer instead.
 */
export type CollabBackend =
  | { db: Database; store?: CollabStore; authorizer?: CollabAuthorizer }
  | { db?: undefined; store: CollabStore; authorizer: CollabAuthorizer };

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
 * The y-websocket server for the allocation form (docs/domain-rules.md, "Live co-editing of the allocation form"). A
 * connection needs a valid collaboration token for its PPA (else 401) whose user is still active and may still
 * see the PPA (else 403); it joins only once the room's stored draft and lock are loaded, so no write is ever
 * applied before the rights and the lock are known. Read-only peers' writes are dropped, as are everyone's
 * while the budget is locked. A message over the update limit, an update that would take the document over
 * its limit, or presence over its limits (presence-guard.ts), closes the connection with a reason the form
 * shows; a connection closes when its token expires, and when its user's access changes (deactivated, or a new
 * role or MOA), on every instance.
 * Documents are stored through the CollabStore, debounced, and when the last editor leaves, which frees the room.
 * With a relay, every room also shares its edits and presence with the same room on the other instances, and
 * hears theirs; notices (saved, locked, a user's changed access) reach every instance.
 */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { secret } = options;
  const { store: drafts, authorizer } = backendOf(options);
  const delay = options.persistDelayMs ?? 2000;
  const maxWait = options.persistMaxWaitMs ?? 10_000;
  const maxUpdateBytes = options.maxUpdateBytes ?? MAX_UPDATE_BYTES;
  const maxDocumentBytes = options.maxDocumentBytes ?? MAX_DOCUMENT_BYTES;
  const presenceLimits = options.presenceLimits ?? PRESENCE_LIMITS;
  const now = options.now ?? Date.now;
  const relay = options.relay;
  // Past twice the limit ws stops reading and closes with 1009, so nobody makes us buffer a huge message;
  // below that we read it whole to close with our own, clearer reason.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 2 * maxUpdateBytes });
  const rooms = new Map<string, Room>();
  /** Rooms whose last editor left, still storing: reopening waits, or it would read the draft without its last edits. */
  const closing = new Map<string, Promise<void>>();
  /** Each user's open connections, to close when their access changes (an `access` notice). */
  const connectionsOf = new Map<string, Set<(deactivated: boolean) => void>>();
  /**
   * How many access notices each user has had, and the last: a connection whose rights were read before the
   * latest one is closed as it joins (the notice found nothing to close while it was being admitted).
   */
  const accessNotices = new Map<string, { heard: number; deactivated: boolean }>();
  let closed = false;
  // Metrics of rooms and connections; maintenance mode makes every draft read-only (collab-operations.ts).
  const operations = watchCollabOperations(() => rooms.values(), options.db);

  // This server loads, stores and frees the documents itself (see openRoom and closeRoom): y-websocket's own
  // persistence hook would free a document under a connection still being admitted.
  setPersistence(null);

  function store(room: Room): Promise<void> {
    if (room.pendingStore) clearTimeout(room.pendingStore.timer);
    room.pendingStore = undefined;
    // A room that never loaded holds nothing of the stored draft: writing it would wipe the draft.
    if (!room.loaded) return room.storing;
    const write = async () => {
      const state = Y.encodeStateAsUpdate(room.doc);
      room.approximateBytes = state.byteLength;
      await drafts.store(room.ppaId, state);
    };
    const stored = room.storing.then(write);
    room.storing = stored.catch(() => undefined);
    return stored;
  }

  function scheduleStore(room: Room) {
    const at = Date.now();
    const since = room.pendingStore?.since ?? at;
    if (room.pendingStore) clearTimeout(room.pendingStore.timer);
    const wait = Math.max(0, Math.min(delay, since + maxWait - at));
    const timer = setTimeout(() => void store(room).catch((e: unknown) => console.error('collab: storing failed', e)), wait);
    room.pendingStore = { since, timer };
  }

  function showLock(room: Room) {
    const meta = draftMeta(room.doc);
    if (meta.get(META_KEY.locked) !== room.locked) meta.set(META_KEY.locked, room.locked);
  }

  function openRoom(ppaId: string): Room {
    const open = rooms.get(ppaId);
    if (open) return open;
    const doc = getYDoc(ppaId); // in y-websocket's map, where setupWSConnection will find it
    const room: Room = {
      ppaId,
      doc,
      broadcasts: throttleBroadcasts(doc, { maxUnsentBytes: options.maxUnsentBytes }),
      opened: Promise.resolve(),
      loaded: false,
      locked: false,
      lockNoticeHeard: false,
      joining: 0,
      approximateBytes: 0,
      storing: Promise.resolve(),
    };
    room.opened = (async () => {
      await closing.get(ppaId);
      // Listening first: whatever another instance publishes while the stored draft loads is not missed.
      if (relay) await relay.join(ppaId, (message) => hearRelay(room, message));
      const stored = await drafts.fetch(ppaId);
      if (rooms.get(ppaId) !== room) return; // closed meanwhile (shutdown)
      if (stored.state) Y.applyUpdate(room.doc, stored.state, RELAYED);
      if (!room.lockNoticeHeard) room.locked = stored.locked;
      if (relay) shareRoom(room, relay);
      showLock(room);
      operations.show(room);
      room.approximateBytes = Y.encodeStateAsUpdate(room.doc).byteLength;
      room.doc.on('update', (update: Uint8Array) => {
        room.approximateBytes += update.byteLength;
        scheduleStore(room);
      });
      // After the store listener: a draft kept in the first layout is stored in the new one.
      migrateLegacyDraft(room.doc);
      room.loaded = true;
    })();
    rooms.set(ppaId, room);
    return room;
  }

  /**
   * From now on the room publishes its own changes: its clients' edits, the server's own (lock, saved) and
   * presence. What came from the relay or the store is not published again (origin RELAYED), so no message
   * goes round in circles. Then it asks the other instances for what they have and it lacks: edits not yet
   * stored, and who is there.
   */
  function shareRoom(room: Room, relay: CollabRelay) {
    room.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== RELAYED) relay.publish(room.ppaId, { kind: 'update', update });
    });
    room.doc.awareness.on('update', ({ added, updated, removed }: AwarenessChanges, origin: unknown) => {
      if (origin === RELAYED) return;
      // A client that moved here from another instance (that one died) is already known here through the relay:
      // y-websocket counts only a first appearance as the connection's, so its presence would outlive its
      // connection by the 30 s awareness timeout. Everything a connection says about itself is its own.
      const own = room.doc.conns.get(origin as object);
      if (own) for (const clientId of [...added, ...updated]) own.add(clientId);
      relay.publish(room.ppaId, { kind: 'awareness', update: encodeAwarenessUpdate(room.doc.awareness, [...added, ...updated, ...removed]) });
    });
    relay.publish(room.ppaId, { kind: 'query', stateVector: Y.encodeStateVector(room.doc), reply: true });
  }

  /** A message from the same room on another instance. */
  function hearRelay(room: Room, message: RelayMessage) {
    if (rooms.get(room.ppaId) !== room || !relay) return;
    try {
      if (message.kind === 'update') return Y.applyUpdate(room.doc, message.update, RELAYED);
      if (message.kind === 'awareness') return applyAwarenessUpdate(room.doc.awareness, message.update, RELAYED);
      // A query before this room has loaded is answered by this room's own query once it has.
      if (!room.loaded) return;
      const missing = Y.encodeStateAsUpdate(room.doc, message.stateVector);
      if (missing.byteLength > EMPTY_UPDATE_BYTES) relay.publish(room.ppaId, { kind: 'update', update: missing });
      const present = [...room.doc.awareness.getStates().keys()];
      if (present.length > 0) relay.publish(room.ppaId, { kind: 'awareness', update: encodeAwarenessUpdate(room.doc.awareness, present) });
      if (message.reply) relay.publish(room.ppaId, { kind: 'query', stateVector: Y.encodeStateVector(room.doc), reply: false });
    } catch (error) {
      console.error(`collab: a relayed ${message.kind} for ${room.ppaId} could not be applied`, error);
    }
  }

  /** Stores the draft and frees the document: its y-websocket entry, awareness timer and store timer go. */
  function closeRoom(room: Room) {
    if (rooms.get(room.ppaId) !== room) return;
    rooms.delete(room.ppaId);
    room.broadcasts.stop();
    docs.delete(room.ppaId);
    relay?.leave(room.ppaId);
    const stored = store(room)
      .catch((e: unknown) => console.error('collab: storing failed', e))
      .finally(() => {
        room.doc.destroy();
        if (closing.get(room.ppaId) === stored) closing.delete(room.ppaId);
      });
    closing.set(room.ppaId, stored);
  }

  function closeIfEmpty(room: Room) {
    if (room.doc.conns.size === 0 && room.joining === 0) closeRoom(room);
  }

  // A notice from this process's budget services goes to the other instances too: the save or the lock may
  // have been made on this instance while the editors are on another.
  setCollabListener((notice: CollabNotice) => {
    relay?.publishNotice(notice);
    applyNotice(notice);
  });
  relay?.onNotice(applyNotice);
  // Back on Redis after losing it: each open room asks again for what it may have missed meanwhile.
  relay?.onReconnect(() => {
    for (const room of rooms.values()) {
      if (room.loaded) relay.publish(room.ppaId, { kind: 'query', stateVector: Y.encodeStateVector(room.doc), reply: true });
    }
  });

  function applyNotice(notice: CollabNotice) {
    if (notice.type === 'access') return closeConnectionsOf(notice.userId, notice.deactivated);
    // No room: whoever opens it next reads the lock and the stored draft from the store.
    const room = rooms.get(notice.ppaId);
    if (!room) return;
    if (notice.type === 'lock') {
      room.locked = notice.locked;
      room.lockNoticeHeard = true;
      if (room.loaded) showLock(room);
      return;
    }
    // Saved: the draft re-bases on the saved figures, so its overrides go; everyone sees who saved when.
    void room.opened.then(
      () =>
        room.doc.transact(() => {
          clearDraftEdits(room.doc);
          draftMeta(room.doc).set(META_KEY.savedBy, notice.savedBy);
          draftMeta(room.doc).set(META_KEY.savedAt, notice.savedAt);
        }),
      () => undefined,
    );
  }

  /**
   * A user's access changed (collab-notify.ts): their connections, on every room of this instance, stop taking
   * writes now and close. Deactivated: for good (4403, the form says why). Another role or MOA: as at token
   * expiry (4401), so the form reconnects with a fresh token, which carries the rights the user has now.
   */
  function closeConnectionsOf(userId: string, deactivated: boolean) {
    accessNotices.set(userId, { heard: (accessNotices.get(userId)?.heard ?? 0) + 1, deactivated });
    for (const revoke of [...(connectionsOf.get(userId) ?? [])]) revoke(deactivated);
  }

  /** Whether applying the update would take the document over its limit; measured exactly only near the limit. */
  function wouldOverflow(room: Room, update: Uint8Array): boolean {
    // The running estimate can undershoot by a few bytes an update (a split item costs a header), hence the margin.
    if (room.approximateBytes + update.byteLength <= maxDocumentBytes * 0.9) return false;
    const current = Y.encodeStateAsUpdate(room.doc);
    room.approximateBytes = current.byteLength;
    const trial = new Y.Doc();
    try {
      Y.applyUpdate(trial, current);
      Y.applyUpdate(trial, update);
      return Y.encodeStateAsUpdate(trial).byteLength > maxDocumentBytes;
    } catch {
      return false; // unreadable: y-websocket fails on it the same way, and logs it
    } finally {
      trial.destroy();
    }
  }

  function join(ws: WebSocket, req: IncomingMessage, room: Room, claims: CollabClaims, mode: CollabMode, noticesBefore: number) {
    let refused = false;
    const refuse = (code: number, reason: string): false => {
      refused = true;
      ws.close(code, reason);
      return false;
    };
    // ws reports a message over maxPayload as an error after closing with 1009; unheard, it would throw.
    ws.on('error', () => undefined);
    const expiry = setTimeout(() => refuse(CLOSE_TOKEN_EXPIRED, tokenExpiredReason), Math.max(0, claims.exp - now()));
    const presence = presenceGuard(room.doc.awareness, now, presenceLimits);

    // Every limit applies here, before y-websocket applies or relays anything.
    const accept = (data: RawData): boolean => {
      if (refused) return false;
      // The timer may lag the clock (a busy loop, or a test moving the clock).
      if (now() >= claims.exp) return refuse(CLOSE_TOKEN_EXPIRED, tokenExpiredReason);
      const bytes = bytesOf(data);
      if (bytes.byteLength > maxUpdateBytes) return refuse(CLOSE_TOO_LARGE, updateTooLargeReason(maxUpdateBytes));
      const message = readClientMessage(bytes);
      if (message.kind === 'unreadable') return false;
      // Read-only peers announce their presence too, so this applies to every connection.
      if (message.kind === 'presence') {
        const verdict = presence.check(message.update);
        if (!verdict.pass) return verdict.close ? refuse(CLOSE_TOO_LARGE, verdict.close) : false;
      }
      if (message.kind === 'write') {
        if (mode === 'read' || room.locked || operations.writesPaused()) return false;
        if (wouldOverflow(room, message.update)) return refuse(CLOSE_TOO_LARGE, draftFullReason(maxDocumentBytes));
      }
      return true;
    };

    setupCheckedConnection(ws, req, room.ppaId, accept);
    const revoke = (deactivated: boolean) =>
      deactivated ? refuse(CLOSE_ACCESS_REVOKED, accountDeactivatedReason) : refuse(CLOSE_TOKEN_EXPIRED, accessChangedReason);
    const mine = connectionsOf.get(claims.userId) ?? new Set();
    connectionsOf.set(claims.userId, mine.add(revoke));
    // After setupWSConnection's own close listener, which takes the connection out of doc.conns.
    ws.on('close', () => {
      clearTimeout(expiry);
      mine.delete(revoke);
      if (mine.size === 0 && connectionsOf.get(claims.userId) === mine) connectionsOf.delete(claims.userId);
      closeIfEmpty(room);
    });
    const latest = accessNotices.get(claims.userId);
    if (latest && latest.heard !== noticesBefore) revoke(latest.deactivated);
  }

  async function admit(req: IncomingMessage, socket: Duplex, head: Buffer, ppaId: string, claims: CollabClaims) {
    // Node hands over an upgrading socket with no error listener: until ws takes it, a reset must not crash us.
    const onSocketError = () => socket.destroy();
    socket.on('error', onSocketError);
    let room: Room | undefined;
    const noticesBefore = accessNotices.get(claims.userId)?.heard ?? 0;
    try {
      const access = await authorizer.authorize(claims);
      if ('refuse' in access) return refuseUpgrade(socket, '403 Forbidden');
      const { mode } = access;
      if (closed) return refuseUpgrade(socket, '503 Service Unavailable');
      room = openRoom(ppaId);
      room.joining++;
      // Whatever the client sent along with its upgrade request waits in the socket until ws reads it, below.
      await room.opened;
      if (closed || !room.loaded) return refuseUpgrade(socket, '503 Service Unavailable');
      socket.off('error', onSocketError);
      const joining = room;
      wss.handleUpgrade(req, socket, head, (ws) => join(ws, req, joining, claims, mode, noticesBefore));
    } catch (error) {
      console.error('collab: admitting a connection failed', error);
      refuseUpgrade(socket, '503 Service Unavailable');
    } finally {
      if (room) {
        room.joining--;
        closeIfEmpty(room);
      }
    }
  }

  return {
    handleUpgrade(req, socket, head) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (!url.pathname.startsWith(COLLAB_PATH)) return false;
      const ppaId = url.pathname.slice(COLLAB_PATH.length);
      const claims = verifyCollabToken(url.searchParams.get('token'), ppaId, secret, now());
      if (!claims) {
        refuseUpgrade(socket, '401 Unauthorized');
        return true;
      }
      void admit(req, socket, head, ppaId, claims);
      return true;
    },
    async flushAll() {
      await Promise.all([...rooms.values()].map((room) => store(room)));
    },
    async close() {
      closed = true;
      operations.stop();
      for (const client of wss.clients) client.terminate();
      for (const room of [...rooms.values()]) closeRoom(room);
      await Promise.all(closing.values());
      setCollabListener(undefined);
      await relay?.close();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
