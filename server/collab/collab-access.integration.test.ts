import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { openDraftConnection } from '@/components/collab/draft-connection';
import { collabDocuments, ppas, users } from '@/db/schema';
import { WebsocketProvider } from 'y-websocket';
import {
  amountIn,
  collabTokenFor,
  connectClient,
  eventually,
  nextClose,
  setAmount,
  startCollab,
  startCollabServer,
  TEST_SECRET,
  upgradeStatus,
} from '@/test/collab';
import { startCollabInstance } from '@/test/collab-instance';
import { createSeededTestDatabase, type TestDatabase } from '@/test/database';
import { demoViewer } from '@/test/viewers';
import { accessChangedReason, accountDeactivatedReason, CLOSE_ACCESS_REVOKED, CLOSE_TOKEN_EXPIRED } from './limits';
import type { CollabAuthorizer, CollabStore } from '../services/collab/collab-documents';
import { processSignals } from '../services/effects/signals';
import { issueCollabToken, signCollabToken } from '../services/collab/collab-token';
import { updateUser } from '../services/users/manage-users';
import { redisCollabRelay } from './relay';

// A person's access changing while their co-editing connection is open: deactivated through the users service
// (as the admin page does), on this instance and on another one that hears of it through Redis.
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const onPostgres = inject('testDatabase').driver === 'postgres';

let handle: TestDatabase;
let childId: string;
let womenId: string;
let planner: Awaited<ReturnType<typeof demoViewer>>;
let admin: Awaited<ReturnType<typeof demoViewer>>;

beforeAll(async () => {
  handle = await createSeededTestDatabase();
  const id = async (title: string) =>
    (await handle.db.select({ id: ppas.id, fy: ppas.fiscalYear }).from(ppas).where(eq(ppas.title, title))).find((p) => p.fy === 2026)!.id;
  childId = await id('Child and Youth Welfare Program');
  womenId = await id("Women's Welfare Program");
  planner = await demoViewer(handle.db, 'planner@example.org');
  admin = await demoViewer(handle.db, 'admin@example.org');
});
afterEach(async () => {
  await handle.db.update(users).set({ deactivatedAt: null, role: 'planner', moaId: planner.moaId }).where(eq(users.id, planner.userId));
});
afterAll(() => handle.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tokenFor = (email: string, ppaId: string) => collabTokenFor(handle.db, email, ppaId);
const deactivatePlanner = () => updateUser({ db: handle.db, actor: admin, userId: planner.userId, changes: { active: false } });

async function storedDraft(ppaId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const [row] = await handle.db.select().from(collabDocuments).where(eq(collabDocuments.ppaId, ppaId));
  if (row) Y.applyUpdate(doc, row.state);
  return doc;
}

describe('co-editing when a person’s access changes', () => {
  it('deactivating an editor closes their open connection at once: a write sent right after is not applied, and the token opens nothing more', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const plannerToken = await tokenFor('planner@example.org', childId);
      const norhaya = await connectClient(url, childId, plannerToken);
      const amina = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      setAmount(norhaya.doc, 'item-before', '1');
      await eventually(() => amountIn(amina.doc, 'item-before') === '1');

      const closed = nextClose(norhaya.provider);
      await deactivatePlanner();
      // Her browser has not heard of the close yet: this write goes out on the same connection.
      expect(norhaya.provider.wsconnected).toBe(true);
      setAmount(norhaya.doc, 'item-after', '2');
      expect(await closed).toEqual({ code: CLOSE_ACCESS_REVOKED, reason: accountDeactivatedReason });
      // Her token is still within its two minutes: it opens nothing.
      expect(await upgradeStatus(`${url}/${childId}?token=${plannerToken}`)).toBe(403);
      await pause(200);
      expect(amountIn(amina.doc, 'item-after')).toBeUndefined();
      norhaya.close();
      amina.close();
      await eventually(async () => amountIn(await storedDraft(childId), 'item-before') === '1');
      expect(amountIn(await storedDraft(childId), 'item-after')).toBeUndefined();
    } finally {
      await stop();
    }
  });

  it('the form says why it stopped, and a new role closes the connection as at token expiry: the form comes back read-only', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const reported = { refused: [] as string[], modes: [] as string[], closes: [] as { code: number; reason: string }[] };
      const doc = new Y.Doc();
      const form = openDraftConnection({
        serverUrl: url,
        ppaId: womenId,
        doc,
        token: await issueCollabToken({ db: handle.db, viewer: planner, ppaId: womenId, secret: TEST_SECRET }),
        fetchToken: async () =>
          issueCollabToken({ db: handle.db, viewer: await demoViewer(handle.db, 'planner@example.org'), ppaId: womenId, secret: TEST_SECRET }),
        onStatus: () => undefined,
        onRefused: (reason) => reported.refused.push(reason),
        onTokenError: (error) => reported.refused.push(error.message),
        onMode: (mode) => reported.modes.push(mode),
        WebSocketPolyfill: WebSocket as never,
      });
      form.provider.on('connection-close', (event) => event && reported.closes.push({ code: event.code, reason: event.reason }));
      const amina = await connectClient(url, womenId, await tokenFor('admin@example.org', womenId));
      await eventually(() => form.provider.synced);

      // Made a viewer: the connection closes, the form takes a fresh (read) token and reconnects.
      await updateUser({ db: handle.db, actor: admin, userId: planner.userId, changes: { role: 'viewer' } });
      await eventually(() => reported.modes.includes('read') && form.provider.wsconnected && form.provider.synced);
      expect(reported.closes).toEqual([{ code: CLOSE_TOKEN_EXPIRED, reason: accessChangedReason }]);
      setAmount(doc, 'item-as-viewer', '3');
      await pause(200);
      expect(amountIn(amina.doc, 'item-as-viewer')).toBeUndefined();

      // Deactivated: closed for good, with the reason the form shows.
      await deactivatePlanner();
      await eventually(() => reported.refused.length > 0);
      expect(reported.refused).toEqual([accountDeactivatedReason]);
      expect(reported.closes.at(-1)).toEqual({ code: CLOSE_ACCESS_REVOKED, reason: accountDeactivatedReason });
      await pause(200);
      expect(form.provider.wsconnected).toBe(false);
      form.destroy();
      amina.close();
    } finally {
      await stop();
    }
  });

  it('a connection still being admitted when the user is deactivated is closed as it joins', async () => {
    let letIn: () => void = () => undefined;
    const authorizing = new Promise<void>((resolve) => (letIn = resolve));
    // Rights read (still active) just before the deactivation lands; the connection joins just after.
    let asked = false;
    const authorizer: CollabAuthorizer = {
      authorize: async (claims) => {
        asked = true;
        await authorizing;
        return { mode: claims.mode };
      },
    };
    const store: CollabStore = { fetch: async () => ({ state: null, locked: false }), store: async () => undefined };
    const { url, stop } = await startCollabServer({ store, authorizer });
    try {
      const token = signCollabToken({ userId: planner.userId, name: 'Norhaya', ppaId: childId, mode: 'edit', exp: Date.now() + 60_000 }, TEST_SECRET);
      const provider = new WebsocketProvider(url, childId, new Y.Doc(), { params: { token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
      const closed = nextClose(provider);
      await eventually(() => asked);
      processSignals().notifyCollab({ type: 'access', userId: planner.userId, deactivated: true });
      letIn();
      expect(await closed).toEqual({ code: CLOSE_ACCESS_REVOKED, reason: accountDeactivatedReason });
      provider.destroy();
    } finally {
      await stop();
    }
  });

  it('a name change leaves the connection alone', async () => {
    const { url, stop } = await startCollab(handle.db);
    try {
      const norhaya = await connectClient(url, childId, await tokenFor('planner@example.org', childId));
      const amina = await connectClient(url, childId, await tokenFor('admin@example.org', childId));
      await updateUser({ db: handle.db, actor: admin, userId: planner.userId, changes: { name: 'Norhaya Planner (MSSD)' } });
      setAmount(norhaya.doc, 'item-renamed', '4');
      await eventually(() => amountIn(amina.doc, 'item-renamed') === '4');
      expect(norhaya.provider.wsconnected).toBe(true);
      norhaya.close();
      amina.close();
    } finally {
      await stop();
    }
  });
});

describe.skipIf(!onPostgres)('co-editing when a person’s access changes, across instances (Redis relay)', () => {
  it('deactivating an editor on one instance closes their connection on another, which takes no further write from them', async () => {
    const prefix = `ppa-test-${randomBytes(4).toString('hex')}:`;
    const instanceB = await startCollabInstance({ databaseUrl: handle.url!, redisUrl, redisPrefix: prefix });
    // This process's services announce through instance A's relay, as on a deployment's instance.
    const a = await startCollab(handle.db, { relay: redisCollabRelay({ url: redisUrl, prefix }) });
    try {
      const plannerToken = await tokenFor('planner@example.org', womenId);
      const norhaya = await connectClient(instanceB.url, womenId, plannerToken);
      const amina = await connectClient(a.url, womenId, await tokenFor('admin@example.org', womenId));
      setAmount(norhaya.doc, 'item-before-b', '5');
      await eventually(() => amountIn(amina.doc, 'item-before-b') === '5');

      const closed = nextClose(norhaya.provider);
      await deactivatePlanner();
      expect(await closed).toEqual({ code: CLOSE_ACCESS_REVOKED, reason: accountDeactivatedReason });
      // Written after the close, and pushed again by a reconnect with the still-valid token: refused (403).
      setAmount(norhaya.doc, 'item-after-b', '6');
      expect(await upgradeStatus(`${instanceB.url}/${womenId}?token=${plannerToken}`)).toBe(403);
      norhaya.provider.connect();
      await pause(300);
      expect(amountIn(amina.doc, 'item-after-b')).toBeUndefined();
      norhaya.close();
      amina.close();
    } finally {
      await a.stop();
      await instanceB.stop();
    }
  });
});
