// npm run bench:multi — co-editing latency across instances: 1,000 edits (BENCH_EDITS) from one client, each
// timed until it arrives on another client, one edit in flight at a time. First both clients on the same
// collaboration server (the single-instance figure), then on two servers sharing the draft through Redis
// (REDIS_URL, default the local server), as two app instances behind a load balancer. Each server runs in its
// own process (scripts/collab-bench-server.ts); PostgreSQL is a fresh database (BENCH_DATABASE_URL's server),
// dropped afterwards.
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { draftField, ROW_FIELD, setDraftValue } from '../server/collab/draft-keys';
import { openDatabase } from '../db';
import { ppas } from '../db/schema';
import { seedDemoData } from '../db/seed/seed';
import { findViewerByEmail } from '../server/services/auth/viewers';
import { issueCollabToken } from '../server/services/collab/collab-token';
import { percentile } from './bench-stats';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const edits = Number(process.env.BENCH_EDITS || 1000);
const secret = 'bench-multi-secret';
const dbName = `ppa_bench_multi_${Date.now().toString(36)}`;
const redisPrefix = `ppa-bench-${randomBytes(4).toString('hex')}:`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const handle = openDatabase({ url: url.toString() });
await handle.migrate();
await seedDemoData(handle.db);
const viewer = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
const [ppa] = await handle.db
  .select({ id: ppas.id })
  .from(ppas)
  .where(and(eq(ppas.title, 'Child and Youth Welfare Program'), eq(ppas.fiscalYear, 2026)));

const servers: ChildProcess[] = [];
async function startServer(shared: boolean): Promise<string> {
  const child = fork('scripts/collab-bench-server.ts', {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      BENCH_COLLAB_DB_URL: url.toString(),
      BENCH_COLLAB_SECRET: secret,
      ...(shared ? { BENCH_COLLAB_REDIS_URL: redisUrl, BENCH_COLLAB_REDIS_PREFIX: redisPrefix } : {}),
    },
  });
  servers.push(child);
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return `ws://127.0.0.1:${port}/collab`;
}

async function client(serverUrl: string) {
  const { token } = await issueCollabToken({ db: handle.db, viewer, ppaId: ppa!.id, secret, now: Date.now() + 10 * 60 * 1000 });
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, ppa!.id, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
  await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
  return { doc, provider };
}

/** `edits` changes on `from`, each timed until `to` has it; the next one only after. */
async function measure(label: string, fromUrl: string, toUrl: string) {
  const from = await client(fromUrl);
  const to = await client(toUrl);
  const latencies: number[] = [];
  let waiting: { value: string; sentAt: number; done: () => void } | null = null;
  draftField(to.doc, ROW_FIELD.amount).observe(() => {
    if (waiting && draftField(to.doc, ROW_FIELD.amount).get('bench-row') === waiting.value) {
      latencies.push(performance.now() - waiting.sentAt);
      waiting.done();
      waiting = null;
    }
  });
  for (let i = 0; i < edits; i++) {
    const value = `${label}-${i}`;
    await new Promise<void>((done) => {
      waiting = { value, sentAt: performance.now(), done };
      setDraftValue(from.doc, 'bench-row', ROW_FIELD.amount, value);
    });
  }
  for (const c of [from, to]) {
    c.provider.destroy();
    c.doc.destroy();
  }
  console.log(
    `${label.padEnd(15)} | p50 ${percentile(latencies, 50).toFixed(2)} ms | p95 ${percentile(latencies, 95).toFixed(2)} ms | p99 ${percentile(latencies, 99).toFixed(2)} ms | ${latencies.length} edits`,
  );
  await new Promise((r) => setTimeout(r, 300));
}

try {
  console.log(`Co-editing latency: ${edits} edits, one at a time, from a change on one client to its arrival on another`);
  const first = await startServer(true);
  const second = await startServer(true);
  await measure('single instance', first, first);
  await measure('cross-instance', first, second);
} finally {
  for (const server of servers) server.send('stop');
  await handle.close();
  await new Promise((r) => setTimeout(r, 500));
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
// Whatever a client library left scheduled, the benchmark is over once its figures are printed.
process.exit(process.exitCode ?? 0);
