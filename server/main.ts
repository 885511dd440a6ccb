// The app's one process: Next.js pages and API, the allocation form's websocket (same port, /collab/…)
// and the in-process background jobs, all sharing one database. `npm run dev` and `npm start` both run this file.
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { databaseTargetFromEnv, getDatabase } from '../db';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { prepareDatabase } from '../db/prepare';
import { inngest, inngestConfigured } from '../inngest/client';
import { applyEmbeddedDefaults } from './bootstrap';
import { createCollabServer } from './collab/collab-server';
import { startLocalAutomation } from './services/automation/local-automation';
import { configureEventSender, publishAfterCommit } from './services/events/publish';

const dev = process.env.NODE_ENV !== 'production';
const { port } = applyEmbeddedDefaults(process.env);
const hostname = process.env.HOSTNAME || '0.0.0.0';

const target = databaseTargetFromEnv();
const releaseLock = 'dataDir' in target ? acquireDataDirLock(path.dirname(target.dataDir)) : () => {};
const database = getDatabase();
const started = Date.now();
const { seeded } = await prepareDatabase(database, { seedIfEmpty: process.env.SEED_DEMO_DATA !== 'false' });
console.log(`Database ready (${database.driver}${seeded ? ', demo data seeded' : ''}) in ${Date.now() - started} ms`);

// Background jobs: on Inngest when it is configured (it calls /api/inngest), otherwise in this process.
let stopAutomation: () => Promise<void> | void = () => {};
if (inngestConfigured()) {
  configureEventSender(async (events) => {
    await inngest.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data })));
  });
  const retry = setInterval(() => void publishAfterCommit(database.db), 60_000);
  stopAutomation = () => clearInterval(retry);
  console.log('Background jobs: Inngest (functions served at /api/inngest)');
} else {
  stopAutomation = startLocalAutomation(database.db);
  console.log('Background jobs: in-process (no Inngest server configured)');
}
void publishAfterCommit(database.db); // whatever a previous run left in the outbox

const app = next({ dev, hostname, port });
await app.prepare();
const handleRequest = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();

const collab = createCollabServer({ db: database.db, secret: process.env.AUTH_SECRET! });

const server = createServer((req, res) => {
  handleRequest(req, res).catch((error: unknown) => {
    console.error(error);
    res.statusCode = 500;
    res.end('Internal error');
  });
});
// The allocation form's websocket (/collab/<ppaId>) first; every other upgrade (dev reload) goes to Next.
server.on('upgrade', (req, socket, head) => {
  if (!collab.handleUpgrade(req, socket, head)) void handleUpgrade(req, socket, head);
});

server.listen(port, hostname, () => {
  console.log(`PPA Tracker ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);
});

async function shutdown(signal: string) {
  console.log(`${signal}: shutting down`);
  server.close();
  await collab.close().catch((error: unknown) => console.error('collab: flushing drafts failed', error));
  await stopAutomation();
  await database.close().catch(() => {});
  releaseLock();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
