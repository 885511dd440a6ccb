// npm run bench — builds PPAs with 100, 1,000 and 10,000 work items in PostgreSQL and measures the
// allocation-tree service and the REST endpoint over HTTP beside their floor (the same SQL run with postgres.js
// alone), SQL statements per request, and an equal distribution over 1,000 children. A script, not a test: it
// prints figures, it asserts nothing.
// Uses BENCH_DATABASE_URL (default: a fresh database on postgres://postgres@127.0.0.1:5432), dropped after.
// BENCH_TREE_ONLY=true stops after the tree and the distribution (the portfolio's 5,000 PPAs take minutes to build).
// Runs as production does (NODE_ENV=production, the same Node flags as `npm start`): in development the
// REST adapter re-validates the whole OpenAPI document on every request.
import { Agent, createServer, get } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, type Database } from '../db';
import { expenditureEntries, ppas, workItems } from '../db/schema';
import { seedDemoData } from '../db/seed/seed';
import { distributeEqually } from '../server/domain/distribution';
import { toPesoString } from '../server/domain/money';
import { handleRestRequest } from '../server/http/rest-handler';
import { createApiToken } from '../server/services/api-tokens/api-tokens';
import { findViewerByEmail } from '../server/services/auth/viewers';
import { getAllocationTree } from '../server/services/budget/allocation-tree';
import { distributeBudget } from '../server/services/budget/distribute-budget';
import { benchPortfolio } from './bench-portfolio';
import { percentile, timeRuns } from './bench-stats';

const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const dbName = `ppa_bench_${Date.now().toString(36)}`;

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** Each measurement once per round, in turn, `runs` rounds after a warm-up: a busy machine slows them all alike. */
async function interleaved<K extends string>(runs: number, fns: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const keys = Object.keys(fns) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = -Math.min(5, runs); round < runs; round++) {
    for (const key of keys) {
      const start = performance.now();
      await fns[key]();
      if (round >= 0) samples[key].push(performance.now() - start);
    }
  }
  return samples;
}

/** A PPA whose tree has `size` items: project → √n activities → tasks, budget split exactly, 30% spent. */
async function buildPpa(db: Database, moaId: string, userId: string, size: number): Promise<{ ppaId: string; rootId: string }> {
  const budget = 100_000_000_00n;
  const [ppa] = await db
    .insert(ppas)
    .values({
      title: `Benchmark PPA with ${size} work items`,
      moaId,
      category: 'program',
      sector: 'economic',
      fiscalYear: 2026,
      budgetCeiling: toPesoString(budget),
      budgetAllocation: toPesoString(budget),
      enableWorkItemTracking: true,
    })
    .returning();
  const rootId = randomUUID();
  const activityCount = Math.max(1, Math.round(Math.sqrt(size - 1)));
  const taskCount = size - 1 - activityCount;
  const activityAmounts = distributeEqually(budget, activityCount);
  const rows: (typeof workItems.$inferInsert)[] = [
    { id: rootId, ppaId: ppa!.id, title: 'Project', workType: 'project', allocatedBudget: toPesoString(budget) },
  ];
  const activities = activityAmounts.map((amount, i) => ({
    id: randomUUID(),
    ppaId: ppa!.id,
    parentId: rootId,
    title: `Activity ${i + 1}`,
    workType: 'activity' as const,
    allocatedBudget: toPesoString(amount),
    sortOrder: i,
  }));
  rows.push(...activities);
  const tasksPer = activities.map((_, i) => Math.floor(taskCount / activityCount) + (i < taskCount % activityCount ? 1 : 0));
  activities.forEach((activity, a) => {
    const amounts = tasksPer[a]! > 0 ? distributeEqually(activityAmounts[a]!, tasksPer[a]!) : [];
    amounts.forEach((amount, t) =>
      rows.push({
        id: randomUUID(),
        ppaId: ppa!.id,
        parentId: activity.id,
        title: `Task ${a + 1}.${t + 1}`,
        workType: 'task',
        allocatedBudget: toPesoString(amount),
        sortOrder: t,
        progress: (t * 7) % 101,
        status: t % 3 === 0 ? 'completed' : 'in_progress',
      }),
    );
  });
  for (let i = 0; i < rows.length; i += 1000) await db.insert(workItems).values(rows.slice(i, i + 1000));
  const spent = rows
    .filter((_, i) => i % 10 < 3)
    .map((r) => ({ workItemId: r.id!, ppaId: ppa!.id, amount: '12345.67', spentOn: '2026-05-01', description: 'Benchmark spending', recordedById: userId }));
  for (let i = 0; i < spent.length; i += 1000) await db.insert(expenditureEntries).values(spent.slice(i, i + 1000));
  return { ppaId: ppa!.id, rootId };
}

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
// Every statement sent, with its parameters, while a request is being captured (statements per request, the floor).
let captured: { sql: string; parameters: readonly unknown[] }[] | null = null;
const handle = openDatabase({ url: url.toString() }, { onStatement: (sql, parameters) => captured?.push({ sql, parameters }) });
try {
  console.log(`Building benchmark data in ${dbName}…`);
  await handle.migrate();
  await seedDemoData(handle.db);
  const viewer = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
  const { token } = await createApiToken({ db: handle.db, viewer, name: 'bench' });
  const sizes = [100, 1_000, 10_000];
  const built = new Map<number, { ppaId: string; rootId: string }>();
  for (const size of sizes) built.set(size, await buildPpa(handle.db, viewer.moaId!, viewer.userId, size));
  await handle.db.execute('analyze');

  const server = createServer(async (req, res) => {
    const response = await handleRestRequest(
      new Request(`http://localhost${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }),
      handle.db,
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  // The floor: the statements one REST request sends, captured with their parameters and replayed in order with
  // postgres.js alone (no Drizzle, no rollup, no JSON), on a connection of its own.
  const floorClient = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const treeUrl = (ppaId: string, query = '') => `http://127.0.0.1:${port}/api/v1/ppas/${ppaId}/budget-allocation-tree${query}`;
  const authorization = `Bearer ${token}`;
  // A plain keep-alive HTTP client that only counts the bytes: the figure is the server's work and the
  // transfer, not a client's parsing (this process is both).
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const getTree = (ppaId: string, headers: Record<string, string>, expected: number, query = '') =>
    new Promise<{ etag: string; bytes: number }>((resolve, reject) => {
      get(treeUrl(ppaId, query), { agent, headers: { authorization, ...headers } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () =>
          res.statusCode === expected
            ? resolve({ etag: String(res.headers.etag), bytes })
            : reject(new Error(`REST answered ${res.statusCode}, not ${expected}`)),
        );
        res.on('error', reject);
      }).on('error', reject);
    });
  console.log('\nAllocation tree (PostgreSQL, one PPA, rollups included). The four measurements take turns run by run, so a');
  console.log('busy machine slows them alike. raw SQL: the statements of one REST request replayed with postgres.js alone.');
  console.log('REST: the handler over HTTP (without Next.js, which adds its routing and gzip). 304: If-None-Match with the ETag.');
  console.log('items   | raw SQL p50 / p95   | service p50 / p95   | REST p50 / p95      | REST ÷ raw SQL | 304 p50 / p95       | SQL per request | JSON');
  for (const size of sizes) {
    const { ppaId } = built.get(size)!;
    // Warmed first: a pool connection's first query also asks PostgreSQL for its types, once per connection,
    // which is no part of a request's cost and must not be replayed as part of the floor.
    await getTree(ppaId, { 'accept-encoding': 'identity' }, 200);
    captured = [];
    const first = await getTree(ppaId, { 'accept-encoding': 'identity' }, 200);
    const statements = captured;
    captured = null;
    const etag = first.etag;
    const runs = size >= 10_000 ? 60 : 200;
    const t = await interleaved(runs, {
      floor: async () => {
        for (const s of statements) await floorClient.unsafe(s.sql, s.parameters as never[]);
      },
      service: () => getAllocationTree({ db: handle.db, viewer, ppaId }),
      rest: () => getTree(ppaId, { 'accept-encoding': 'identity' }, 200),
      notModified: () => getTree(ppaId, { 'accept-encoding': 'identity', 'if-none-match': etag }, 304),
    });
    const pair = (samples: number[]) => `${percentile(samples, 50).toFixed(2)} / ${percentile(samples, 95).toFixed(2)} ms`.padEnd(19);
    const ratio = percentile(t.rest, 50) / percentile(t.floor, 50);
    console.log(
      `${String(size).padEnd(7)} | ${pair(t.floor)} | ${pair(t.service)} | ${pair(t.rest)} | ${`${ratio.toFixed(2)}×`.padStart(14)} | ` +
        `${pair(t.notModified)} | ${String(statements.length).padStart(15)} | ${(first.bytes / 1024).toFixed(0)} KiB`,
    );
  }
  // A client showing a large plan's top levels asks for those alone: the same statements, every figure rolled
  // up over the whole tree, a small answer. Measured on its own beside the same floor.
  console.log('\nThe project and its activities only (?depth=1), beside the same raw SQL:');
  console.log('items   | raw SQL p50 / p95   | REST ?depth=1 p50 / p95 | ÷ raw SQL | JSON');
  for (const size of sizes) {
    const { ppaId } = built.get(size)!;
    captured = [];
    const first = await getTree(ppaId, { 'accept-encoding': 'identity' }, 200, '?depth=1');
    const statements = captured;
    captured = null;
    const t = await interleaved(size >= 10_000 ? 60 : 200, {
      floor: async () => {
        for (const s of statements) await floorClient.unsafe(s.sql, s.parameters as never[]);
      },
      topLevels: () => getTree(ppaId, { 'accept-encoding': 'identity' }, 200, '?depth=1'),
    });
    const pair = (samples: number[]) => `${percentile(samples, 50).toFixed(2)} / ${percentile(samples, 95).toFixed(2)} ms`;
    console.log(
      `${String(size).padEnd(7)} | ${pair(t.floor).padEnd(19)} | ${pair(t.topLevels).padEnd(23)} | ` +
        `${`${(percentile(t.topLevels, 50) / percentile(t.floor, 50)).toFixed(2)}×`.padStart(9)} | ${(first.bytes / 1024).toFixed(1)} KiB`,
    );
  }
  await floorClient.end();
  agent.destroy();

  console.log('\nDistribution over 1,000 children (equal, then weighted, alternating so every run writes)');
  // project → one activity holding the whole budget → 1,000 tasks.
  const wide = await buildPpa(handle.db, viewer.moaId!, viewer.userId, 2);
  const [bigParent] = await handle.db.select().from(workItems).where(eq(workItems.parentId, wide.rootId));
  await handle.db.insert(workItems).values(
    Array.from({ length: 1000 }, (_, i) => ({
      ppaId: wide.ppaId,
      parentId: bigParent!.id,
      title: `Barangay ${i + 1}`,
      workType: 'task' as const,
      sortOrder: i,
      weight: String((i % 7) + 1),
    })),
  );
  let flip = false;
  const distribution = await timeRuns(30, 5, async () => {
    flip = !flip;
    await distributeBudget({ db: handle.db, viewer, input: { id: wide.ppaId, parentId: bigParent!.id, mode: flip ? 'equal' : 'weighted' } });
  });
  console.log(
    `p50 ${ms(percentile(distribution, 50))}, p95 ${ms(percentile(distribution, 95))} (₱${bigParent!.allocatedBudget} over 1,000 tasks; every run rewrites all 1,000 amounts and records the distribution)`,
  );
  server.close();
} finally {
  await handle.close();
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
}

// The portfolio endpoint and the MFBM workbook at a fiscal year of 5,000 PPAs, in a scratch database of its own.
if (process.env.BENCH_TREE_ONLY !== 'true') await benchPortfolio(adminUrl);
