import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { WSSharedDoc } from '@y/websocket-server/utils';
import { MAX_UNSENT_BYTES } from './limits';

/**
 * A room sends each edit and presence change at once until its broadcasts in the current window have cost
 * MESSAGES_PER_WINDOW websocket messages (one per connection each); past that it gathers the window's edits
 * into one message per connection, and its presence changes into another. A form with a few people on it is
 * never held back; 700 people on one form get at most about two messages each per window instead of one per
 * edit and one per presence renewal.
 */
export const BROADCAST_WINDOW_MS = 40;
export const MESSAGES_PER_WINDOW = 1_000;

/** y-websocket's message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

type Listener = (...args: never[]) => void;
type PresenceChanges = { added: number[]; updated: number[]; removed: number[] };

/** The listener y-websocket registered for `event` under `name`, taken off so this module broadcasts instead. */
function takeListener(observable: unknown, event: string, name: string): void {
  const listeners = (observable as { _observers: Map<string, Set<Listener>> })._observers.get(event);
  const listener = [...(listeners ?? [])].find((candidate) => candidate.name === name);
  if (!listener) throw new Error(`y-websocket's ${event} broadcaster was not found on the document: check @y/websocket-server's version.`);
  (observable as { off(event: string, listener: Listener): void }).off(event, listener);
}

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function send(conn: WebSocket, data: Uint8Array, maxUnsentBytes: number) {
  // A closing connection is y-websocket's to take out of the room (its close listener does).
  if (conn.readyState !== WebSocket.OPEN) return;
  // Not reading: cut off now (a close would wait on the same unread queue), and y-websocket's close listener
  // frees what was queued; a browser reconnects and syncs afresh.
  if (conn.bufferedAmount + data.byteLength > maxUnsentBytes) return conn.terminate();
  conn.send(data, (error) => {
    if (error) conn.close();
  });
}

/**
 * Replaces y-websocket's broadcasters of `doc`, which send every update and every presence change to every
 * connection as it comes: 200 editors typing once a second in front of 700 connections were 140,000
 * websocket messages a second, and 700 browsers renewing their presence every 15 s another 33,000, more than
 * a small server and its clients can carry (README "Performance"). Once a window's broadcasts have cost
 * `messagesPerWindow`, the window's further updates are merged (Y.mergeUpdates keeps every change, so a
 * client applying the merge ends where it would have applied them one by one) and its presence changes are
 * sent as one awareness update with the current state of every client that changed; both go out at the
 * window's end. Nothing else changes: what a connection sends is still applied at once, a joining client's
 * sync still gets the whole document, pending edits included, and each connection still answers for the
 * presence it announced (y-websocket removes it when the connection closes). A connection with more than
 * `maxUnsentBytes` waiting to be sent is cut off rather than sent more (limits.ts, MAX_UNSENT_BYTES).
 */
export function throttleBroadcasts(
  doc: WSSharedDoc,
  { windowMs = BROADCAST_WINDOW_MS, messagesPerWindow = MESSAGES_PER_WINDOW, maxUnsentBytes = MAX_UNSENT_BYTES } = {},
): { stop(): void } {
  takeListener(doc, 'update', 'updateHandler');
  takeListener(doc.awareness, 'update', 'awarenessChangeHandler');

  let pendingUpdates: Uint8Array[] = [];
  const pendingPresence = new Set<number>();
  let timer: NodeJS.Timeout | undefined;
  let windowStart = -Infinity;
  let sentInWindow = 0;

  const broadcast = (data: Uint8Array) => {
    for (const conn of doc.conns.keys()) send(conn as WebSocket, data, maxUnsentBytes);
    sentInWindow += doc.conns.size;
  };
  const updateMessage = (update: Uint8Array) => message(MESSAGE_SYNC, (e) => syncProtocol.writeUpdate(e, update));
  const presenceMessage = (clients: number[]) =>
    message(MESSAGE_AWARENESS, (e) => encoding.writeVarUint8Array(e, encodeAwarenessUpdate(doc.awareness, clients)));

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pendingUpdates.length === 0 && pendingPresence.size === 0) return;
    windowStart = performance.now();
    sentInWindow = 0;
    if (pendingUpdates.length > 0) broadcast(updateMessage(pendingUpdates.length === 1 ? pendingUpdates[0]! : Y.mergeUpdates(pendingUpdates)));
    if (pendingPresence.size > 0) broadcast(presenceMessage([...pendingPresence]));
    pendingUpdates = [];
    pendingPresence.clear();
  };
  /** Sends now while the window has room for one more broadcast; otherwise gathers until the window's end. */
  const sendOrGather = (sendNow: () => void, gather: () => void) => {
    if (!timer) {
      const now = performance.now();
      if (now - windowStart >= windowMs) {
        windowStart = now;
        sentInWindow = 0;
      }
      if (sentInWindow + doc.conns.size <= messagesPerWindow) return sendNow();
      timer = setTimeout(flush, windowStart + windowMs - now).unref();
    }
    gather();
  };

  const onUpdate = (update: Uint8Array) =>
    sendOrGather(
      () => broadcast(updateMessage(update)),
      () => pendingUpdates.push(update),
    );
  const onPresence = ({ added, updated, removed }: PresenceChanges, origin: unknown) => {
    // As y-websocket does: the presence a connection announces is its own, removed when it closes.
    const announcedBy = origin === null ? undefined : doc.conns.get(origin as object);
    if (announcedBy) {
      for (const clientId of added) announcedBy.add(clientId);
      for (const clientId of removed) announcedBy.delete(clientId);
    }
    const clients = [...added, ...updated, ...removed];
    sendOrGather(
      () => broadcast(presenceMessage(clients)),
      () => clients.forEach((clientId) => pendingPresence.add(clientId)),
    );
  };
  doc.on('update', onUpdate);
  doc.awareness.on('update', onPresence);
  return {
    stop() {
      flush();
      doc.off('update', onUpdate);
      doc.awareness.off('update', onPresence);
    },
  };
}
