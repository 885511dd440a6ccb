import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collabDocuments, ppas } from '@/db/schema';
import { amountIn, collabTokenFor, connectClient, eventually, setAmount, startCollab, TEST_SECRET, upgradeStatus } from '@/test/collab';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { refusal } from '@/test/refusal';
import { callerFor } from '@/test/viewers';
import { processSignals } from '../services/effects/signals';
import { hasDraftEdits, META, META_KEY } from './draft-keys';

let handle: TestDatabase;
let childId: string; // an MSSD PPA in technical review: tracked, budget not locked
let livelihoodId: string;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const id = async (title: string, fy: number) =>
    (await handle.db.select({ id: ppas.id, fy: ppas.fiscalYear }).from(ppas).where(eq(ppas.title, title))).find((p) => p.fy === fy)!.id;
  childId = await id('Child and Youth Welfare Program', 2026);
  livelihoodId = await id('Livelihood Training for OBC Women', 2026);
});
afterAll(() => handle.close());

const tokenFor = (email: string, ppaId: string, now?: number) => collabTokenFor(handle.db, email, ppaId, now);

type Client = Awaited<ReturnType<typeof connectClient>>;

/**
 * Waits until the server has processed everything `sender` sent so far, as `observer` sees it: the sender
 * then sets a marker in its awareness (presence, which read-only and locked peers may send too). The server
 * handles a connection's messages in order and relays them to the observer over one ordered connection, so
 * once the marker arrives, anything an earlier write of the sender would have relayed has arrived before it.
 */
async function processedAfter(sender: Client, observer: Client, marker: string) {
  sender.provider.awareness.setLocalStateField('marker', marker);
  await eventually(() => observer.provider.awareness.getStates().get(sender.doc.clientID)?.marker === marker);
}

describe('collaboration server', () => {
  it('refuses a connection without a token, with an expired one, one for another PPA, or a forged one', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      expect(await upgradeStatus(`${url}/${childId}`)).toBe(401);
      expect(await upgradeStatus(`${url}/${childId}?token=${await tokenFor('planner@example.org', childId, Date.now() - 10 * 60 * 1000)}`)).toBe(401);
      expect(await upgradeStatus(`${url}/${childId}?token=${await tokenFor('planner@example.org', livelihoodId)}`)).toBe(401);
      const good = await tokenFor('viewer@example.org', childId);
      const forged = good.replace(
        /^[^.]+/,
        Buffer.from(JSON.stringify({ userId: 'x', name: 'x', ppaId: childId, mode: 'edit', exp: Date.now() + 60_000 })).toString('base64url'),
      );
      expect(await upgradeStatus(`${url}/${childId}?token=${forged}`)).toBe(401);
      expect(await upgradeStatus(`${url}/${childId}?token=${good}`)).toBe(101);
      // Another MOA's planner never gets a token.
      const mafar = await callerFor(handle.db, 'planner.mafar@example.org');
      process.env.AUTH_SECRET ??= TEST_SECRET;
      expect((await refusal(mafar.collab.token({ ppaId: childId }))).code).toBe('NOT_FOUND');
    } finally {
      await stop();
    }
  });

  it('syncs two editors, drops a read-only peer’s writes, and keeps the draft across a restart', async () => {
    const first = await startCollab(handle.db);
    const alice = await connectClient(first.url, childId, await tokenFor('planner@example.org', childId));
    const bob = await connectClient(first.url, childId, await tokenFor('admin@example.org', childId));
    const viewer = await connectClient(first.url, childId, await tokenFor('viewer@example.org', childId));
    setAmount(alice.doc, 'item-a', '12345');
    await eventually(() => amountIn(bob.doc, 'item-a') === '12345' && amountIn(viewer.doc, 'item-a') === '12345');

    setAmount(viewer.doc, 'item-v', '999');
    setAmount(bob.doc, 'item-b', '777');
    await eventually(() => amountIn(alice.doc, 'item-b') === '777');
    expect(amountIn(alice.doc, 'item-v')).toBeUndefined(); // the viewer's write went nowhere

    for (const client of [alice, bob, viewer]) client.close();
    await eventually(async () => (await handle.db.select().from(collabDocuments).where(eq(collabDocuments.ppaId, childId))).length === 1);
    await first.stop();

    const second = await startCollab(handle.db);
    try {
      const carol = await connectClient(second.url, childId, await tokenFor('planner@example.org', childId));
      await eventually(() => amountIn(carol.doc, 'item-a') === '12345');
      expect(amountIn(carol.doc, 'item-b')).toBe('777');
      expect(amountIn(carol.doc, 'item-v')).toBeUndefined();
      carol.close();
    } finally {
      await second.stop();
    }
  });

  it('makes the form read-only for everyone while the budget is locked, live, and re-bases on a save', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const alice = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      const bob = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      processSignals().notifyCollab({ type: 'lock', ppaId: childId, locked: true });
      await eventually(() => bob.doc.getMap(META).get(META_KEY.locked) === true);
      // A write while locked is dropped (the form stops typing first; this is the server's own guard).
      const carol = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      setAmount(carol.doc, 'item-locked', '1');
      await processedAfter(carol, bob, 'after the locked write');
      expect(amountIn(bob.doc, 'item-locked')).toBeUndefined();
      carol.close();

      processSignals().notifyCollab({ type: 'lock', ppaId: childId, locked: false });
      await eventually(() => bob.doc.getMap(META).get(META_KEY.locked) === false);
      setAmount(alice.doc, 'item-open', '2');
      await eventually(() => amountIn(bob.doc, 'item-open') === '2');

      processSignals().notifyCollab({ type: 'saved', ppaId: childId, savedBy: 'Norhaya Planner (MSSD)', savedAt: '2026-11-25T07:30:00.000Z' });
      await eventually(() => bob.doc.getMap(META).get(META_KEY.savedBy) === 'Norhaya Planner (MSSD)');
      expect(hasDraftEdits(bob.doc)).toBe(false);
      alice.close();
      bob.close();
    } finally {
      await stop();
    }
  });

  it('merges edits made while offline when a client reconnects', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const alice = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      const bob = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      alice.provider.disconnect();
      setAmount(alice.doc, 'offline-a', '111');
      setAmount(bob.doc, 'online-b', '222');
      // The server holds bob's later edit but not alice's offline one: a client joining now syncs the
      // server's whole draft, and gets exactly that.
      const dave = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      await eventually(() => amountIn(dave.doc, 'online-b') === '222');
      expect(amountIn(dave.doc, 'offline-a')).toBeUndefined();
      expect(amountIn(bob.doc, 'offline-a')).toBeUndefined();
      dave.close();
      alice.provider.connect();
      await eventually(() => amountIn(bob.doc, 'offline-a') === '111' && amountIn(alice.doc, 'online-b') === '222');
      alice.close();
      bob.close();
    } finally {
      await stop();
    }
  });

  it('starts a locked PPA’s document locked', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const planner = await connectClient(url, livelihoodId, await tokenFor('planner@example.org', livelihoodId));
      await eventually(() => planner.doc.getMap(META).get(META_KEY.locked) === true);
      planner.close();
    } finally {
      await stop();
    }
  });
});
