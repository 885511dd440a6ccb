// The collaboration server alone, in its own process: for `npm run bench:collab` (so its memory is its own),
// and, with BENCH_COLLAB_REDIS_URL, as one instance of several sharing co-editing through Redis
// (`npm run bench:multi`, server/collab/collab-relay.integration.test.ts). With BENCH_COLLAB_BARE=true it is a
// bare y-websocket server instead, the floor `npm run bench:collab` measures the app's server against.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import { openDatabase } from '../db';
import { redisCollabRelay } from '../server/collab/relay';
import { createCollabServer } from '../server/collab/collab-server';
import { processSignals, type CollabNotice } from '../server/services/effects/signals';

const handle = openDatabase({ url: process.env.BENCH_COLLAB_DB_URL! });
const redisUrl = process.env.BENCH_COLLAB_REDIS_URL;
const relay = redisUrl ? redisCollabRelay({ url: redisUrl, prefix: process.env.BENCH_COLLAB_REDIS_PREFIX || 'ppa:' }) : undefined;
// BENCH_COLLAB_BARE=true: y-websocket's own server instead, with no checks and nothing stored (the floor).
const bare = process.env.BENCH_COLLAB_BARE === 'true';
const bareServer = bare ? new WebSocketServer({ noServer: true }) : null;
bareServer?.on('connection', (ws, req) => setupWSConnection(ws, req));
const collab = bare
  ? { handleUpgrade: () => false, close: async () => {} }
  : createCollabServer({
      db: handle.db,
      secret: process.env.BENCH_COLLAB_SECRET!,
      relay,
      ...(process.env.BENCH_COLLAB_PERSIST_MS
        ? { persistDelayMs: Number(process.env.BENCH_COLLAB_PERSIST_MS), persistMaxWaitMs: Number(process.env.BENCH_COLLAB_PERSIST_MS) * 4 }
        : {}),
    });
const server = createServer((_req, res) => res.end());
server.on('upgrade', (req, socket, head) => {
  if (bareServer) bareServer.handleUpgrade(req, socket, head, (ws) => bareServer.emit('connection', ws, req));
  else if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', async (message: string | { notice: CollabNotice }) => {
  if (message === 'memory') process.send!({ memory: process.memoryUsage() });
  // As the budget services of this instance would announce a save or a lock.
  if (typeof message === 'object' && 'notice' in message) {
    processSignals().notifyCollab(message.notice);
    process.send!({ noticed: true });
  }
  if (message === 'stop') {
    await collab.close();
    server.close();
    await handle.close();
    process.exit(0);
  }
});
