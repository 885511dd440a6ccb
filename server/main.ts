// The app's one process: Next.js pages and API, the allocation form's websocket (same port, /collab/…)
// and the in-process background jobs, all sharing one database. `npm run dev` and `npm start` both run this file.
import './require-node';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import path from 'node:path';
import next from 'next';
import { databaseTargetFromEnv, getDatabase } from '../db';
import { acquireDataDirLockOrExit } from '../db/data-dir-lock';
import { prepareDatabase } from '../db/prepare';
import { inngest, inngestConfigured } from '../inngest/client';
import { applyEmbeddedDefaults, shouldSeedDemoData } from './bootstrap';
import { redisCollabRelay } from './collab/collab-relay';
import { createCollabServer } from './collab/collab-server';
import { INTERNAL_ERROR_MESSAGE, logUnexpectedError } from './errors';
import { stampRequest } from './http/request-headers';
import { secureRequest, webSecurityConfigFromEnv } from './http/web-security';
import { redisSettingsFromEnv } from './lib/redis-settings';
import { startLocalAutomation } from './services/automation/local-automation';
import { advisoryLockLeadership, soleLeadership } from './services/automation/scheduler-leadership';
import { startOutboxResend } from './services/events/outbox-resend';
import { configureEventSender, publishAfterCommit } from './services/events/publish';

const dev = process.env.NODE_ENV !== 'production';
const { port } = applyEmbeddedDefaults(process.env);
const hostname = process.env.HOSTNAME || '0.0.0.0';

const target = databaseTargetFromEnv();
// A second `npm run dev` on the same DATA_DIR is refused in one line (the embedded database is one process's).
const releaseLock = 'dataDir' in target ? acquireDataDirLockOrExit(path.dirname(target.dataDir)) : () => {};
const database = getDatabase();
const started = Date.now();
const { seeded } = await prepareDatabase(database, { seedIfEmpty: shouldSeedDemoData(process.env) });
console.log(`Database ready (${database.driver}${seeded ? ', demo data seeded' : ''}) in ${Date.now() - started} ms`);

// Background jobs: on Inngest when it is configured (it calls /api/inngest), otherwise in this process.
let stopAutomation: () => Promise<void> | void = () => {};
if (inngestConfigured()) {
  configureEventSender(async (events) => {
    await inngest.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data })));
  });
  stopAutomation = startOutboxResend(database.db);
  console.log('Background jobs: Inngest (functions served at /api/inngest)');
} else {
  // On PostgreSQL several instances may share the database: only the leader runs a job that falls due.
  const leadership = 'url' in target ? advisoryLockLeadership(target.url) : soleLeadership;
  stopAutomation = startLocalAutomation(database.db, { leadership });
  console.log('Background jobs: in-process (no Inngest server configured)');
}
void publishAfterCommit(database.db); // whatever a previous run left in the outbox

// Next.js builds the absolute URLs it gives route handlers (and so next-auth's redirects) from this hostname:
// listening on every interface is no address to send a browser to. secureRequest puts each request's own origin
// in those URLs; the server's fetches of its own pages (a server action's redirect) go over loopback, as with
// `next start`.
const listensEverywhere = hostname === '0.0.0.0' || hostname === '::';
process.env.__NEXT_PRIVATE_ORIGIN ??= `http://${listensEverywhere ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
const app = next({ dev, hostname: listensEverywhere ? 'localhost' : hostname, port });
await app.prepare();
const handleRequest = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();

// With REDIS_URL, this instance's co-editing rooms are shared with the other instances' (docs/deploy.md).
const redis = redisSettingsFromEnv(process.env);
const collab = createCollabServer({ db: database.db, secret: process.env.AUTH_SECRET!, relay: redis ? redisCollabRelay(redis) : undefined });
if (redis) console.log('Co-editing: shared with the other instances through Redis');

const trustProxy = process.env.TRUST_PROXY === 'true';
const webSecurity = webSecurityConfigFromEnv(process.env);
const server = createServer((req, res) => {
  const requestId = stampRequest(req, res, { trustProxy, newId: randomUUID });
  if (!secureRequest(req, res, webSecurity)) return; // security headers; cross-site forgeries answered 403
  handleRequest(req, res).catch((error: unknown) => {
    logUnexpectedError(error, { requestId, where: `${req.method} ${req.url?.split('?')[0]}` });
    if (res.headersSent) return void res.end();
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'INTERNAL_SERVER_ERROR', message: INTERNAL_ERROR_MESSAGE, requestId }));
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
