// npm run bench:collab — co-editing one allocation form under load, beside its floor: the same clients against
// the app's collaboration server (server/collab) and against a bare y-websocket server, in the same run, each
// server in a process of its own (scripts/collab-bench-server.ts). Default (the goal of issue 15): 200 editors
// each changing their own row once a second (BENCH_EDITORS, BENCH_TYPING_MS) and 500 read-only followers
// (BENCH_FOLLOWERS) for 30 s (BENCH_SECONDS), clients spread over 4 processes (BENCH_CLIENT_PROCESSES), each
// client announcing its presence when it joins and renewing it every 15 s, as a browser does (awareness;
// BENCH_PRESENCE_RENEW=false leaves the renewals out). Prints latency from a change on one client to its
// arrival on each other client (p50 / p95 / p99, clocks of one machine), how many of the expected arrivals
// came, and the server's RSS and CPU time.
// So that the clients are not what is measured, most are lean: a websocket speaking y-websocket's protocol
// that reads the timestamp out of each update instead of applying it to a Y.Doc (applying 200 updates a second
// in each of 700 documents is more than this machine's cores could do). A few followers per client process
// are full y-websocket clients (Y.Doc + WebsocketProvider, BENCH_FULL_CLIENTS); the figures check that they
// end with every editor's last change.
// Uses a fresh PostgreSQL database (BENCH_DATABASE_URL, default the local server), dropped afterwards; exits
// by itself.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import postgres from 'postgres';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { draftField, ROW_FIELD, setDraftValue } from '../server/collab/draft-keys';

const seconds = Number(process.env.BENCH_SECONDS || 30);
const editors = Number(process.env.BENCH_EDITORS ?? 200);
const followers = Number(process.env.BENCH_FOLLOWERS ?? 500);
const typingMs = Number(process.env.BENCH_TYPING_MS || 1000);
const clientProcesses = Number(process.env.BENCH_CLIENT_PROCESSES || 4);
const fullClientsPerProcess = Number(process.env.BENCH_FULL_CLIENTS ?? 2);
const secret = 'bench-collab-secret';

/** Latency histogram: 0.1 ms buckets up to 60 s. */
const BUCKETS = 600_000;
const wall = () => performance.timeOrigin + performance.now();

interface Assignment {
  url: string;
  room: string;
  editTokenOf: string;
  readToken: string;
  editorIds: number[];
  followerCount: number;
  fullFollowers: number;
  typingMs: number;
}
interface Report {
  /** Editor id → how many changes it sent (its last sequence number). */
  lastSeq: Record<number, number>;
  delivered: number;
  histogram: Record<number, number>;
  fullClientsSaw: Record<number, number>[];
  connected: number;
}

function percentileOf(histogram: Map<number, number>, total: number, p: number): number {
  let seen = 0;
  const goal = Math.ceil((p / 100) * total);
  for (const [bucket, n] of [...histogram].sort((a, b) => a[0] - b[0])) {
    seen += n;
    if (seen >= goal) return bucket / 10;
  }
  return NaN;
}
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

// ——— a client process ———
if (process.argv[2] === 'clients') {
  let assignment: Assignment;
  const histogram = new Uint32Array(BUCKETS + 1);
  let delivered = 0;
  const closers: (() => void)[] = [];
  interface Typer {
    id: number;
    seq: number;
    type: () => void;
    timer?: NodeJS.Timeout;
  }
  const typers: Typer[] = [];
  const fullDocs: Y.Doc[] = [];
  const STAMP = /~(\d+)\.(\d+)\.(\d+\.?\d*)~/g;
  const record = (sentAt: number, now: number) => {
    delivered++;
    histogram[Math.min(BUCKETS, Math.max(0, Math.round((now - sentAt) * 10)))]!++;
  };

  /** A lean client: the protocol's messages, the stamps read out of live updates, nothing applied. */
  function leanClient(token: string, me: number, editing: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${assignment.url}/${assignment.room}?token=${encodeURIComponent(token)}`);
      ws.binaryType = 'nodebuffer';
      // Its own document holds only its own row: it is what its updates are made from.
      const doc = new Y.Doc();
      const awareness = new Awareness(doc);
      // A browser renews its presence every 15 s; with 700 clients sent on one by one that alone is 33,000
      // messages a second. BENCH_PRESENCE_RENEW=false leaves the renewals out.
      if (process.env.BENCH_PRESENCE_RENEW === 'false') clearInterval((awareness as unknown as { _checkInterval: NodeJS.Timeout })._checkInterval);
      const send = (write: (e: encoding.Encoder) => void) => {
        if (ws.readyState !== WebSocket.OPEN) return;
        const encoder = encoding.createEncoder();
        write(encoder);
        ws.send(encoding.toUint8Array(encoder));
      };
      doc.on('update', (update: Uint8Array) =>
        send((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeUpdate(e, update);
        }),
      );
      awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) =>
        send((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(e, encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]));
        }),
      );
      let synced = false;
      ws.on('open', () => {
        send((e) => {
          encoding.writeVarUint(e, 0);
          syncProtocol.writeSyncStep1(e, doc);
        });
        awareness.setLocalState({ user: { name: editing ? `Editor ${me}` : `Follower ${me}` } });
      });
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(data);
        if (decoding.readVarUint(decoder) !== 0) return; // awareness and the rest
        const syncType = decoding.readVarUint(decoder);
        if (syncType === 1 && !synced) {
          synced = true;
          resolve();
        }
        if (syncType !== 2) return;
        const now = wall();
        const update = decoding.readVarUint8Array(decoder);
        for (const match of Buffer.from(update.buffer, update.byteOffset, update.byteLength).toString('latin1').matchAll(STAMP)) {
          if (Number(match[1]) !== me) record(Number(match[3]), now);
        }
      });
      ws.on('error', (error) => (synced ? undefined : reject(error)));
      ws.on('close', () => (synced ? undefined : reject(new Error('closed before it synced'))));
      setTimeout(() => (synced ? undefined : reject(new Error('not synced within 60 s'))), 60_000).unref();
      closers.push(() => {
        awareness.destroy();
        ws.close();
        doc.destroy();
      });
      if (editing) {
        const typer: Typer = {
          id: me,
          seq: 0,
          type: () => {
            typer.seq++;
            // The stamp rides in the row's note, as the form's draft keeps a row's fields (draft-keys.ts).
            doc.transact(() => {
              setDraftValue(doc, `bench-row-${me}`, ROW_FIELD.amount, String(Math.floor(Math.random() * 1e9)));
              setDraftValue(doc, `bench-row-${me}`, ROW_FIELD.note, `~${me}.${typer.seq}.${wall()}~`);
            });
          },
        };
        typers.push(typer);
      }
    });
  }

  /** A full y-websocket client (Y.Doc + WebsocketProvider), as a browser following the form runs. */
  async function fullFollower(token: string, me: number) {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(assignment.url, assignment.room, doc, { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
    provider.awareness.setLocalState({ user: { name: `Follower ${me}` } });
    await new Promise<void>((resolve) => provider.on('sync', (synced: boolean) => synced && resolve()));
    const stamps = draftField(doc, ROW_FIELD.note);
    stamps.observe((event) => {
      if (event.transaction.local) return;
      const now = wall();
      for (const row of event.keysChanged) {
        const match = /^~(\d+)\.(\d+)\.(\d+\.?\d*)~$/.exec(stamps.get(row) ?? '');
        if (match) record(Number(match[3]), now);
      }
    });
    fullDocs.push(doc);
    closers.push(() => {
      provider.destroy();
      doc.destroy();
    });
  }

  process.setMaxListeners(1000); // each y-websocket provider listens for the process's exit
  process.on('message', async (message: { assignment?: Assignment; start?: number; stop?: boolean; report?: boolean }) => {
    if (message.assignment) {
      assignment = message.assignment;
      const { editorIds, followerCount, fullFollowers, editTokenOf, readToken } = assignment;
      // Joining in small groups, as people open a form over a morning rather than in one instant.
      const joins: (() => Promise<void>)[] = [
        ...editorIds.map((id) => () => leanClient(editTokenOf, id, true)),
        ...Array.from({ length: followerCount - fullFollowers }, (_, i) => () => leanClient(readToken, -1 - i, false)),
        ...Array.from({ length: fullFollowers }, (_, i) => () => fullFollower(readToken, -10_000 - i)),
      ];
      let failed = 0;
      for (let i = 0; i < joins.length; i += 25) {
        const settled = await Promise.allSettled(joins.slice(i, i + 25).map((join) => join()));
        failed += settled.filter((s) => s.status === 'rejected').length;
      }
      process.send!({ ready: { joined: joins.length - failed, failed } });
    }
    if (message.start) {
      // Each editor types on its own beat, spread over the interval.
      for (const typer of typers) {
        typer.timer = setTimeout(
          () => {
            typer.type();
            typer.timer = setInterval(typer.type, assignment.typingMs);
          },
          Math.max(0, message.start - wall()) + Math.random() * assignment.typingMs,
        );
      }
    }
    // clearTimeout clears an interval too.
    if (message.stop) for (const typer of typers) clearTimeout(typer.timer);
    if (message.report) {
      const buckets: Record<number, number> = {};
      histogram.forEach((n, i) => n && (buckets[i] = n));
      const report: Report = {
        lastSeq: Object.fromEntries(typers.map((t) => [t.id, t.seq])),
        delivered,
        histogram: buckets,
        // What each full client's document says each editor last typed.
        fullClientsSaw: fullDocs.map((doc) =>
          Object.fromEntries(
            [...draftField(doc, ROW_FIELD.note).values()].flatMap((stamp) => {
              const match = /^~(\d+)\.(\d+)\./.exec(stamp);
              return match ? [[Number(match[1]), Number(match[2])]] : [];
            }),
          ),
        ),
        connected: closers.length,
      };
      process.send!({ report }, undefined, {}, () => {
        closers.forEach((close) => close());
        setTimeout(() => process.exit(0), 200);
      });
    }
  });
} else {
  await main();
}

async function main() {
  const { openDatabase } = await import('../db');
  const { ppas } = await import('../db/schema');
  const { seedDemoData } = await import('../db/seed/seed');
  const { findViewerByEmail } = await import('../server/services/auth/viewers');
  const { issueCollabToken } = await import('../server/services/collab/collab-token');
  const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `ppa_bench_collab_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const handle = openDatabase({ url: url.toString() });
  const children: ChildProcess[] = [];
  try {
    await handle.migrate();
    await seedDemoData(handle.db);
    const planner = (await findViewerByEmail(handle.db, 'planner@example.org'))!;
    const reader = (await findViewerByEmail(handle.db, 'viewer@example.org'))!;
    // A PPA whose budget is not locked (a locked one drops every write).
    const [ppa] = await handle.db
      .select({ id: ppas.id })
      .from(ppas)
      .where(and(eq(ppas.title, 'Child and Youth Welfare Program'), eq(ppas.fiscalYear, 2026)));
    const later = Date.now() + 10 * 60 * 1000; // tokens that outlast the run
    const edit = await issueCollabToken({ db: handle.db, viewer: planner, ppaId: ppa!.id, secret, now: later });
    const read = await issueCollabToken({ db: handle.db, viewer: reader, ppaId: ppa!.id, secret, now: later });
    if (edit.mode !== 'edit' || read.mode !== 'read') throw new Error('The planner should edit and the viewer read.');

    console.log(
      `Co-editing one form: ${editors} editors each changing a row every ${typingMs} ms, ${followers} read-only followers, ${seconds} s, ` +
        `clients in ${clientProcesses} processes (${Math.min(followers, fullClientsPerProcess * clientProcesses)} of them full y-websocket clients), all on this machine.`,
    );
    console.log('Latency: a change on one client → its arrival on each other client. Expected arrivals: every change × every other client.');
    console.log(
      'server                 | p50        | p95        | p99        | arrived / expected      | full clients complete | server RSS (before)  | server CPU',
    );
    const results: Record<string, number> = {};
    for (const kind of ['app', 'bare'] as const) {
      const server = fork('scripts/collab-bench-server.ts', {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_COLLAB_DB_URL: url.toString(), BENCH_COLLAB_SECRET: secret, BENCH_COLLAB_BARE: kind === 'bare' ? 'true' : 'false' },
      });
      children.push(server);
      const port = await new Promise<number>((resolve) => server.once('message', (m: { port: number }) => resolve(m.port)));
      // The server's RSS and CPU time, read from /proc: a server too busy to answer a message is measured all the same.
      const askServer = () => {
        try {
          const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1]) * 1024;
          const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
          return { rss, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
        } catch {
          return { rss: NaN, cpuSeconds: NaN };
        }
      };

      const workers = Array.from({ length: clientProcesses }, () =>
        fork('scripts/bench-collab.ts', ['clients'], { execArgv: ['--import', 'tsx'], env: { ...process.env, NODE_OPTIONS: '' } }),
      );
      children.push(...workers);
      const next = <T>(worker: ChildProcess, key: string) => new Promise<T>((resolve) => worker.once('message', (m: Record<string, T>) => resolve(m[key]!)));
      const ready = workers.map((worker, w) => {
        const share = (n: number) => Math.floor(n / clientProcesses) + (w < n % clientProcesses ? 1 : 0);
        const editorIds = Array.from({ length: editors }, (_, i) => i).filter((i) => i % clientProcesses === w);
        const followerCount = share(followers);
        worker.send({
          assignment: {
            url: `ws://127.0.0.1:${port}/collab`,
            room: ppa!.id,
            editTokenOf: edit.token,
            readToken: read.token,
            editorIds,
            followerCount,
            fullFollowers: Math.min(followerCount, fullClientsPerProcess),
            typingMs,
          } satisfies Assignment,
        });
        return next<{ joined: number; failed: number }>(worker, 'ready');
      });
      const connectStarted = wall();
      const joined = await Promise.all(ready);
      const failedJoins = joined.reduce((s, j) => s + j.failed, 0);
      console.log(
        `  ${kind}: ${joined.reduce((s, j) => s + j.joined, 0)} clients joined in ${((wall() - connectStarted) / 1000).toFixed(1)} s` +
          (failedJoins ? `, ${failedJoins} could not join` : ''),
      );
      const before = askServer();
      const start = wall() + 500;
      workers.forEach((worker) => worker.send({ start }));
      let peakRss = before.rss;
      const until = start + seconds * 1000;
      while (wall() < until) {
        await new Promise((r) => setTimeout(r, 1000));
        peakRss = Math.max(peakRss, askServer().rss);
      }
      workers.forEach((worker) => worker.send({ stop: true }));
      await new Promise((r) => setTimeout(r, 3000)); // what is still on its way arrives
      const after = askServer();
      peakRss = Math.max(peakRss, after.rss);
      const reports = await Promise.all(
        workers.map((worker) => {
          const report = next<Report>(worker, 'report');
          worker.send({ report: true });
          return report;
        }),
      );
      await Promise.all(workers.map((w) => new Promise((r) => (w.exitCode !== null ? r(null) : w.once('exit', r)))));
      server.send('stop');
      await new Promise((r) => server.once('exit', r));

      const clients = reports.reduce((s, r) => s + r.connected, 0);
      const lastSeq: Record<number, number> = Object.assign({}, ...reports.map((r) => r.lastSeq));
      const sent = Object.values(lastSeq).reduce((a, b) => a + b, 0);
      const expected = sent * (clients - 1);
      const delivered = reports.reduce((s, r) => s + r.delivered, 0);
      const histogram = new Map<number, number>();
      for (const r of reports) for (const [bucket, n] of Object.entries(r.histogram)) histogram.set(Number(bucket), (histogram.get(Number(bucket)) ?? 0) + n);
      const full = reports.flatMap((r) => r.fullClientsSaw);
      const complete = full.filter((saw) => Object.entries(lastSeq).every(([editor, seq]) => saw[Number(editor)] === seq)).length;
      const p = (q: number) => percentileOf(histogram, delivered, q);
      results[`${kind}95`] = p(95);
      const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
      console.log(
        `${(kind === 'app' ? 'app (server/collab)' : 'bare y-websocket').padEnd(22)} | ${`${p(50).toFixed(1)} ms`.padStart(10)} | ${`${p(95).toFixed(1)} ms`.padStart(10)} | ${`${p(99).toFixed(1)} ms`.padStart(10)} | ` +
          `${`${delivered} / ${expected} (${((delivered / expected) * 100).toFixed(2)}%)`.padEnd(23)} | ${`${complete} / ${full.length}`.padEnd(21)} | ${`${mib(peakRss)} (${mib(before.rss)})`.padEnd(20)} | ${cpuSeconds.toFixed(2)} s in ${seconds + 3} s`,
      );
    }
    console.log(
      `app ÷ floor at p95: ${(results.app95! / results.bare95!).toPrecision(2)}× (goal: p95 under 100 ms, within 2× of the floor, every change arrived)`,
    );
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
    await handle.close();
    await new Promise((r) => setTimeout(r, 500));
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.end();
  }
  // Whatever a client library left scheduled, the benchmark is over once its figures are printed.
  process.exit(process.exitCode ?? 0);
}
