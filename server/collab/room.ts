import * as Y from 'yjs';
import { docs, getYDoc, type WSSharedDoc } from '@y/websocket-server/utils';
import type { CollabStore } from '../services/collab/collab-documents';
import { throttleBroadcasts } from './broadcast';
import { clearDraftEdits, draftMeta, META_KEY } from './draft-keys';
import { migrateLegacyDraft } from './draft-migration';
import { hearRelay, RELAYED, shareRoom, type CollabRelay } from './relay';
import { draftStorer, logStoreFailure, type DraftStorer, type StoreTiming } from './store';

/** One PPA's draft while anyone has it open. */
export interface Room {
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
  storer: DraftStorer;
}

export interface Rooms {
  /** The PPA's open room, or a new one that starts loading the stored draft and the lock. */
  open(ppaId: string): Room;
  /** Whether this room is still the PPA's open room (not closed meanwhile). */
  isOpen(room: Room): boolean;
  /** Stores the draft and frees the room once nobody is connected or joining. */
  closeIfEmpty(room: Room): void;
  /** The budget was locked or unlocked: the form turns read-only (or back) live. */
  lockChanged(ppaId: string, locked: boolean): void;
  /** The allocation was saved: the draft re-bases on the saved figures, and shows who saved when. */
  saved(ppaId: string, savedBy: string, savedAt: string): void;
  /** Back on the relay after losing it: each loaded room asks again for what it may have missed. */
  requery(relay: CollabRelay): void;
  flushAll(): Promise<void>;
  /** The open rooms (metrics, maintenance mode). */
  values(): Iterable<Room>;
  /** Stores and frees every room (shutdown); settles once every store has. */
  closeAll(): Promise<void>;
}

export interface RoomSettings {
  drafts: CollabStore;
  timing: StoreTiming;
  /** The most kept waiting to be sent to one connection before it is cut off (broadcast.ts). */
  maxUnsentBytes?: number;
  relay?: CollabRelay;
  /** A room has loaded its stored draft (maintenance mode shows itself in it, collab-operations.ts). */
  onLoaded?: (room: Room) => void;
}

/**
 * The open rooms. This server loads, stores and frees the documents itself: y-websocket's own persistence hook
 * (switched off in collab-server.ts) would free a document under a connection still being admitted.
 */
export function createRooms({ drafts, timing, maxUnsentBytes, relay, onLoaded }: RoomSettings): Rooms {
  const rooms = new Map<string, Room>();
  /** Rooms whose last editor left, still storing: reopening waits, or it would read the draft without its last edits. */
  const closing = new Map<string, Promise<void>>();

  function showLock(room: Room) {
    const meta = draftMeta(room.doc);
    if (meta.get(META_KEY.locked) !== room.locked) meta.set(META_KEY.locked, room.locked);
  }

  function open(ppaId: string): Room {
    const existing = rooms.get(ppaId);
    if (existing) return existing;
    const doc = getYDoc(ppaId); // in y-websocket's map, where setupWSConnection will find it
    const room = {
      ppaId,
      doc,
      broadcasts: throttleBroadcasts(doc, { maxUnsentBytes }),
      opened: Promise.resolve(),
      loaded: false,
      locked: false,
      lockNoticeHeard: false,
      joining: 0,
      approximateBytes: 0,
    } as Room;
    room.storer = draftStorer(room, drafts, timing);
    room.opened = (async () => {
      await closing.get(ppaId);
      // Listening first: whatever another instance publishes while the stored draft loads is not missed.
      if (relay) await relay.join(ppaId, (message) => hearRelay(room, relay, message, () => rooms.get(ppaId) === room));
      const stored = await drafts.fetch(ppaId);
      if (rooms.get(ppaId) !== room) return; // closed meanwhile (shutdown)
      if (stored.state) Y.applyUpdate(room.doc, stored.state, RELAYED);
      if (!room.lockNoticeHeard) room.locked = stored.locked;
      if (relay) shareRoom(room, relay);
      showLock(room);
      onLoaded?.(room);
      room.approximateBytes = Y.encodeStateAsUpdate(room.doc).byteLength;
      room.doc.on('update', (update: Uint8Array) => {
        room.approximateBytes += update.byteLength;
        room.storer.schedule();
      });
      // After the store listener: a draft kept in the first layout is stored in the new one.
      migrateLegacyDraft(room.doc);
      room.loaded = true;
    })();
    rooms.set(ppaId, room);
    return room;
  }

  /** Stores the draft and frees the document: its y-websocket entry, awareness timer and store timer go. */
  function close(room: Room) {
    if (rooms.get(room.ppaId) !== room) return;
    rooms.delete(room.ppaId);
    room.broadcasts.stop();
    docs.delete(room.ppaId);
    relay?.leave(room.ppaId);
    const stored = room.storer
      .storeNow()
      .catch((error: unknown) => logStoreFailure(room.ppaId, error))
      .finally(() => {
        room.doc.destroy();
        if (closing.get(room.ppaId) === stored) closing.delete(room.ppaId);
      });
    closing.set(room.ppaId, stored);
  }

  return {
    open,
    isOpen: (room) => rooms.get(room.ppaId) === room,
    closeIfEmpty(room) {
      if (room.doc.conns.size === 0 && room.joining === 0) close(room);
    },
    // No room: whoever opens it next reads the lock and the stored draft from the store.
    lockChanged(ppaId, locked) {
      const room = rooms.get(ppaId);
      if (!room) return;
      room.locked = locked;
      room.lockNoticeHeard = true;
      if (room.loaded) showLock(room);
    },
    saved(ppaId, savedBy, savedAt) {
      const room = rooms.get(ppaId);
      if (!room) return;
      // The draft's overrides go; everyone sees who saved when.
      void room.opened.then(
        () =>
          room.doc.transact(() => {
            clearDraftEdits(room.doc);
            draftMeta(room.doc).set(META_KEY.savedBy, savedBy);
            draftMeta(room.doc).set(META_KEY.savedAt, savedAt);
          }),
        () => undefined,
      );
    },
    requery(relay) {
      for (const room of rooms.values()) {
        if (room.loaded) relay.publish(room.ppaId, { kind: 'query', stateVector: Y.encodeStateVector(room.doc), reply: true });
      }
    },
    values: () => rooms.values(),
    async flushAll() {
      await Promise.all([...rooms.values()].map((room) => room.storer.storeNow()));
    },
    async closeAll() {
      for (const room of [...rooms.values()]) close(room);
      await Promise.all(closing.values());
    },
  };
}

/** Whether applying the update would take the document over `maxBytes`; measured exactly only near the limit. */
export function wouldOverflow(room: Room, update: Uint8Array, maxBytes: number): boolean {
  // The running estimate can undershoot by a few bytes an update (a split item costs a header), hence the margin.
  if (room.approximateBytes + update.byteLength <= maxBytes * 0.9) return false;
  const current = Y.encodeStateAsUpdate(room.doc);
  room.approximateBytes = current.byteLength;
  const trial = new Y.Doc();
  try {
    Y.applyUpdate(trial, current);
    Y.applyUpdate(trial, update);
    return Y.encodeStateAsUpdate(trial).byteLength > maxBytes;
  } catch {
    return false; // unreadable: y-websocket fails on it the same way, and logs it
  } finally {
    trial.destroy();
  }
}
