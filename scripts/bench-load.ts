// npm run bench:load — the app under concurrent load, as production runs it: `npm start`'s command on a build
// (NEXT_DIST_DIR, default .next) and PostgreSQL. 20, then 200 connections (BENCH_CONNECTIONS) for 30 s each
// (BENCH_SECONDS), each sending its next request as soon as the last one answered: 35% the PPA list, 35% the
// Livelihood Training allocation tree, 20% expenditures of ₱1.00 recorded on one of its tasks, 10% the portfolio, over the REST
// API with a planner's token. Clients are plain fetch, spread over worker processes (BENCH_WORKERS). In the same
// run two floors are sampled every 50 ms from this process: GET /api/health (routing, one pool connection, a
// tiny query) and a 401 that touches no database (routing and the event loop alone).
// Prints reads and writes apart (p50 / p95 / p99), requests per second, non-2xx answers, the server's RSS,
// what PostgreSQL's connections were doing (pg_stat_activity, sampled), and checks afterwards that every
// acknowledged write is stored.
// The database is a fresh one on BENCH_DATABASE_URL's server (default local), seeded, dropped afterwards. With
// BENCH_INSTANCES=2 two servers share it (one process per core, as several instances would be) and the
// connections are spread over both. BENCH_LOAD_URL points at a running server instead; then BENCH_LOAD_DB_URL
// must be its database (demo data), where the token is made and the writes counted.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { percentile } from './bench-stats';

type Kind = 'list' | 'tree' | 'write' | 'portfolio';
interface Job {
  baseUrls: string[];
  token: string;
  ppaId: string;
  taskIds: string[];
  connections: number;
  seconds: number;
  tag: string;
  /** Shares of list, tree, write and portfolio requests, in percent. */
  mix: [number, number, number, number];
}
interface WorkerResult {
  /** How long its connections ran, s. */
  ran: number;
  /** Its own event loop's delay, ms (p50, max): a busy client adds it to every latency it measures. */
  loopDelay: [number, number];
  samples: Record<Kind, number[]>;
  statuses: Record<string, number>;
  acknowledgedWrites: number;
}

const seconds = Number(process.env.BENCH_SECONDS || 30);

const triple = (samples: number[]) => [50, 95, 99].map((p) => percentile(samples, p).toFixed(1)).join(' / ') + ' ms';
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

// ——— a worker process: `connections` closed loops until the time is up ———
if (process.argv[2] === 'worker') {
  process.send!({ ready: true });
  process.once('message', async (job: Job) => {
    const samples: Record<Kind, number[]> = { list: [], tree: [], write: [], portfolio: [] };
    const statuses: Record<string, number> = {};
    let acknowledgedWrites = 0;
    let sequence = 0;
    const headers = { authorization: `Bearer ${job.token}` };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const started = performance.now();
    const deadline = started + job.seconds * 1000;
    await Promise.all(
      Array.from({ length: job.connections }, async (_, connection) => {
        const base = job.baseUrls[connection % job.baseUrls.length]!;
        while (performance.now() < deadline) {
          const draw = Math.random() * 100;
          const [list, tree, write] = job.mix;
          const kind: Kind = draw < list ? 'list' : draw < list + tree ? 'tree' : draw < list + tree + write ? 'write' : 'portfolio';
          const request: [string, RequestInit] =
            kind === 'list'
              ? [`${base}/api/v1/ppas`, { headers }]
              : kind === 'portfolio'
                ? [`${base}/api/v1/portfolio?fiscalYear=2026`, { headers }]
                : kind === 'tree'
                  ? [`${base}/api/v1/ppas/${job.ppaId}/budget-allocation-tree`, { headers }]
                  : [
                      `${base}/api/v1/work-items/${job.taskIds[sequence % job.taskIds.length]}/expenditures`,
                      {
                        method: 'POST',
                        headers: { ...headers, 'content-type': 'application/json' },
                        body: JSON.stringify({ amount: '1.00', date: '2026-06-01', description: `${job.tag} ${process.pid}-${sequence++}` }),
                      },
                    ];
          const start = performance.now();
          let status: string;
          try {
            const res = await fetch(request[0], { ...request[1], signal: AbortSignal.timeout(60_000) });
            await res.arrayBuffer();
            status = String(res.status);
          } catch (error) {
            status = (error as Error).name;
          }
          samples[kind].push(performance.now() - start);
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (kind === 'write' && status.startsWith('2')) acknowledgedWrites++;
        }
      }),
    );
    const ran = (performance.now() - started) / 1000;
    loop.disable();
    const loopDelay: [number, number] = [loop.percentile(50) / 1e6, loop.max / 1e6];
    process.send!({ ran, loopDelay, samples, statuses, acknowledgedWrites } satisfies WorkerResult, undefined, {}, () => process.exit(0));
  });
} else {
  await main();
}

async function main() {
  const { openDatabase } = await import('../db');
  const { ppas, workItems } = await import('../db/schema');
  const { seedDemoData } = await import('../db/seed/seed');
  const { createApiToken } = await import('../server/services/api-tokens/api-tokens');
  const { findViewerByEmail } = await import('../server/services/auth/viewers');
  const { recordExpenditure } = await import('../server/services/expenditures/record-expenditure');
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const connectionCounts = (process.env.BENCH_CONNECTIONS || '20,200').split(',').map(Number);
  const workerCount = Number(process.env.BENCH_WORKERS || 3);
  const instances = Number(process.env.BENCH_INSTANCES || 1);
  const external = process.env.BENCH_LOAD_URL;
  // BENCH_MIX=list,tree,write,portfolio in percent (default 35,35,20,10); e.g. 50,50,0,0 for the list and tree
  // alone, 0,0,100,0 for writes alone. The portfolio is the MSSD planner's dashboard for FY 2026.
  const mix = [...(process.env.BENCH_MIX || '35,35,20,10').split(',').map(Number), 0, 0, 0, 0].slice(0, 4) as [number, number, number, number];
  const dbName = `ppa_bench_load_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  let dbUrl = process.env.BENCH_LOAD_DB_URL;
  if (!external) {
    await admin.unsafe(`create database "${dbName}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    dbUrl = url.toString();
  }
  if (!dbUrl) throw new Error('With BENCH_LOAD_URL, set BENCH_LOAD_DB_URL to that server’s database.');
  const handle = openDatabase({ url: dbUrl });
  const servers: ChildProcess[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ppa-bench-load-'));
  const probe = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    if (!external) {
      console.log(`Seeding ${dbName}…`);
      await handle.migrate();
      await seedDemoData(handle.db);
    }
    const viewer = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
    const { token } = await createApiToken({ db: handle.db, viewer, name: 'bench-load' });
    const [ppa] = await handle.db
      .select({ id: ppas.id })
      .from(ppas)
      .where(and(eq(ppas.title, 'Livelihood Training for OBC Women'), eq(ppas.fiscalYear, 2026)));
    const tasks = await handle.db
      .select({ id: workItems.id })
      .from(workItems)
      .where(and(eq(workItems.ppaId, ppa!.id), eq(workItems.workType, 'task')));
    // A disbursement pays an obligation on its item (docs/domain-rules.md, "Ledger"): each task gets a contract
    // large enough for every ₱1.00 payment of the run.
    for (const task of tasks) {
      await recordExpenditure({
        db: handle.db,
        viewer,
        input: { id: task.id, kind: 'obligation', amount: '10000000.00', date: '2026-06-01', description: 'bench-load contract', referenceNo: 'ORS-BENCH' },
      });
    }

    const baseUrls = external ? [external.replace(/\/+$/, '')] : [];
    if (!external) {
      const distDir = process.env.NEXT_DIST_DIR || '.next';
      for (let i = 0; i < instances; i++) {
        const port = Number(process.env.BENCH_LOAD_PORT || 3290) + i;
        // `npm start`'s command, run directly so that the pid measured is the server's own.
        const {
          DATABASE_URL: _d,
          REDIS_URL: _r,
          INNGEST_EVENT_KEY: _e,
          INNGEST_SIGNING_KEY: _s,
          INNGEST_BASE_URL: _b,
          INNGEST_DEV: _v,
          ...inherited
        } = process.env;
        // BENCH_SERVER_FLAGS: more Node flags for the server, e.g. --cpu-prof --cpu-prof-dir=/tmp/profiles.
        const flags = (process.env.BENCH_SERVER_FLAGS || '').split(' ').filter(Boolean);
        const child = spawn(process.execPath, ['--max-semi-space-size=64', ...flags, '--import', 'tsx', 'server/main.ts'], {
          env: {
            ...inherited,
            NODE_ENV: 'production',
            NODE_OPTIONS: '',
            NEXT_DIST_DIR: distDir,
            PORT: String(port),
            HOSTNAME: '127.0.0.1',
            DATABASE_URL: dbUrl,
            DATA_DIR: dataDir,
            SEED_DEMO_DATA: 'false',
            AUTH_SECRET: randomBytes(32).toString('base64url'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let log = '';
        const keep = (d: Buffer) => (log = (log + d.toString()).slice(-4000)); // the tail, for a server that dies
        child.stdout!.on('data', keep);
        child.stderr!.on('data', keep);
        child.on('exit', (code) => code && code !== 0 && console.error(`server on :${port} exited with ${code}\n${log.slice(-2000)}`));
        servers.push(child);
        baseUrls.push(`http://127.0.0.1:${port}`);
      }
      for (const base of baseUrls) await waitForHealth(base);
      console.log(
        `${instances} server process${instances > 1 ? 'es' : ''} (${distDir}, production) on PostgreSQL; ${workerCount} client worker processes; ${seconds} s per run; mix ${mix.join('/')} % list/tree/write/portfolio`,
      );
    }
    const rssOf = (child: ChildProcess) => {
      try {
        return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN);
      } catch {
        return NaN;
      }
    };
    /** CPU seconds the process has used (all its threads: zlib's and the rest), from /proc. */
    const cpuOf = (child: ChildProcess) => {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 10 ms
      } catch {
        return NaN;
      }
    };
    // Warm up: every route compiled and cached, the pool opened.
    for (const base of baseUrls) {
      for (let i = 0; i < 20; i++) {
        await fetch(`${base}/api/v1/ppas`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
        await fetch(`${base}/api/v1/ppas/${ppa!.id}/budget-allocation-tree`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.arrayBuffer());
      }
    }

    for (const connections of connectionCounts) {
      const tag = `bench-load ${randomBytes(4).toString('hex')}`;
      const rssBefore = servers.map(rssOf);
      const cpuBefore = servers.map(cpuOf);
      let rssPeak = rssBefore.map((r) => r);
      const health: number[] = [];
      const noDatabase: number[] = [];
      const activity = { samples: 0, active: 0, idleInTransaction: 0, lockWaits: 0, maxLockWaits: 0, maxConnections: 0, maxOutbox: 0 };
      const runStartedAt = new Date();
      // The workers start (and load their code) before the clock does.
      const workers = Array.from({ length: workerCount }, () =>
        fork(path.join('scripts', 'bench-load.ts'), ['worker'], { execArgv: ['--import', 'tsx'], env: { ...process.env, NODE_OPTIONS: '' } }),
      );
      await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
      let running = true;
      // The floors and the sampling, from this process while the workers load the server.
      const floors = (async () => {
        for (let i = 0; running; i++) {
          const base = baseUrls[i % baseUrls.length]!;
          let start = performance.now();
          await fetch(`${base}/api/health`).then((r) => r.arrayBuffer());
          health.push(performance.now() - start);
          start = performance.now();
          await fetch(`${base}/api/v1/moas`).then((r) => r.arrayBuffer());
          noDatabase.push(performance.now() - start);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const sampling = (async () => {
        while (running) {
          const rows = await probe<{ state: string | null; wait: string | null; n: number }[]>`
            select state, wait_event_type as wait, count(*)::int as n from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend' group by 1, 2`;
          const [outbox] = await probe<{ n: number }[]>`select count(*)::int as n from event_outbox where sent_at is null`;
          const count = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).reduce((s, r) => s + r.n, 0);
          const lockWaits = count((r) => r.wait === 'Lock');
          activity.samples++;
          activity.active += count((r) => r.state === 'active');
          activity.idleInTransaction += count((r) => r.state === 'idle in transaction');
          activity.lockWaits += lockWaits;
          activity.maxLockWaits = Math.max(activity.maxLockWaits, lockWaits);
          activity.maxConnections = Math.max(
            activity.maxConnections,
            count(() => true),
          );
          activity.maxOutbox = Math.max(activity.maxOutbox, outbox!.n);
          rssPeak = servers.map((s, i) => Math.max(rssPeak[i]!, rssOf(s)));
          await new Promise((r) => setTimeout(r, 250));
        }
      })();

      const results = await Promise.all(
        workers.map((worker, w) => {
          const share = Math.floor(connections / workerCount) + (w < connections % workerCount ? 1 : 0);
          worker.send({ baseUrls, token, ppaId: ppa!.id, taskIds: tasks.map((t) => t.id), connections: share, seconds, tag, mix } satisfies Job);
          return new Promise<WorkerResult>((resolve) => worker.once('message', (m: WorkerResult) => resolve(m)));
        }),
      );
      // Until the last connection's last answer: a slow answer at the end lengthens the run.
      const elapsed = Math.max(...results.map((r) => r.ran));
      const cpuUsed = servers.reduce((sum, s, i) => sum + cpuOf(s) - cpuBefore[i]!, 0);
      running = false;
      await Promise.all([floors, sampling]);

      const all = (kind: Kind) => results.flatMap((r) => r.samples[kind]);
      const reads = [...all('list'), ...all('tree'), ...all('portfolio')];
      const writes = all('write');
      const statuses: Record<string, number> = {};
      for (const r of results) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
      const total = Object.values(statuses).reduce((s, n) => s + n, 0);
      const failed = Object.entries(statuses)
        .filter(([s]) => !s.startsWith('2'))
        .map(([s, n]) => `${n}× ${s}`);
      const acknowledged = results.reduce((s, r) => s + r.acknowledgedWrites, 0);
      const [stored] = await probe<{ n: number }[]>`select count(*)::int as n from expenditure_entries where description like ${`${tag} %`}`;
      // How long a write's event waited in the outbox after its commit (the write's answer waits for it).
      const [outboxLag] = await probe<{ n: number; p50: number | null; p95: number | null }[]>`
        select count(*)::int as n,
          percentile_cont(0.5) within group (order by extract(epoch from sent_at - created_at) * 1000) as p50,
          percentile_cont(0.95) within group (order by extract(epoch from sent_at - created_at) * 1000) as p95
        from event_outbox where name = 'expenditure/recorded' and created_at >= ${runStartedAt} and sent_at is not null`;
      const n = activity.samples || 1;
      console.log(
        `\n${connections} connections, ${elapsed.toFixed(1)} s: ${total} requests, ${(total / elapsed).toFixed(0)} req/s (reads ${(reads.length / elapsed).toFixed(0)}/s, writes ${(writes.length / elapsed).toFixed(0)}/s); non-2xx: ${failed.length ? failed.join(', ') : 0}`,
      );
      console.log(
        `  reads  p50 / p95 / p99  ${triple(reads)}   (list ${triple(all('list'))}; tree ${triple(all('tree'))}; portfolio ${triple(all('portfolio'))})`,
      );
      console.log(`  writes p50 / p95 / p99  ${triple(writes)}`);
      console.log(`  floor: /api/health ${triple(health)}; a 401 without database work ${triple(noDatabase)} (${health.length} samples each)`);
      console.log(
        `  server CPU: ${cpuUsed.toFixed(1)} s in ${elapsed.toFixed(0)} s, ${((cpuUsed * 1000) / total).toFixed(1)} ms per request (the floors' requests included)`,
      );
      console.log(`  server RSS: ${rssPeak.map((r, i) => `${mib(r)} peak (${mib(rssBefore[i]!)} before)`).join('; ') || 'not measured (external server)'}`);
      console.log(
        `  PostgreSQL (sampled every 250 ms): ${(activity.active / n).toFixed(1)} statements running, ${(activity.idleInTransaction / n).toFixed(1)} transactions waiting for the app, ` +
          `${(activity.lockWaits / n).toFixed(1)} waiting for a lock (max ${activity.maxLockWaits}), up to ${activity.maxConnections} connections; outbox backlog up to ${activity.maxOutbox}`,
      );
      console.log(
        `  outbox: ${outboxLag!.n} spending events sent; commit → sent p50 ${Number(outboxLag!.p50 ?? NaN).toFixed(0)} ms, p95 ${Number(outboxLag!.p95 ?? NaN).toFixed(0)} ms`,
      );
      console.log(
        `  client processes' event-loop delay: ${results.map((r) => `${r.loopDelay[0].toFixed(0)} ms p50 / ${r.loopDelay[1].toFixed(0)} ms max`).join('; ')}`,
      );
      console.log(
        `  writes acknowledged ${acknowledged}, stored ${stored!.n}: ${stored!.n === acknowledged ? 'every acknowledged write is stored' : stored!.n > acknowledged ? `${stored!.n - acknowledged} stored without an answer in time` : `${acknowledged - stored!.n} LOST`}`,
      );
    }
  } finally {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((s) => new Promise((r) => (s.exitCode !== null ? r(null) : s.once('exit', r)))));
    await probe.end();
    await handle.close();
    if (!external) await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function waitForHealth(base: string) {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base} did not become healthy within 2 minutes`);
}
