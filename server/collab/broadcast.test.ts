import { setTimeout as sleep } from 'node:timers/promises';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import { WSSharedDoc } from '@y/websocket-server/utils';
import { throttleBroadcasts } from './broadcast';

/** A connection as the broadcaster sees it: its state, and the messages it was sent. */
function fakeConnection(readyState: number = WebSocket.OPEN) {
  const sent: Uint8Array[] = [];
  const connection = {
    readyState,
    sent,
    /** What the client has not read yet: here, everything sent unless `reads()` is called. */
    bufferedAmount: 0,
    reading: true,
    send: (message: Uint8Array) => {
      sent.push(message);
      if (!connection.reading) connection.bufferedAmount += message.byteLength;
    },
    close: () => undefined,
    terminate: () => void (connection.readyState = WebSocket.CLOSED),
  };
  return connection;
}

/** The update inside a y-websocket sync-update message (type 0, sync type 2). */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  expect(decoding.readVarUint(decoder)).toBe(2);
  return decoding.readVarUint8Array(decoder);
}

/** A room's document with connections, and a client whose edits it receives. */
function room(windowMs: number, messagesPerWindow: number) {
  const doc = new WSSharedDoc(`throttle-${Math.random()}`);
  const open = fakeConnection();
  const closing = fakeConnection(WebSocket.CLOSING);
  doc.conns.set(open, new Set());
  doc.conns.set(closing, new Set());
  const broadcasts = throttleBroadcasts(doc, { windowMs, messagesPerWindow });
  const client = new Y.Doc();
  client.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'client'));
  const edit = (row: string, amount: string) => client.getMap<string>('rows').set(row, amount);
  return { doc, open, closing, broadcasts, client, edit };
}

describe('throttled broadcasts', () => {
  it('sends each edit at once while the window has messages to spare', () => {
    const { open, edit, broadcasts } = room(10_000, 1_000);
    for (let i = 0; i < 100; i++) edit(`row-${i}`, `${i}.00`);
    // Two connections per broadcast: 100 broadcasts are 200 messages, within the window's 1,000.
    expect(open.sent).toHaveLength(100);
    broadcasts.stop();
    expect(open.sent).toHaveLength(100);
  });

  it("past the window's messages, merges its further edits into one message at its end, which ends where they did", async () => {
    // Two connections: one broadcast fills the window.
    const { open, closing, client, edit, broadcasts } = room(40, 2);
    edit('a', '1.00');
    expect(open.sent).toHaveLength(1);
    for (let i = 0; i < 10; i++) edit(`row-${i}`, `${i}.00`);
    // Within the window: nothing yet, then one message for all ten.
    expect(open.sent).toHaveLength(1);
    await sleep(80);
    expect(open.sent).toHaveLength(2);
    const follower = new Y.Doc();
    for (const message of open.sent) Y.applyUpdate(follower, updateOf(message));
    expect(follower.getMap('rows').toJSON()).toEqual(client.getMap('rows').toJSON());
    expect(Object.keys(follower.getMap('rows').toJSON())).toHaveLength(11);
    // A connection on its way out is left to y-websocket's close handling.
    expect(closing.sent).toHaveLength(0);
    // Quiet again: the next edit goes at once.
    await sleep(50);
    edit('b', '2.00');
    expect(open.sent).toHaveLength(3);
    broadcasts.stop();
  });

  it('sends what is pending when stopped, and nothing after', () => {
    const { open, edit, broadcasts, doc } = room(10_000, 2);
    edit('a', '1.00');
    edit('b', '2.00');
    expect(open.sent).toHaveLength(1);
    broadcasts.stop();
    expect(open.sent).toHaveLength(2);
    edit('c', '3.00');
    expect(open.sent).toHaveLength(2);
    expect(doc.getMap('rows').toJSON()).toEqual({ a: '1.00', b: '2.00', c: '3.00' });
  });

  it("past the window's messages, gathers presence into one awareness update with every changed client's state; each connection still owns what it announced", async () => {
    const { doc, open, broadcasts } = room(40, 2);
    const peers = ['Amina', 'Bai', 'Camille'].map((name) => ({ name, awareness: new Awareness(new Y.Doc()) }));
    const announce = (peer: (typeof peers)[number], name: string) => {
      peer.awareness.setLocalState({ user: { name } });
      applyAwarenessUpdate(doc.awareness, encodeAwarenessUpdate(peer.awareness, [peer.awareness.clientID]), open);
    };
    announce(peers[0]!, 'Amina');
    expect(open.sent).toHaveLength(1);
    announce(peers[1]!, 'Bai');
    announce(peers[2]!, 'Camille');
    announce(peers[0]!, 'Amina (phone)');
    expect(open.sent).toHaveLength(1);
    await sleep(80);
    expect(open.sent).toHaveLength(2);
    const follower = new Awareness(new Y.Doc());
    for (const sent of open.sent) {
      const decoder = decoding.createDecoder(sent);
      expect(decoding.readVarUint(decoder)).toBe(1);
      applyAwarenessUpdate(follower, decoding.readVarUint8Array(decoder), null);
    }
    const names = () =>
      [...follower.getStates().values()]
        .map((state) => (state as { user?: { name: string } }).user?.name)
        .filter(Boolean)
        .sort();
    expect(names()).toEqual(['Amina (phone)', 'Bai', 'Camille']);
    // What y-websocket removes when this connection closes.
    expect([...doc.conns.get(open)!].sort()).toEqual(peers.map((p) => p.awareness.clientID).sort());
    // A closed connection's presence goes (y-websocket removes it with no origin): the others hear it.
    await sleep(50);
    removeAwarenessStates(doc.awareness, [peers[1]!.awareness.clientID], null);
    expect(open.sent).toHaveLength(3);
    const decoder = decoding.createDecoder(open.sent[2]!);
    decoding.readVarUint(decoder);
    applyAwarenessUpdate(follower, decoding.readVarUint8Array(decoder), null);
    expect(names()).toEqual(['Amina (phone)', 'Camille']);
    broadcasts.stop();
    for (const peer of [...peers.map((p) => p.awareness), follower, doc.awareness]) peer.destroy();
  });

  it('cuts off a connection that does not read once more than the limit waits for it, and goes on sending to the others', () => {
    const doc = new WSSharedDoc(`throttle-${Math.random()}`);
    const reader = fakeConnection();
    const stalled = fakeConnection();
    stalled.reading = false;
    doc.conns.set(reader, new Set());
    doc.conns.set(stalled, new Set());
    const broadcasts = throttleBroadcasts(doc, { maxUnsentBytes: 10_000 });
    const client = new Y.Doc();
    client.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'client'));
    for (let i = 0; i < 20; i++) client.getMap<string>('notes').set(`row-${i}`, 'n'.repeat(1000));
    expect(stalled.readyState).toBe(WebSocket.CLOSED);
    expect(stalled.bufferedAmount).toBeLessThanOrEqual(10_000);
    expect(reader.sent).toHaveLength(20);
    broadcasts.stop();
  });

  it('refuses a document whose y-websocket broadcaster is not there (already replaced, or a changed library)', () => {
    const { doc, broadcasts } = room(40, 2);
    expect(() => throttleBroadcasts(doc)).toThrow(/broadcaster was not found/);
    broadcasts.stop();
  });
});
