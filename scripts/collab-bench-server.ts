// The collaboration server alone, in its own process, for `npm run bench:collab` (so its memory is its own).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../db';
import { createCollabServer } from '../server/collab/collab-server';

const handle = openDatabase({ url: process.env.BENCH_COLLAB_DB_URL! });
const collab = createCollabServer({ db: handle.db, secret: process.env.BENCH_COLLAB_SECRET! });
const server = createServer((_req, res) => res.end());
server.on('upgrade', (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) socket.destroy();
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', async (message: string) => {
  if (message === 'memory') process.send!({ memory: process.memoryUsage() });
  if (message === 'stop') {
    await collab.close();
    server.close();
    await handle.close();
    process.exit(0);
  }
});
