// npm run bench:collab — N simulated editors (10, then 50) on one allocation form, each changing its own
// row every 200 ms for 30 s (BENCH_SECONDS). Reports p50/p95/p99 latency from a change on one client to
// its arrival on every other client, and the collaboration server's memory (it runs in its own process).
// Uses a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local server), dropped afterwards.
import { fork } from 'node:child_process';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { openDatabase } from '../db';
import { ppas } from '../db/schema';
import { seedDemoData } from '../db/seed/seed';
import { findViewerByEmail } from '../server/services/auth/viewers';
import { issueCollabToken } from '../server/services/collab/collab-token';
import { and, eq } from 'drizzle-orm';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const seconds = Number(process.env.BENCH_SECONDS || 30);
const secret = 'bench-collab-secret';
const dbName = `ppa_bench_collab_${Date.now().toString(36)}`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const handle = openDatabase({ url: url.toString() });
await handle.migrate();
await seedDemoData(handle.db);
const viewer = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
// A PPA whose budget is not locked (a locked one drops every write).
const [ppa] = await handle.db.select({ id: ppas.id }).from(ppas).where(and(eq(ppas.title, 'Child and Youth Welfare Program'), eq(ppas.fiscalYear, 2026)));
process.setMaxListeners(200); // each y-websocket provider listens for the process's exit

const server = fork('scripts/collab-bench-server.ts', { execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_COLLAB_DB_URL: url.toString(), BENCH_COLLAB_SECRET: secret } });
const ask = <T>(message: string, key: string) => new Promise<T>((resolve) => server.once('message', (m: Record<string, T>) => resolve(m[key]!)) && message && server.send(message));
const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));

async function run(editors: number) {
  const { token } = await issueCollabToken({ db: handle.db, viewer, ppaId: ppa!.id, secret, now: Date.now() + 10 * 60 * 1000 });
  const clients = await Promise.all(
    Array.from({ length: editors }, async () => {
      const doc = new Y.Doc();
      const provider = new WebsocketProvider(`ws://127.0.0.1:${port}/collab`, ppa!.id, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
      await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
      return { doc, provider };
    }),
  );
  const latencies: number[] = [];
  clients.forEach(({ doc }, me) => {
    doc.getMap<Y.Map<string>>('rows').observeDeep((events) => {
      const now = performance.now();
      for (const event of events) {
        // A row's own change (path = [row]); a row's creation shows up on the parent map and is skipped.
        if (event.path.length !== 1 || event.transaction.local) continue;
        const stamp = (event.target as Y.Map<string>).get('stamp');
        const [sender, sentAt] = (stamp ?? '').split(':');
        if (stamp && Number(sender) !== me) latencies.push(now - Number(sentAt));
      }
    });
  });
  const base = await ask<NodeJS.MemoryUsage>('memory', 'memory');
  const timers = clients.map(({ doc }, me) => {
    const row = `bench-row-${me}`;
    return setInterval(() => {
      doc.transact(() => {
        const rows = doc.getMap<Y.Map<string>>('rows');
        const map = rows.get(row) ?? new Y.Map<string>();
        if (!rows.has(row)) rows.set(row, map);
        map.set('amount', String(Math.floor(Math.random() * 1e9)));
        map.set('stamp', `${me}:${performance.now()}`);
      });
    }, 200);
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  timers.forEach(clearInterval);
  await new Promise((r) => setTimeout(r, 500));
  const peak = await ask<NodeJS.MemoryUsage>('memory', 'memory');
  // A doc's awareness keeps an interval timer until the doc itself is destroyed.
  clients.forEach(({ provider, doc }) => {
    provider.destroy();
    doc.destroy();
  });
  await new Promise((r) => setTimeout(r, 300));
  const expected = editors * (editors - 1) * Math.floor((seconds * 1000) / 200);
  console.log(
    `${String(editors).padStart(2)} editors | p50 ${percentile(latencies, 50).toFixed(2)} ms | p95 ${percentile(latencies, 95).toFixed(2)} ms | p99 ${percentile(latencies, 99).toFixed(2)} ms | ` +
      `${latencies.length} deliveries (≈${expected} expected) | server RSS ${mib(peak.rss)} (heap ${mib(peak.heapUsed)}; before ${mib(base.rss)})`,
  );
}

try {
  console.log(`Live co-editing: each editor changes a row every 200 ms for ${seconds} s; latency = change on one client → arrival on each other client`);
  for (const editors of [10, 50]) await run(editors);
} finally {
  server.send('stop');
  await handle.close();
  await new Promise((r) => setTimeout(r, 500));
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}
// Whatever a client library left scheduled, the benchmark is over once its figures are printed.
process.exit(process.exitCode ?? 0);
