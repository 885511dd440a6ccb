import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Database } from '../db';
import { createCollabServer, type CollabServer } from '../server/collab/collab-server';

export const TEST_SECRET = 'collab-test-secret';

/** A collaboration server on a free port, as server/main.ts runs it. */
export async function startCollab(db: Database): Promise<{ url: string; collab: CollabServer; stop: () => Promise<void> }> {
  const collab = createCollabServer({ db, secret: TEST_SECRET, persistDelayMs: 50, persistMaxWaitMs: 200 });
  const server: Server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    collab,
    stop: async () => {
      await collab.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real y-websocket client on the PPA's document; resolves once it has synced. */
export async function connectClient(url: string, ppaId: string, token: string) {
  const doc = new Y.Doc();
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
