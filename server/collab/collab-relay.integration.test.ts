import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import * as Y from 'yjs';
import { collabDocuments, ppas } from '@/db/schema';
import { amountIn, collabTokenFor, connectClient, eventually, setAmount, startCollab } from '@/test/collab';
import { startCollabInstance } from '@/test/collab-instance';
import { captureLog } from '@/test/log';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { hasDraftEdits, META, META_KEY } from './draft-keys';
import { processSignals } from '../services/effects/signals';
import { decodeRelayMessage, encodeRelayMessage, redisCollabRelay, type RelayMessage } from './relay';

// Two instances of the app's collaboration server on one PostgreSQL and one Redis: "A" in this process (its
// relay under coverage), "B" in a child process, as two app instances behind a load balancer would be.
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const onPostgres = inject('testDatabase').driver === 'postgres';

let handle: TestDatabase;
let redis: Redis;
let prefix: string;
let instanceB: Awaited<ReturnType<typeof startCollabInstance>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await createSeededTestDatabase();
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  // Every run its own channels, so runs sharing this Redis never hear each other.
  prefix = `ppa-test-${randomBytes(4).toString('hex')}:`;
  for (const title of ['Child and Youth Welfare Program', "Women's Welfare Program", 'Bangsamoro Immunization Program']) {
    const rows = await handle.db.select({ id: ppas.id, fy: ppas.fiscalYear }).from(ppas).where(eq(ppas.title, title));
    ids[title] = rows.find((p) => p.fy === 2026)!.id;
  }
  instanceB = await startCollabInstance({ databaseUrl: handle.url!, redisUrl, redisPrefix: prefix });
});
afterAll(async () => {
  if (!onPostgres) return;
  await instanceB.stop();
  redis.disconnect();
  await handle.close();
});

const tokenFor = (email: string, ppaId: string) => collabTokenFor(handle.db, email, ppaId);
async function startA(log = vi.fn(), options: { persistDelayMs?: number; persistMaxWaitMs?: number } = {}) {
  const relay = redisCollabRelay({ url: redisUrl, prefix }, { log });
  return { ...(await startCollab(handle.db, { relay, ...options })), relay };
}

/** Every message published on a document's channel, with its sender, while `listen` runs. */
async function recordChannel(ppaId: string) {
  const listener = new Redis(redisUrl);
  const heard: { from: string; message: RelayMessage }[] = [];
  listener.on('messageBuffer', (_channel: Buffer, payload: Buffer) => {
    const decoded = decodeRelayMessage(new Uint8Array(payload));
    if (decoded) heard.push(decoded);
  });
  await listener.subscribe(`${prefix}collab:doc:${ppaId}`);
  return { heard, stop: () => listener.disconnect() };
}

async function storedDraft(ppaId: string): Promise<Y.Doc> {
  const [row] = await handle.db.select().from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId));
  const doc = new Y.Doc();
  if (row) Y.applyUpdate(doc, row.state);
  return doc;
}

describe.skipIf(!onPostgres)('co-editing across instances (Redis relay)', () => {
  it('carries every edit and presence change both ways, and the stored draft holds both editors’ edits', async () => {
    const ppaId = ids['Child and Youth Welfare Program']!;
    const a = await startA();
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      setAmount(alice.doc, 'item-from-a', '111');
      setAmount(bob.doc, 'item-from-b', '222');
      await eventually(() => amountIn(bob.doc, 'item-from-a') === '111' && amountIn(alice.doc, 'item-from-b') === '222');

      alice.provider.awareness.setLocalStateField('user', { name: 'Norhaya Planner (MSSD)' });
      bob.provider.awareness.setLocalStateField('user', { name: 'Amina Admin' });
      const nameSeenBy = (seer: typeof alice, clientId: number) =>
        (seer.provider.awareness.getStates().get(clientId)?.user as { name?: string } | undefined)?.name;
      await eventually(() => nameSeenBy(bob, alice.doc.clientID) === 'Norhaya Planner (MSSD)' && nameSeenBy(alice, bob.doc.clientID) === 'Amina Admin');
      bob.provider.awareness.setLocalStateField('editing', 'item-from-b');
      await eventually(() => alice.provider.awareness.getStates().get(bob.doc.clientID)?.editing === 'item-from-b');

      // Alice leaves: her presence goes from Bob's side too.
      alice.close();
      await eventually(() => !bob.provider.awareness.getStates().has(alice.doc.clientID));
      setAmount(bob.doc, 'item-late-b', '333');
      bob.close();
      await eventually(async () => {
        const stored = await storedDraft(ppaId);
        return amountIn(stored, 'item-from-a') === '111' && amountIn(stored, 'item-from-b') === '222' && amountIn(stored, 'item-late-b') === '333';
      }, 5000);
    } finally {
      await a.stop();
    }
  });

  it('a room opening on one instance gets the edits another instance holds but has not stored yet, and who is there', async () => {
    const ppaId = ids["Women's Welfare Program"]!;
    // Instance A keeps its edits in memory for a minute before storing them.
    const a = await startA(vi.fn(), { persistDelayMs: 60_000, persistMaxWaitMs: 60_000 });
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      alice.provider.awareness.setLocalStateField('user', { name: 'Norhaya Planner (MSSD)' });
      setAmount(alice.doc, 'unstored', '4242');
      await new Promise((r) => setTimeout(r, 100));
      expect(amountIn(await storedDraft(ppaId), 'unstored')).toBeUndefined();

      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      await eventually(() => amountIn(bob.doc, 'unstored') === '4242' && bob.provider.awareness.getStates().has(alice.doc.clientID));
      alice.close();
      bob.close();
    } finally {
      await a.stop();
    }
  });

  it('the presence of a client that moved over from a dead instance goes when it leaves, not 30 s later', async () => {
    const ppaId = ids["Women's Welfare Program"]!;
    const a = await startA();
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      alice.provider.awareness.setLocalStateField('user', { name: 'Norhaya Planner (MSSD)' });
      await eventually(() => bob.provider.awareness.getStates().has(alice.doc.clientID));
      // Instance A dies: it tells nobody that Alice left. Her browser reconnects to B, the same client.
      await a.relay.close();
      alice.close();
      await new Promise((r) => setTimeout(r, 200));
      expect(bob.provider.awareness.getStates().has(alice.doc.clientID)).toBe(true);
      const again = await connectClient(instanceB.url, ppaId, await tokenFor('planner@example.org', ppaId), alice.doc);
      for (let i = 0; i < 5; i++) again.provider.awareness.setLocalStateField('user', { name: `Norhaya Planner (MSSD) ${i}` });
      await eventually(
        () => (bob.provider.awareness.getStates().get(alice.doc.clientID)?.user as { name?: string } | undefined)?.name === 'Norhaya Planner (MSSD) 4',
      );
      // Her connection drops (a network failure): her browser says nothing more.
      again.provider.shouldConnect = false;
      (again.provider.ws as unknown as { terminate(): void }).terminate();
      await eventually(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), 3000);
      again.close();
      bob.close();
    } finally {
      await a.stop();
    }
  });

  it('a lock announced on one instance makes the form read-only on every instance, and a save announced on another re-bases it', async () => {
    const ppaId = ids['Bangsamoro Immunization Program']!;
    const a = await startA();
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('admin@example.org', ppaId));
      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      setAmount(alice.doc, 'before-lock', '1');
      await eventually(() => amountIn(bob.doc, 'before-lock') === '1');

      // Locked through this process's budget services (instance A): instance B drops Bob's writes from now on.
      processSignals().notifyCollab({ type: 'lock', ppaId, locked: true });
      await eventually(() => bob.doc.getMap(META).get(META_KEY.locked) === true);
      // (A client whose write was dropped has its later updates wait on it: the form stops typing first.)
      const carol = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      setAmount(carol.doc, 'while-locked', '2');
      await new Promise((r) => setTimeout(r, 300));
      expect(amountIn(alice.doc, 'while-locked')).toBeUndefined();
      expect(amountIn(bob.doc, 'while-locked')).toBeUndefined();
      carol.close();

      processSignals().notifyCollab({ type: 'lock', ppaId, locked: false });
      await eventually(() => bob.doc.getMap(META).get(META_KEY.locked) === false);
      setAmount(bob.doc, 'after-unlock', '3');
      await eventually(() => amountIn(alice.doc, 'after-unlock') === '3');

      // Saved through instance B's services: Alice, on A, sees who saved and the draft re-based.
      await instanceB.notify({ type: 'saved', ppaId, savedBy: 'Amina Admin', savedAt: '2026-11-25T07:30:00.000Z' });
      await eventually(() => alice.doc.getMap(META).get(META_KEY.savedBy) === 'Amina Admin' && !hasDraftEdits(alice.doc));
      expect(alice.doc.getMap(META).get(META_KEY.savedAt)).toBe('2026-11-25T07:30:00.000Z');
      alice.close();
      bob.close();
    } finally {
      await a.stop();
    }
  });

  it('publishes each change once, from the instance it was made on: nothing heard is published again', async () => {
    const ppaId = ids['Child and Youth Welfare Program']!;
    const a = await startA();
    const channel = await recordChannel(ppaId);
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      await new Promise((r) => setTimeout(r, 300)); // the rooms' opening queries and their answers
      channel.heard.length = 0;
      setAmount(alice.doc, 'echo-check', '5');
      await eventually(() => amountIn(bob.doc, 'echo-check') === '5');
      await new Promise((r) => setTimeout(r, 300));
      const updates = channel.heard.filter((h) => h.message.kind === 'update');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.from).toBe(a.relay.instanceId);
      alice.close();
      bob.close();
    } finally {
      channel.stop();
      await a.stop();
    }
  });

  it('ignores what it cannot read, and keeps relaying', async () => {
    const ppaId = ids['Child and Youth Welfare Program']!;
    const log = vi.fn();
    const a = await startA(log);
    const logged = captureLog();
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      const bob = await connectClient(instanceB.url, ppaId, await tokenFor('admin@example.org', ppaId));
      const channel = `${prefix}collab:doc:${ppaId}`;
      await redis.publish(channel, Buffer.from([0xff, 0xff, 0xff]));
      await redis.publish(channel, Buffer.from(encodeRelayMessage('someone-else', { kind: 'update', update: new Uint8Array([9, 9, 9, 9]) })));
      await redis.publish(`${prefix}collab:notices`, 'not json');
      await redis.publish(`${prefix}collab:notices`, JSON.stringify({ from: 'someone-else', notice: { type: 'lock', ppaId, locked: 'yes' } }));
      await eventually(() => log.mock.calls.filter(([line]) => String(line).includes('unreadable')).length >= 3);
      await eventually(() => logged.messages().some((line) => line.includes('could not be applied')));
      setAmount(bob.doc, 'still-relayed', '6');
      await eventually(() => amountIn(alice.doc, 'still-relayed') === '6');
      alice.close();
      bob.close();
    } finally {
      logged.restore();
      await a.stop();
    }
  });

  it('after losing Redis, an instance asks again for what each open room may have missed', async () => {
    const ppaId = ids['Child and Youth Welfare Program']!;
    const a = await startA();
    const { relay } = a;
    const channel = await recordChannel(ppaId);
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      await new Promise((r) => setTimeout(r, 200));
      channel.heard.length = 0;
      const clients = String(await redis.client('LIST'));
      const subscriber = clients.split('\n').find((line) => line.includes(`name=ppa-collab-sub-${relay.instanceId}`));
      const id = /\bid=(\d+)/.exec(subscriber ?? '')?.[1];
      expect(id).toBeDefined();
      await redis.client('KILL', 'ID', id!);
      await eventually(() => channel.heard.some((h) => h.from === relay.instanceId && h.message.kind === 'query' && h.message.reply));
      alice.close();
    } finally {
      channel.stop();
      await a.stop();
    }
  });

  it('opens rooms without the other instances when Redis does not answer, and says so', async () => {
    const ppaId = ids['Child and Youth Welfare Program']!;
    const log = vi.fn();
    const a = await startCollab(handle.db, { relay: redisCollabRelay({ url: 'redis://127.0.0.1:1', prefix }, { log, joinTimeoutMs: 200 }) });
    try {
      const alice = await connectClient(a.url, ppaId, await tokenFor('planner@example.org', ppaId));
      setAmount(alice.doc, 'alone', '7');
      expect(log.mock.calls.some(([line]) => String(line).includes('is not shared with other instances'))).toBe(true);
      alice.close();
    } finally {
      await a.stop();
    }
  });
});

describe('relay messages', () => {
  it('round-trip through their encoding, and anything else reads as nothing', () => {
    const update = new Uint8Array([1, 2, 3]);
    expect(decodeRelayMessage(encodeRelayMessage('i1', { kind: 'update', update }))).toEqual({ from: 'i1', message: { kind: 'update', update } });
    expect(decodeRelayMessage(encodeRelayMessage('i2', { kind: 'awareness', update }))).toEqual({ from: 'i2', message: { kind: 'awareness', update } });
    expect(decodeRelayMessage(encodeRelayMessage('i3', { kind: 'query', stateVector: update, reply: true }))).toEqual({
      from: 'i3',
      message: { kind: 'query', stateVector: update, reply: true },
    });
    expect(decodeRelayMessage(new Uint8Array([2, 105, 49, 7, 1, 0]))).toBeNull(); // an unknown kind
    expect(decodeRelayMessage(new Uint8Array([2, 105, 49, 0, 50, 1]))).toBeNull(); // a payload longer than the message
    expect(decodeRelayMessage(new Uint8Array([]))).toBeNull();
  });
});
