import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { getLogger } from '../lib/logger';
import type { RedisSettings } from '../lib/redis-settings';
import type { CollabNotice } from '../services/effects/signals';
import type { Room } from './room';

/**
 * What one app instance tells the others about a document it has open (docs/deploy.md):
 * - `update`: a Yjs update made here (by a client of this instance, or by the server itself);
 * - `awareness`: presence changes of this instance's clients (y-protocols awareness update);
 * - `query`: "here is my state vector, publish what I lack" (a room that just opened, or an instance back on
 *   Redis after losing it). `reply` asks the answering instances to query back, so the exchange goes both ways.
 */
export type RelayMessage =
  { kind: 'update'; update: Uint8Array } | { kind: 'awareness'; update: Uint8Array } | { kind: 'query'; stateVector: Uint8Array; reply: boolean };

/**
 * The collaboration server's link to the other instances of the deployment. Each message is tagged with the
 * sending instance's id and never handed back to that instance, so nothing it hears is published again.
 */
export interface CollabRelay {
  readonly instanceId: string;
  /** Hears the other instances' messages about this document until `leave`; settles once Redis is listening. */
  join(docName: string, listener: (message: RelayMessage) => void): Promise<void>;
  leave(docName: string): void;
  publish(docName: string, message: RelayMessage): void;
  /** Drafts saved, budgets locked and users' access changed, as the services on another instance announced them. */
  onNotice(listener: (notice: CollabNotice) => void): void;
  publishNotice(notice: CollabNotice): void;
  /** Redis came back after a lost connection: whatever was published meanwhile was missed. */
  onReconnect(listener: () => void): void;
  close(): Promise<void>;
}

const KIND = { update: 0, awareness: 1, query: 2 } as const;

export function encodeRelayMessage(instanceId: string, message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, instanceId);
  encoding.writeVarUint(encoder, KIND[message.kind]);
  if (message.kind === 'query') {
    encoding.writeVarUint8Array(encoder, message.stateVector);
    encoding.writeVarUint(encoder, message.reply ? 1 : 0);
  } else {
    encoding.writeVarUint8Array(encoder, message.update);
  }
  return encoding.toUint8Array(encoder);
}

/** The sender and the message, or null for anything that is not one of ours (logged by the caller). */
export function decodeRelayMessage(bytes: Uint8Array): { from: string; message: RelayMessage } | null {
  try {
    const decoder = decoding.createDecoder(bytes);
    const from = decoding.readVarString(decoder);
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    // lib0 slices the underlying buffer without checking the message's own end.
    if (decoder.pos > bytes.byteLength) return null;
    if (kind === KIND.update) return { from, message: { kind: 'update', update: payload } };
    if (kind === KIND.awareness) return { from, message: { kind: 'awareness', update: payload } };
    if (kind === KIND.query) return { from, message: { kind: 'query', stateVector: payload, reply: decoding.readVarUint(decoder) === 1 } };
    return null;
  } catch {
    return null;
  }
}

function isNotice(value: unknown): value is CollabNotice {
  if (typeof value !== 'object' || value === null) return false;
  const notice = value as Record<string, unknown>;
  if (notice.type === 'access') return typeof notice.userId === 'string' && typeof notice.deactivated === 'boolean';
  if (typeof notice.ppaId !== 'string') return false;
  if (notice.type === 'lock') return typeof notice.locked === 'boolean';
  return notice.type === 'saved' && typeof notice.savedBy === 'string' && typeof notice.savedAt === 'string';
}

/** How long opening a room waits for Redis before going on without the other instances (logged). */
const JOIN_TIMEOUT_MS = 3000;

/**
 * The relay over Redis pub/sub: one channel per open document (`<prefix>collab:doc:<ppaId>`), subscribed only
 * while this instance has the document open, and one for notices (`<prefix>collab:notices`). Two connections:
 * a subscribed one cannot publish.
 */
export function redisCollabRelay(
  settings: RedisSettings,
  options: { log?: (line: string, error?: unknown) => void; joinTimeoutMs?: number } = {},
): CollabRelay {
  const log = options.log ?? ((line: string, error?: unknown) => getLogger().error(error === undefined ? {} : { err: error }, line));
  const instanceId = randomUUID();
  const docChannel = (docName: string) => `${settings.prefix}collab:doc:${docName}`;
  const noticeChannel = `${settings.prefix}collab:notices`;
  const joinTimeoutMs = options.joinTimeoutMs ?? JOIN_TIMEOUT_MS;
  // Named, so an operator (or a test) finds this instance's connections in CLIENT LIST.
  const publisher = new Redis(settings.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectionName: `ppa-collab-pub-${instanceId}` });
  const subscriber = new Redis(settings.url, { enableOfflineQueue: true, autoResubscribe: true, connectionName: `ppa-collab-sub-${instanceId}` });
  for (const [name, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // ioredis reconnects by itself; an unheard error event would crash the process.
    connection.on('error', (error: unknown) => log(`collab relay: Redis ${name} connection: ${String(error)}`));
  }
  const listeners = new Map<string, (message: RelayMessage) => void>();
  const noticeListeners: ((notice: CollabNotice) => void)[] = [];
  const reconnectListeners: (() => void)[] = [];
  let everReady = false;
  let closed = false;

  subscriber.on('ready', () => {
    if (!everReady) return void (everReady = true);
    // ioredis re-subscribes the channels right after emitting 'ready': a subscribe sent after that is answered
    // once they are all in place, and only then are the queries of the reconnect listeners heard.
    setImmediate(() =>
      subscriber.subscribe(noticeChannel).then(
        () => reconnectListeners.forEach((listener) => listener()),
        (error: unknown) => log('collab relay: re-subscribing after a reconnect failed', error),
      ),
    );
  });
  subscriber.on('messageBuffer', (channelBytes: Buffer, payload: Buffer) => {
    const channel = channelBytes.toString();
    if (channel === noticeChannel) {
      let parsed: { from?: unknown; notice?: unknown };
      try {
        parsed = JSON.parse(payload.toString('utf8')) as typeof parsed;
      } catch {
        return log('collab relay: an unreadable notice was ignored');
      }
      if (parsed.from === instanceId) return;
      if (!isNotice(parsed.notice)) return log('collab relay: an unreadable notice was ignored');
      for (const listener of noticeListeners) listener(parsed.notice);
      return;
    }
    const listener = listeners.get(channel);
    if (!listener) return;
    const decoded = decodeRelayMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
    if (!decoded) return log(`collab relay: an unreadable message on ${channel} was ignored`);
    if (decoded.from !== instanceId) listener(decoded.message);
  });
  void subscriber.subscribe(noticeChannel).catch((error: unknown) => log('collab relay: subscribing to notices failed', error));

  const send = (channel: string, payload: Buffer) => {
    if (closed) return;
    publisher.publish(channel, payload).catch((error: unknown) => log(`collab relay: publishing on ${channel} failed`, error));
  };

  return {
    instanceId,
    async join(docName, listener) {
      const channel = docChannel(docName);
      listeners.set(channel, listener);
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), joinTimeoutMs)));
      try {
        const outcome = await Promise.race([subscriber.subscribe(channel), timedOut]);
        // The subscription stays queued: once Redis is back, the reconnect query brings this room up to date.
        if (outcome === 'timeout') log(`collab relay: Redis did not answer; document ${docName} is not shared with other instances until it does`);
      } catch (error) {
        log(`collab relay: subscribing to ${channel} failed`, error);
      } finally {
        clearTimeout(timer);
      }
    },
    leave(docName) {
      const channel = docChannel(docName);
      listeners.delete(channel);
      if (!closed) subscriber.unsubscribe(channel).catch((error: unknown) => log(`collab relay: unsubscribing from ${channel} failed`, error));
    },
    publish(docName, message) {
      send(docChannel(docName), Buffer.from(encodeRelayMessage(instanceId, message)));
    },
    onNotice(listener) {
      noticeListeners.push(listener);
    },
    publishNotice(notice) {
      send(noticeChannel, Buffer.from(JSON.stringify({ from: instanceId, notice })));
    },
    onReconnect(listener) {
      reconnectListeners.push(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      // QUIT lets what is already sent go out; a connection that is not up has nothing to finish.
      const end = (connection: Redis) => (connection.status === 'ready' ? connection.quit().catch(() => connection.disconnect()) : connection.disconnect());
      await Promise.allSettled([end(publisher), end(subscriber)]);
    },
  };
}

/** The origin of changes that came from another instance (or the store): they are not published again. */
export const RELAYED = Symbol('relayed');
/** An update that carries nothing (no structs, no deletions) encodes as two zero bytes. */
const EMPTY_UPDATE_BYTES = 2;

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] };

/**
 * A room's side of the relay, from the moment its stored draft is in: it publishes its own changes (its clients'
 * edits, the server's own, lock and saved, and presence). What came from the relay or the store is not published
 * again (origin RELAYED), so no message goes round in circles. Then it asks the other instances for what they
 * have and it lacks: edits not yet stored, and who is there.
 */
export function shareRoom(room: Room, relay: CollabRelay) {
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

/** A message from the same room on another instance; `stillOpen` says whether this room has not closed meanwhile. */
export function hearRelay(room: Room, relay: CollabRelay, message: RelayMessage, stillOpen: () => boolean) {
  if (!stillOpen()) return;
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
    getLogger().error({ err: error, ppaId: room.ppaId }, `collab: a relayed ${message.kind} could not be applied`);
  }
}
