import { docs } from '@y/websocket-server/utils';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { amountIn, connectClient, eventually, setAmount, startCollabServer, TEST_SECRET, upgradeStatus } from '@/test/collab';
import { captureLog } from '@/test/log';
import type { CollabAuthorizer, CollabStore } from '../services/collab/collab-documents';
import { draftMeta, META_KEY } from './draft-keys';
import { LEGACY_ROWS } from './draft-migration';
import { signCollabToken, type CollabMode } from '../services/collab/collab-token';

// The server's wiring alone: drafts and rights come from memory, not the database.
const PPA = '00000000-0000-4000-8000-000000000001';

function memoryStore(initial: { state?: Uint8Array; locked?: boolean } = {}) {
  const stores: Uint8Array[] = [];
  let state = initial.state ?? null;
  const store: CollabStore = {
    fetch: async () => ({ state, locked: initial.locked ?? false }),
    store: async (_ppaId, next) => {
      state = next;
      stores.push(next);
    },
  };
  return { store, stores, current: () => state };
}

/** Lets in everyone the token names, but user "gone" (403). */
const authorizer: CollabAuthorizer = { authorize: async (claims) => (claims.userId === 'gone' ? { refuse: 403 } : { mode: claims.mode }) };

const tokenFor = (userId: string, mode: CollabMode = 'edit') =>
  signCollabToken({ userId, name: userId, ppaId: PPA, mode, exp: Date.now() + 60_000 }, TEST_SECRET);

function stateWith(workItemId: string, centavos: string): Uint8Array {
  const doc = new Y.Doc();
  setAmount(doc, workItemId, centavos);
  return Y.encodeStateAsUpdate(doc);
}

describe('collaboration server wiring (in-memory store)', () => {
  it('opens a room from the stored draft and lock, and stores edits through the store when the last editor leaves', async () => {
    const memory = memoryStore({ state: stateWith('item-stored', '10') });
    const { url, stop } = await startCollabServer({ store: memory.store, authorizer, persistDelayMs: 60_000, persistMaxWaitMs: 60_000 });
    try {
      const alice = await connectClient(url, PPA, tokenFor('alice'));
      expect(amountIn(alice.doc, 'item-stored')).toBe('10');
      expect(draftMeta(alice.doc).get(META_KEY.locked)).toBe(false);
      setAmount(alice.doc, 'item-new', '20');
      await eventually(() => amountIn(docs.get(PPA)!, 'item-new') === '20');
      expect(memory.stores).toHaveLength(0); // debounced
      alice.close();
      await eventually(() => !docs.has(PPA) && memory.stores.length === 1);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, memory.current()!);
      expect(amountIn(stored, 'item-stored')).toBe('10');
      expect(amountIn(stored, 'item-new')).toBe('20');
    } finally {
      await stop();
    }
  });

  it('opens a draft stored in the first layout (a Y.Map per row) with its edits, and stores it in the new one', async () => {
    const legacy = new Y.Doc();
    const row = new Y.Map<string>();
    legacy.getMap(LEGACY_ROWS).set('item-legacy', row);
    row.set('amount', '4200');
    const memory = memoryStore({ state: Y.encodeStateAsUpdate(legacy) });
    const { url, stop } = await startCollabServer({ store: memory.store, authorizer });
    try {
      const alice = await connectClient(url, PPA, tokenFor('alice'));
      expect(amountIn(alice.doc, 'item-legacy')).toBe('4200');
      alice.close();
      await eventually(() => !docs.has(PPA) && memory.stores.length > 0);
      const stored = new Y.Doc();
      Y.applyUpdate(stored, memory.current()!);
      expect(amountIn(stored, 'item-legacy')).toBe('4200');
      expect(stored.getMap(LEGACY_ROWS).size).toBe(0);
    } finally {
      await stop();
    }
  });

  it('refuses what the authorizer refuses, and drops the writes of read-only peers and of everyone while locked', async () => {
    const open = memoryStore();
    const first = await startCollabServer({ store: open.store, authorizer });
    try {
      expect(await upgradeStatus(`${first.url}/${PPA}?token=${tokenFor('gone')}`)).toBe(403);
      const editor = await connectClient(first.url, PPA, tokenFor('editor'));
      const reader = await connectClient(first.url, PPA, tokenFor('reader', 'read'));
      setAmount(reader.doc, 'item-reader', '1');
      setAmount(editor.doc, 'item-editor', '2');
      await eventually(() => amountIn(reader.doc, 'item-editor') === '2');
      await new Promise((r) => setTimeout(r, 100));
      expect(amountIn(editor.doc, 'item-reader')).toBeUndefined();
      editor.close();
      reader.close();
    } finally {
      await first.stop();
    }

    const locked = memoryStore({ locked: true });
    const second = await startCollabServer({ store: locked.store, authorizer });
    try {
      const a = await connectClient(second.url, PPA, tokenFor('a'));
      const b = await connectClient(second.url, PPA, tokenFor('b'));
      expect(draftMeta(a.doc).get(META_KEY.locked)).toBe(true);
      setAmount(a.doc, 'item-locked', '3');
      await new Promise((r) => setTimeout(r, 100));
      expect(amountIn(b.doc, 'item-locked')).toBeUndefined();
      a.close();
      b.close();
    } finally {
      await second.stop();
    }
  });

  it('answers 503 and writes nothing when the stored draft cannot be read', async () => {
    const stores: Uint8Array[] = [];
    const failing: CollabStore = {
      fetch: async () => {
        throw new Error('store down');
      },
      store: async (_ppaId, state) => void stores.push(state),
    };
    const log = captureLog();
    const { url, stop } = await startCollabServer({ store: failing, authorizer });
    try {
      expect(await upgradeStatus(`${url}/${PPA}?token=${tokenFor('alice')}`)).toBe(503);
      await eventually(() => !docs.has(PPA));
      expect(stores).toEqual([]);
      expect(log.messages()).toContain('collab: admitting a connection failed');
    } finally {
      await stop();
      log.restore();
    }
  });
});
