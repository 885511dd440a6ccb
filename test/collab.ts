import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Database, Queryable } from '../db';
import { createCollabServer, type CollabBackend, type CollabServer, type CollabServerSettings } from '../server/collab/collab-server';
import { draftValue, ROW_FIELD, setDraftValue, type RowField } from '../server/collab/draft-keys';
import { issueCollabToken } from '../server/services/collab/collab-token';
import { demoViewer } from './viewers';

export const TEST_SECRET = 'collab-test-secret';

/** A collaboration server on the database, on a free port, as server/main.ts runs it; `stop` may be called more than once. */
export function startCollab(db: Database, options: Partial<CollabServerSettings> = {}) {
  return startCollabServer({ ...options, db });
}

/** A collaboration server with these options (defaults: the test secret, short store delays) on a free port. */
export async function startCollabServer(
  options: Partial<CollabServerSettings> & CollabBackend,
): Promise<{ url: string; collab: CollabServer; stop: () => Promise<void> }> {
  const collab = createCollabServer({ secret: TEST_SECRET, persistDelayMs: 50, persistMaxWaitMs: 200, ...options });
  const server: Server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    collab,
    stop: () =>
      (stopped ??= (async () => {
        await collab.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })()),
  };
}

/** A collaboration token for the seeded demo user with this email; `now` back-dates (or forward-dates) it. */
export async function collabTokenFor(db: Queryable, email: string, ppaId: string, now?: number): Promise<string> {
  return (await issueCollabToken({ db, viewer: await demoViewer(db, email), ppaId, secret: TEST_SECRET, now })).token;
}

/** Changes one field of one row of the shared draft, as the allocation form does. */
export const setRow = (doc: Y.Doc, workItemId: string, key: RowField, value: string) => setDraftValue(doc, workItemId, key, value);
export const setAmount = (doc: Y.Doc, workItemId: string, centavos: string) => setRow(doc, workItemId, ROW_FIELD.amount, centavos);
export const amountIn = (doc: Y.Doc, workItemId: string) => draftValue(doc, workItemId, ROW_FIELD.amount);
export const noteIn = (doc: Y.Doc, workItemId: string) => draftValue(doc, workItemId, ROW_FIELD.note);

/** The y-websocket message a client sends for a local change: sync "update" carrying `update`. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** One client-to-server websocket frame (binary, final, masked as RFC 6455 requires of clients). */
export function maskedBinaryFrame(payload: Uint8Array): Buffer {
  const mask = randomBytes(4);
  let header: Buffer;
  if (payload.length < 126) header = Buffer.from([0x82, 0x80 | payload.length]);
  else if (payload.length < 65_536) header = Buffer.from([0x82, 0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  else {
    header = Buffer.from([0x82, 0x80 | 127, 0, 0, 0, 0, 0, 0, 0, 0]);
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([header, mask, Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!))]);
}

/**
 * A bare TCP client that sends the HTTP upgrade request and a first websocket message in ONE write, as a
 * client racing the server's checks would. Resolves with the HTTP status of the answer (101 if upgraded).
 */
export function upgradeWithMessage(url: string, message: Uint8Array): Promise<{ status: number; socket: Socket }> {
  const target = new URL(url);
  const request =
    `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      socket.write(Buffer.concat([Buffer.from(request, 'latin1'), maskedBinaryFrame(message)]));
    });
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const statusLine = /^HTTP\/1\.1 (\d{3})/.exec(received);
      if (statusLine) resolve({ status: Number(statusLine[1]), socket });
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: 0, socket }));
  });
}

/** A real y-websocket client on the PPA's document (a new one, or `doc` reconnecting elsewhere); resolves once it has synced. */
export async function connectClient(url: string, ppaId: string, token: string, doc = new Y.Doc()) {
  const provider = new WebsocketProvider(url, ppaId, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the client did not sync')), 5000);
    provider.on('sync', (synced: boolean) => {
      if (synced) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return { doc, provider, close: () => provider.destroy() };
}

/** The next time the server closes this client's connection: the close code and reason it gave. */
export function nextClose(provider: WebsocketProvider): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      provider.off('connection-close', onClose);
      resolve({ code: event.code, reason: event.reason });
    };
    provider.on('connection-close', onClose);
  });
}

/** Tries a raw websocket connection and reports the HTTP status it was refused with (or 101). */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => undefined);
  });
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
