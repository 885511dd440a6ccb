// The app's one process: Next.js pages and API, the allocation form's websocket (same port, /collab/…)
// and the in-process background jobs, all sharing one database. `npm run dev` and `npm start` both run this file.
import './require-node';
import path from 'node:path';
import next from 'next';
import { databaseTargetFromEnv, getDatabase } from '../db';
import { acquireDataDirLockOrExit } from '../db/data-dir-lock';
import { inngest, inngestConfigured } from '../inngest/client';
import { applyEmbeddedDefaults, shouldSeedDemoData } from './bootstrap';
import { redisCollabRelay } from './collab/relay';
import { createCollabServer } from './collab/collab-server';
import { createAppServer } from './http/app-server';
import { getLogger } from './lib/logger';
import { webSecurityConfigFromEnv } from './http/web-security';
import { redisSettingsFromEnv } from './lib/redis-settings';
import { startLocalAutomation } from './services/automation/local-automation';
import { advisoryLockLeadership, soleLeadership } from './services/automation/scheduler-leadership';
import { startOutboxResend } from './services/events/outbox-resend';
import { configureEventSender, publishAfterCommit } from './services/events/publish';
import { prepareDatabaseWhenReachable } from './services/operations/database-startup';
import { environment, isProduction, processEnvironment } from './lib/config';
import { startOperations } from './services/operations/operations-startup';

const log = getLogger();
// The embedded defaults (a generated AUTH_SECRET, DATA_DIR, PORT) are written first, so every later read hears them.
const { port } = applyEmbeddedDefaults(processEnvironment());
const env = environment();
const dev = !isProduction(env);
const hostname = env.HOSTNAME || '0.0.0.0';

const target = databaseTargetFromEnv();
// A second `npm run dev` on the same DATA_DIR is refused in one line (the embedded database is one process's).
const releaseLock = 'dataDir' in target ? acquireDataDirLockOrExit(path.dirname(target.dataDir)) : () => {};
const database = getDatabase();

// Listening comes first: until the database and Next.js are ready every request gets 503, and /api/health
// says how far the start has come (server/http/app-server.ts), so nothing waits on a database that is down.
const appServer = createAppServer({ trustProxy: env.TRUST_PROXY === 'true', webSecurity: webSecurityConfigFromEnv(env) });
await new Promise<void>((resolve) => appServer.server.listen(port, hostname, resolve));
log.info(`Listening on http://localhost:${port}; starting (${dev ? 'development' : 'production'})`);

// Set as each part starts; a signal during the wait for the database finds the later parts not started.
let stopCollab: () => Promise<void> = async () => {};
let stopAutomation: () => Promise<void> | void = () => {};
async function shutdown(signal: string) {
  log.info(`${signal}: shutting down`);
  appServer.server.close();
  await stopCollab().catch((error: unknown) => log.error({ err: error }, 'collab: flushing drafts failed'));
  await stopAutomation();
  await database.close().catch(() => {});
  releaseLock();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const started = Date.now();
const { seeded } = await prepareDatabaseWhenReachable(database, {
  seedIfEmpty: shouldSeedDemoData(env),
  log: (line) => log.warn(line),
  onProgress: (progress) => appServer.setProgress(progress),
});
log.info(`Database ready (${database.driver}${seeded ? ', demo data seeded' : ''}) in ${Date.now() - started} ms`);
// Slow statements and requests recorded and alerted; queue gauges for /api/metrics (docs/operations.md).
startOperations(database);

// Background jobs: on Inngest when it is configured (it calls /api/inngest), otherwise in this process.
if (inngestConfigured()) {
  configureEventSender(async (events) => {
    await inngest.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data })));
  });
  stopAutomation = startOutboxResend(database.db);
  log.info('Background jobs: Inngest (functions served at /api/inngest)');
} else {
  // On PostgreSQL several instances may share the database: only the leader runs a job that falls due.
  const leadership = 'url' in target ? advisoryLockLeadership(target.url) : soleLeadership;
  stopAutomation = startLocalAutomation(database.db, { leadership });
  log.info('Background jobs: in-process (no Inngest server configured)');
}
void publishAfterCommit(database.db); // whatever a previous run left in the outbox

// Next.js builds the absolute URLs it gives route handlers (and so next-auth's redirects) from this hostname:
// listening on every interface is no address to send a browser to. secureRequest puts each request's own origin
// in those URLs; the server's fetches of its own pages (a server action's redirect) go over loopback, as with
// `next start`.
const listensEverywhere = hostname === '0.0.0.0' || hostname === '::';
processEnvironment().__NEXT_PRIVATE_ORIGIN ??= `http://${listensEverywhere ? '127.0.0.1' : hostname.includes(':') ? `[${hostname}]` : hostname}:${port}`;
const app = next({ dev, hostname: listensEverywhere ? 'localhost' : hostname, port });
await app.prepare();
const handleRequest = app.getRequestHandler();
const handleUpgrade = app.getUpgradeHandler();

// With REDIS_URL, this instance's co-editing rooms are shared with the other instances' (docs/deploy.md).
const redis = redisSettingsFromEnv(env);
const collab = createCollabServer({ db: database.db, secret: env.AUTH_SECRET!, relay: redis ? redisCollabRelay(redis) : undefined });
if (redis) log.info('Co-editing: shared with the other instances through Redis');
stopCollab = () => collab.close();

appServer.ready({
  handleRequest,
  // The allocation form's websocket (/collab/<ppaId>) first; every other upgrade (dev reload) goes to Next.
  handleUpgrade: (req, socket, head) => {
    if (!collab.handleUpgrade(req, socket, head)) void handleUpgrade(req, socket, head);
  },
});
log.info(`PPA Tracker ready on http://localhost:${port} (${dev ? 'development' : 'production'})`);
