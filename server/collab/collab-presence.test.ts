import { docs } from '@y/websocket-server/utils';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { connectClient, eventually, nextClose, startCollabServer, TEST_SECRET } from '@/test/collab';
import type { CollabAuthorizer, CollabStore } from '../services/collab/collab-documents';
import { CLOSE_TOO_LARGE, MAX_PRESENCE_BYTES, PRESENCE_CHANGE_BURST, presenceTooBusyReason, presenceTooLargeReason } from './limits';
import { signCollabToken, type CollabMode } from '../services/collab/collab-token';

// Presence (awareness) on a real server with real y-websocket clients; drafts and rights from memory.
const PPA = '00000000-0000-4000-8000-000000000002';
const store: CollabStore = { fetch: async () => ({ state: null, locked: false }), store: async () => undefined };
const authorizer: CollabAuthorizer = { authorize: async (claims) => ({ mode: claims.mode }) };
const tokenFor = (userId: string, mode: CollabMode) => signCollabToken({ userId, name: userId, ppaId: PPA, mode, exp: Date.now() + 10 * 60_000 }, TEST_SECRET);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Client = Awaited<ReturnType<typeof connectClient>>;

/** Every presence change of `clientId` that reached `observer`. */
function changesSeen(observer: Client, clientId: number) {
  const seen: unknown[] = [];
  observer.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
    if ([...added, ...updated].includes(clientId)) seen.push(observer.provider.awareness.getStates().get(clientId));
  });
  return seen;
}

describe('presence limits on the collaboration server', () => {
  it('closes a read-only viewer’s connection on a presence over 4 KiB: nobody receives it and the server does not hold it', async () => {
    const { url, stop } = await startCollabServer({ store, authorizer });
    try {
      const editor = await connectClient(url, PPA, tokenFor('editor', 'edit'));
      const viewer = await connectClient(url, PPA, tokenFor('viewer', 'read'));
      const seen = changesSeen(editor, viewer.doc.clientID);
      viewer.provider.awareness.setLocalStateField('user', { name: 'Jamal Viewer (MSSD)' });
      await eventually(() => seen.length === 1);

      const closed = nextClose(viewer.provider);
      viewer.provider.awareness.setLocalStateField('blob', 'x'.repeat(900 * 1024));
      expect(await closed).toEqual({ code: CLOSE_TOO_LARGE, reason: presenceTooLargeReason(MAX_PRESENCE_BYTES) });
      await pause(100);
      expect(seen).toHaveLength(1);
      const held = docs.get(PPA)!.awareness.getStates().get(viewer.doc.clientID) as Record<string, unknown> | undefined;
      expect(held?.blob).toBeUndefined();
      viewer.close();
      editor.close();
    } finally {
      await stop();
    }
  });

  it('closes a connection whose presence changes outrun its allowance, and the others receive no more than the allowance', async () => {
    const clock = Date.now(); // held still: only the burst is available
    const { url, stop } = await startCollabServer({ store, authorizer, now: () => clock });
    try {
      const editor = await connectClient(url, PPA, tokenFor('editor', 'edit'));
      const viewer = await connectClient(url, PPA, tokenFor('viewer', 'read'));
      const seen = changesSeen(editor, viewer.doc.clientID);
      const closed = nextClose(viewer.provider);
      const change = 3 * 1024;
      for (let i = 0; i < 300 && viewer.provider.wsconnected; i++) viewer.provider.awareness.setLocalStateField('blob', `${i}`.padEnd(change, 'x'));
      expect(await closed).toEqual({ code: CLOSE_TOO_LARGE, reason: presenceTooBusyReason });
      await pause(100);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.length * change).toBeLessThanOrEqual(PRESENCE_CHANGE_BURST);
      viewer.close();
      editor.close();
    } finally {
      await stop();
    }
  });

  it('closes a connection that announces more people than one browser is', async () => {
    const { url, stop } = await startCollabServer({ store, authorizer });
    try {
      const editor = await connectClient(url, PPA, tokenFor('editor', 'edit'));
      const viewer = await connectClient(url, PPA, tokenFor('viewer', 'read'));
      const closed = nextClose(viewer.provider);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 1); // awareness
      const update = encoding.createEncoder();
      encoding.writeVarUint(update, 5);
      for (let clientId = 1; clientId <= 5; clientId++) {
        encoding.writeVarUint(update, clientId);
        encoding.writeVarUint(update, 1);
        encoding.writeVarString(update, JSON.stringify({ user: { name: `Made-up person ${clientId}` } }));
      }
      encoding.writeVarUint8Array(encoder, encoding.toUint8Array(update));
      (viewer.provider.ws as WebSocket).send(encoding.toUint8Array(encoder));
      expect(await closed).toEqual({ code: CLOSE_TOO_LARGE, reason: presenceTooBusyReason });
      await pause(100);
      expect([1, 2, 3, 4, 5].filter((clientId) => editor.provider.awareness.getStates().has(clientId))).toEqual([]);
      viewer.close();
      editor.close();
    } finally {
      await stop();
    }
  });

  it('never cuts off a browser on a busy form: it hears thirty others, sends them all back, and moves across 300 rows in a row', async () => {
    const { url, stop } = await startCollabServer({ store, authorizer });
    const others: Client[] = [];
    try {
      for (let i = 0; i < 30; i++) {
        const other = await connectClient(url, PPA, tokenFor(`person-${i}`, 'read'));
        other.provider.awareness.setLocalState({
          user: { name: `Person ${i} of the Ministry of Social Services and Development`.padEnd(1000, '.'), colour: '#1d4ed8' },
        });
        others.push(other);
      }
      const planner = await connectClient(url, PPA, tokenFor('planner', 'edit'));
      await eventually(() => planner.provider.awareness.getStates().size === 31);
      planner.provider.awareness.setLocalStateField('user', { name: 'Norhaya Planner (MSSD)', colour: '#b91c1c' });
      for (let row = 0; row < 300; row++) planner.provider.awareness.setLocalStateField('editing', `7a0b6a4e-5b8f-4c41-9d0e-${String(row).padStart(12, '0')}`);
      await eventually(() => others[0]!.provider.awareness.getStates().get(planner.doc.clientID)?.editing === '7a0b6a4e-5b8f-4c41-9d0e-000000000299');
      expect(planner.provider.wsconnected).toBe(true);
      planner.close();
    } finally {
      for (const other of others) other.close();
      await stop();
    }
  });
});
