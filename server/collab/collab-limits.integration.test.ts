import { docs } from '@y/websocket-server/utils';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { openDraftConnection, type CollabToken } from '@/components/collab/draft-connection';
import { collabDocuments, moas, ppas, users } from '@/db/schema';
import {
  amountIn,
  collabTokenFor,
  connectClient,
  eventually,
  nextClose,
  noteIn,
  setAmount,
  setRow,
  startCollab,
  syncUpdateMessage,
  TEST_SECRET,
  upgradeStatus,
  upgradeWithMessage,
} from '@/test/collab';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { demoViewer } from '@/test/viewers';
import { CLOSE_TOKEN_EXPIRED, CLOSE_TOO_LARGE, draftFullReason, MAX_DOCUMENT_BYTES, MAX_UPDATE_BYTES, updateTooLargeReason } from './limits';
import { COLLAB_TOKEN_TTL_MS, issueCollabToken } from '../services/collab/collab-token';
import { META, META_KEY, ROW_FIELD } from './draft-keys';

const MiB = 1024 * 1024;

let handle: TestDatabase;
// MSSD PPAs whose budgets are not locked, one per test that looks at what is stored.
let childId: string;
let womenId: string;
let familyId: string;
let livelihoodId: string; // enacted: its budget is locked

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const id = async (title: string, fy: number) =>
    (await handle.db.select({ id: ppas.id, fy: ppas.fiscalYear }).from(ppas).where(eq(ppas.title, title))).find((p) => p.fy === fy)!.id;
  childId = await id('Child and Youth Welfare Program', 2026);
  womenId = await id("Women's Welfare Program", 2026);
  familyId = await id('Family and Community Welfare Program', 2026);
  livelihoodId = await id('Livelihood Training for OBC Women', 2026);
});
afterAll(() => handle.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokenFor = (email: string, ppaId: string, now?: number) => collabTokenFor(handle.db, email, ppaId, now);

/** The draft as stored in collab_documents (an empty document if none is). */
async function storedDraft(ppaId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const [row] = await handle.db.select().from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId));
  if (row) Y.applyUpdate(doc, row.state);
  return doc;
}

function updateSetting(workItemId: string, centavos: string): Uint8Array {
  const doc = new Y.Doc();
  setAmount(doc, workItemId, centavos);
  return Y.encodeStateAsUpdate(doc);
}

/** The allocation form's own connection (draft-connection.ts), with what it reports. */
async function openForm(url: string, ppaId: string, first: CollabToken, email = 'planner@example.org') {
  const doc = new Y.Doc();
  const reported = { refused: [] as string[], tokenErrors: [] as Error[], tokensFetched: 0, closeCodes: [] as number[] };
  const viewer = await demoViewer(handle.db, email);
  const connection = openDraftConnection({
    serverUrl: url,
    ppaId,
    doc,
    token: first,
    fetchToken: () => {
      reported.tokensFetched++;
      return issueCollabToken({ db: handle.db, viewer, ppaId, secret: TEST_SECRET });
    },
    onStatus: () => undefined,
    onRefused: (reason) => reported.refused.push(reason),
    onTokenError: (error) => reported.tokenErrors.push(error),
    WebSocketPolyfill: WebSocket as never,
  });
  connection.provider.on('connection-close', (event) => event && reported.closeCodes.push(event.code));
  await eventually(() => connection.provider.synced);
  return { doc, provider: connection.provider, reported, close: connection.destroy };
}

describe('collaboration server: who may write, and when', () => {
  it('applies nothing a client sends in the same packet as its upgrade request while the budget is locked', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      // The same packet on an open budget does land: the test really gets a write past the upgrade.
      const open = await upgradeWithMessage(
        `${url}/${childId}?token=${await tokenFor('planner@example.org', childId)}`,
        syncUpdateMessage(updateSetting('item-race', '12')),
      );
      expect(open.status).toBe(101);
      const witness = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      await eventually(() => amountIn(witness.doc, 'item-race') === '12');
      open.socket.destroy();
      witness.close();

      const racer = await upgradeWithMessage(
        `${url}/${livelihoodId}?token=${await tokenFor('planner@example.org', livelihoodId)}`,
        syncUpdateMessage(updateSetting('item-race', '13')),
      );
      expect(racer.status).toBe(101);
      await pause(300);
      const admin = await connectClient(url, livelihoodId, await tokenFor('admin@example.org', livelihoodId));
      expect(admin.doc.getMap(META).get(META_KEY.locked)).toBe(true);
      expect(amountIn(admin.doc, 'item-race')).toBeUndefined();
      racer.socket.destroy();
      admin.close();
      await stop();
      expect(amountIn(await storedDraft(livelihoodId), 'item-race')).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('refuses a deactivated user’s still-valid token from the next connection on, and re-reads rights on each', async () => {
    const { url, stop } = await startCollab(handle.db);
    const planner = await demoViewer(handle.db, 'planner@example.org');
    const [mafar] = await handle.db.select({ id: moas.id }).from(moas).where(eq(moas.code, 'MAFAR'));
    try {
      const viewerToken = await tokenFor('viewer@example.org', childId);
      await handle.db.update(users).set({ deactivatedAt: new Date() }).where(eq(users.email, 'viewer@example.org'));
      expect(await upgradeStatus(`${url}/${childId}?token=${viewerToken}`)).toBe(403);
      await handle.db.update(users).set({ deactivatedAt: null }).where(eq(users.email, 'viewer@example.org'));
      expect(await upgradeStatus(`${url}/${childId}?token=${viewerToken}`)).toBe(101);

      // Moved to another MOA since the token was issued: the PPA is out of sight.
      const plannerToken = await tokenFor('planner@example.org', childId);
      await handle.db.update(users).set({ moaId: mafar!.id }).where(eq(users.id, planner.userId));
      expect(await upgradeStatus(`${url}/${childId}?token=${plannerToken}`)).toBe(403);

      // Made a viewer: an edit token now only reads.
      await handle.db.update(users).set({ moaId: planner.moaId, role: 'viewer' }).where(eq(users.id, planner.userId));
      const demoted = await connectClient(url, childId, plannerToken);
      const admin = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      setAmount(demoted.doc, 'item-demoted', '5');
      setAmount(admin.doc, 'item-admin', '6');
      await eventually(() => amountIn(demoted.doc, 'item-admin') === '6');
      await pause(100);
      expect(amountIn(admin.doc, 'item-demoted')).toBeUndefined();
      demoted.close();
      admin.close();
    } finally {
      await handle.db.update(users).set({ deactivatedAt: null }).where(eq(users.email, 'viewer@example.org'));
      await handle.db.update(users).set({ role: 'planner', moaId: planner.moaId }).where(eq(users.id, planner.userId));
      await stop();
    }
  });

  it('closes a connection when its token expires, and the form reconnects with a fresh one', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const shortLived = (email: string) => tokenFor(email, womenId, Date.now() - COLLAB_TOKEN_TTL_MS + 500);
      const plain = await connectClient(url, womenId, await shortLived('admin@example.org'));
      expect(await nextClose(plain.provider)).toEqual({ code: CLOSE_TOKEN_EXPIRED, reason: 'token expired' });
      plain.close();

      const viewer = await demoViewer(handle.db, 'planner@example.org');
      const first = await issueCollabToken({ db: handle.db, viewer, ppaId: womenId, secret: TEST_SECRET, now: Date.now() - COLLAB_TOKEN_TTL_MS + 500 });
      const form = await openForm(url, womenId, first);
      const admin = await connectClient(url, womenId, await tokenFor('admin@example.org', womenId));
      await eventually(() => form.reported.closeCodes.includes(CLOSE_TOKEN_EXPIRED) && form.provider.synced);
      expect(form.reported.tokensFetched).toBeGreaterThanOrEqual(1);
      setAmount(form.doc, 'item-after-renewal', '77');
      await eventually(() => amountIn(admin.doc, 'item-after-renewal') === '77');
      expect(form.reported.refused).toEqual([]);
      expect(form.reported.tokenErrors).toEqual([]);
      form.close();
      admin.close();
    } finally {
      await stop();
    }
  });

  it('takes no write on an expired token even before the expiry timer fires', async () => {
    let clock = Date.now();
    const { url, stop } = await startCollab(handle.db, { now: () => clock });
    try {
      const planner = await connectClient(url, childId, await tokenFor('planner@example.org', childId, clock));
      const admin = await connectClient(url, childId, await tokenFor('admin@example.org', childId, clock + COLLAB_TOKEN_TTL_MS));
      clock += COLLAB_TOKEN_TTL_MS + 1;
      const closed = nextClose(planner.provider);
      setAmount(planner.doc, 'item-late', '1');
      expect(await closed).toEqual({ code: CLOSE_TOKEN_EXPIRED, reason: 'token expired' });
      await pause(100);
      expect(amountIn(admin.doc, 'item-late')).toBeUndefined();
      planner.close();
      admin.close();
    } finally {
      await stop();
    }
  });
});

describe('collaboration server: size limits', () => {
  it('refuses an update over 1 MiB: not applied, relayed or stored, and the form says why', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const viewer = await demoViewer(handle.db, 'planner@example.org');
      const form = await openForm(url, familyId, await issueCollabToken({ db: handle.db, viewer, ppaId: familyId, secret: TEST_SECRET }));
      const admin = await connectClient(url, familyId, await tokenFor('admin@example.org', familyId));
      setAmount(form.doc, 'item-small', '100');
      await eventually(() => amountIn(admin.doc, 'item-small') === '100');

      setRow(form.doc, 'item-huge', ROW_FIELD.note, 'x'.repeat(1.1 * MiB));
      await eventually(() => form.reported.refused.length > 0);
      expect(form.reported.refused).toEqual([updateTooLargeReason(MAX_UPDATE_BYTES)]);
      expect(form.reported.refused[0]).toMatch(/too large to share \(over 1 MiB\)/);
      expect(form.reported.closeCodes).toEqual([CLOSE_TOO_LARGE]);
      await pause(300); // no reconnect: it would only be refused again
      expect(form.provider.wsconnected).toBe(false);
      expect(noteIn(admin.doc, 'item-huge')).toBeUndefined();

      // The room carries on for everyone else.
      setAmount(admin.doc, 'item-after', '200');
      form.close();
      admin.close();
      await eventually(async () => !docs.has(familyId) && amountIn(await storedDraft(familyId), 'item-after') === '200');
      const stored = await storedDraft(familyId);
      expect(amountIn(stored, 'item-small')).toBe('100');
      expect(noteIn(stored, 'item-huge')).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('refuses an update that would take the document over its limit, and cuts off a message past twice the update limit', async () => {
    const { url, stop } = await startCollab(handle.db, { maxUpdateBytes: 2000, maxDocumentBytes: 6000 });
    try {
      const planner = await connectClient(url, womenId, await tokenFor('planner@example.org', womenId));
      const admin = await connectClient(url, womenId, await tokenFor('admin@example.org', womenId));
      for (const n of [1, 2, 3]) {
        setRow(planner.doc, `item-${n}`, ROW_FIELD.note, String(n).repeat(1500));
        await eventually(() => noteIn(admin.doc, `item-${n}`) !== undefined);
      }
      const closed = nextClose(planner.provider);
      setRow(planner.doc, 'item-4', ROW_FIELD.note, '4'.repeat(1500));
      expect(await closed).toEqual({ code: CLOSE_TOO_LARGE, reason: draftFullReason(6000) });
      await pause(100);
      expect(noteIn(admin.doc, 'item-4')).toBeUndefined();
      planner.close();

      // Over 4000 bytes ws stops reading and closes with 1009; the form takes that as "too large" as well.
      const viewer = await demoViewer(handle.db, 'admin@example.org');
      const form = await openForm(url, womenId, await issueCollabToken({ db: handle.db, viewer, ppaId: womenId, secret: TEST_SECRET }), 'admin@example.org');
      setRow(form.doc, 'item-giant', ROW_FIELD.note, 'g'.repeat(5000));
      await eventually(() => form.reported.refused.length > 0);
      expect(form.reported.closeCodes).toEqual([1009]);
      expect(form.reported.refused[0]).toMatch(/too large to share/);
      expect(noteIn(admin.doc, 'item-giant')).toBeUndefined();
      form.close();
      admin.close();
      await stop();
      const stored = await storedDraft(womenId);
      expect(noteIn(stored, 'item-3')).toBe('3'.repeat(1500));
      expect(noteIn(stored, 'item-4')).toBeUndefined();
      expect(noteIn(stored, 'item-giant')).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('says so in a close reason short enough for the websocket protocol', () => {
    for (const reason of [updateTooLargeReason(MAX_UPDATE_BYTES), draftFullReason(MAX_DOCUMENT_BYTES), updateTooLargeReason(1000 * MiB + 1)]) {
      expect(Buffer.byteLength(reason)).toBeLessThanOrEqual(123);
    }
  });
});

describe('collaboration server: rooms', () => {
  it('stores the draft and frees the room when the last editor leaves, and reopens it with the edit', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const planner = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      const admin = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      const roomDoc = docs.get(childId)!;
      setAmount(planner.doc, 'item-kept', '4242');
      await eventually(() => amountIn(admin.doc, 'item-kept') === '4242');
      planner.close();
      admin.close();
      await eventually(() => !docs.has(childId) && roomDoc.isDestroyed);
      // Straight back in: the reopened room waits for the store of the one that just closed.
      const again = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      expect(amountIn(again.doc, 'item-kept')).toBe('4242');
      again.close();
      await eventually(async () => !docs.has(childId) && amountIn(await storedDraft(childId), 'item-kept') === '4242');
    } finally {
      await stop();
    }
  });
});
