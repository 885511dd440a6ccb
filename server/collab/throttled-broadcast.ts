import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import type { WSSharedDoc } from '@y/websocket-server/utils';

/**
 * A room sends each edit at once until its broadcasts in the current window have cost MESSAGES_PER_WINDOW
 * websocket messages (one per connection each); past that it gathers the window's edits into one message per
 * connection. A form with a few people on it is never held back; 700 people on one form get at most about
 * one message each per window instead of one per edit.
 */
export const BROADCAST_WINDOW_MS = 40;
export const MESSAGES_PER_WINDOW = 1_000;

/** y-websocket's message type of a sync message (an update is a sync message). */
const MESSAGE_SYNC = 0;

type UpdateListener = (update: Uint8Array, ...rest: unknown[]) => void;

function send(conn: WebSocket, message: Uint8Array) {
  // A closing connection is y-websocket's to take out of the room (its close listener does).
  if (conn.readyState !== WebSocket.OPEN) return;
  conn.send(message, (error) => {
    if (error) conn.close();
  });
}

/**
 * Replaces y-websocket's broadcaster of `doc`, which sends every update to every connection as it comes, with a
 * throttled one: 200 editors typing once a second in front of 700 connections were 140,000 websocket messages a
 * second, more than a small server and its clients can carry (README "Performance"). Once a window's
 * broadcasts have cost `messagesPerWindow`, the window's further updates are merged (Y.mergeUpdates keeps
 * every change, so a client applying the merge ends where it would have applied them one by one) and sent
 * once at the window's end. Nothing else
 * changes: what a connection sends is still applied at once, and a joining client's sync still gets the whole
 * document, pending edits included.
 */
export function throttleBroadcasts(
  doc: WSSharedDoc,
  { windowMs = BROADCAST_WINDOW_MS, messagesPerWindow = MESSAGES_PER_WINDOW } = {},
): { stop(): void } {
  const observers = (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers.get('update');
  const broadcaster = [...(observers ?? [])].find((listener) => listener.name === 'updateHandler');
  if (!broadcaster) throw new Error("y-websocket's update broadcaster was not found on the document: check @y/websocket-server's version.");
  doc.off('update', broadcaster);

  let pending: Uint8Array[] = [];
  let timer: NodeJS.Timeout | undefined;
  let windowStart = -Infinity;
  let sentInWindow = 0;

  const broadcast = (update: Uint8Array) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    const message = encoding.toUint8Array(encoder);
    for (const conn of doc.conns.keys()) send(conn as WebSocket, message);
    sentInWindow += doc.conns.size;
  };
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const update = pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending);
    pending = [];
    windowStart = performance.now();
    sentInWindow = 0;
    broadcast(update);
  };
  const gather: UpdateListener = (update) => {
    if (timer) {
      pending.push(update);
      return;
    }
    const now = performance.now();
    if (now - windowStart >= windowMs) {
      windowStart = now;
      sentInWindow = 0;
    }
    if (sentInWindow + doc.conns.size <= messagesPerWindow) return broadcast(update);
    pending.push(update);
    timer = setTimeout(flush, windowStart + windowMs - now).unref();
  };
  doc.on('update', gather);
  return {
    stop() {
      flush();
      doc.off('update', gather);
    },
  };
}
