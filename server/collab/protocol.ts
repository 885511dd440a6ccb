import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as decoding from 'lib0/decoding';
import type { RawData, WebSocket } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

/**
 * The y-websocket wire protocol as the collaboration server reads it: what a client's message is (a write,
 * presence, or neither) before y-websocket sees it, and the refusal of an upgrade before any websocket exists.
 */

export type ClientMessage = { kind: 'write'; update: Uint8Array } | { kind: 'presence'; update: Uint8Array } | { kind: 'other' } | { kind: 'unreadable' };

/** A sync step 2 or update from a client is a write; awareness is presence; step 1 (a request) and the rest are neither. */
export function readClientMessage(message: Uint8Array): ClientMessage {
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

export function bytesOf(data: RawData): Uint8Array {
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
export function setupCheckedConnection(ws: WebSocket, req: IncomingMessage, docName: string, accept: (data: RawData) => boolean) {
  const earlier = new Set(ws.listeners('message'));
  setupWSConnection(ws, req, { docName });
  const handlers = ws.listeners('message').filter((listener) => !earlier.has(listener)) as ((data: RawData, isBinary: boolean) => void)[];
  for (const handler of handlers) ws.off('message', handler);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (!accept(data)) return;
    for (const handler of handlers) handler.call(ws, data, isBinary);
  });
}

/** Answers an upgrade with a bare status (401, 403, 503) and closes the socket once it is sent. */
export function refuseUpgrade(socket: Duplex, status: string) {
  if (socket.destroyed) return;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
