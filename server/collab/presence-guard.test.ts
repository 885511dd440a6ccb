import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { presenceTooBusyReason, presenceTooLargeReason } from './limits';
import { presenceGuard, type PresenceLimits } from './presence-guard';

const limits: PresenceLimits = {
  maxEntryBytes: 1000,
  maxClients: 2,
  changeOverhead: 100,
  changeBytesPerSecond: 1000,
  changeBurst: 3000,
  messageBytesPerSecond: 10_000,
  messageBurst: 20_000,
};

/** An awareness update naming these clients with their state as JSON text, as anyone may send it. */
function presenceText(entries: { clientId: number; clock: number; text: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, text } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, text);
  }
  return encoding.toUint8Array(encoder);
}

/** An awareness update naming these clients, as a client would send it. */
const presence = (entries: { clientId: number; clock: number; state: unknown }[]) =>
  presenceText(entries.map(({ clientId, clock, state }) => ({ clientId, clock, text: JSON.stringify(state) })));

/** The server's awareness of a room and one connection's guard over it; `apply` does what y-websocket then does. */
function room() {
  const awareness = new Awareness(new Y.Doc());
  awareness.setLocalState(null);
  let clock = 0;
  const guard = presenceGuard(awareness, () => clock, limits);
  return {
    awareness,
    guard,
    tick: (ms: number) => void (clock += ms),
    /** Checks, and applies what passes. */
    send(update: Uint8Array) {
      const verdict = guard.check(update);
      if (verdict.pass) applyAwarenessUpdate(awareness, update, 'connection');
      return verdict;
    },
  };
}

describe('a connection’s presence limits', () => {
  it('passes a browser’s own presence and its echoes of everyone else’s, which change nothing and cost no allowance', () => {
    const { awareness, send } = room();
    // Others already here (announced on their own connections).
    const others = Array.from({ length: 20 }, (_, i) => ({ clientId: 100 + i, clock: 1, state: { user: { name: `Person ${i}` } } }));
    applyAwarenessUpdate(awareness, presence(others), 'others');
    expect(send(presence([{ clientId: 7, clock: 1, state: { user: { name: 'Norhaya' } } }]))).toEqual({ pass: true });
    // Echoed back many times over: far past the change allowance if it counted.
    for (let i = 0; i < 20; i++) expect(send(presence(others))).toEqual({ pass: true });
    for (let clock = 2; clock < 12; clock++)
      expect(send(presence([{ clientId: 7, clock, state: { user: { name: 'Norhaya' }, editing: `row-${clock}` } }]))).toEqual({ pass: true });
  });

  it('closes on one person’s presence over the size limit, however it is sent, but not on an echo of it', () => {
    const big = { blob: 'x'.repeat(1000) };
    expect(room().send(presence([{ clientId: 7, clock: 1, state: big }]))).toEqual({ pass: false, close: presenceTooLargeReason(1000) });
    // A removal padded out with spaces (JSON still reads null) of someone the server does not know: held, so measured.
    const padded = presenceText([{ clientId: 8, clock: 1, text: `${' '.repeat(1000)}null` }]);
    expect(room().send(padded)).toEqual({ pass: false, close: presenceTooLargeReason(1000) });
    // An old clock changes nothing: read, not held.
    const echo = room();
    echo.awareness.meta.set(9, { clock: 5, lastUpdated: 0 });
    expect(echo.send(presence([{ clientId: 9, clock: 5, state: big }]))).toEqual({ pass: true });
    expect(echo.awareness.states.has(9)).toBe(false);
  });

  it('closes when one connection speaks for more people than the limit, even one message at a time', () => {
    const { send } = room();
    expect(
      send(
        presence([
          { clientId: 1, clock: 1, state: {} },
          { clientId: 2, clock: 1, state: {} },
        ]),
      ),
    ).toEqual({ pass: true });
    // Taking a presence away and naming someone new still counts them all: the server held each.
    expect(send(presence([{ clientId: 1, clock: 2, state: null }]))).toEqual({ pass: true });
    expect(send(presence([{ clientId: 3, clock: 1, state: {} }]))).toEqual({ pass: false, close: presenceTooBusyReason });
    // Removals of people unknown to the server are held too (their clocks).
    const removals = room();
    expect(removals.send(presence([1, 2, 3].map((clientId) => ({ clientId, clock: 1, state: null }))))).toEqual({ pass: false, close: presenceTooBusyReason });
  });

  it('does not count taking away a presence the server holds (a browser timing out someone who left)', () => {
    const { awareness, send } = room();
    applyAwarenessUpdate(awareness, presence([1, 2, 3].map((clientId) => ({ clientId, clock: 4, state: {} }))), 'others');
    expect(send(presence([1, 2, 3].map((clientId) => ({ clientId, clock: 4, state: null }))))).toEqual({ pass: true });
    expect(awareness.getStates().size).toBe(0);
  });

  it('closes past the change allowance, and lets through again once it has refilled', () => {
    const { send } = room();
    const change = (clock: number) => presence([{ clientId: 7, clock, state: { blob: 'y'.repeat(880) } }]); // ~1,000 bytes a change
    const verdicts = Array.from({ length: 4 }, (_, i) => send(change(i + 1)).pass);
    expect(verdicts).toEqual([true, true, true, false]);
    const patient = room();
    for (let i = 1; i <= 3; i++) expect(patient.send(change(i)).pass).toBe(true);
    patient.tick(1100);
    expect(patient.send(change(4)).pass).toBe(true);
  });

  it('closes past the reading allowance, echoes included', () => {
    const { awareness, send } = room();
    const others = Array.from({ length: 30 }, (_, i) => ({ clientId: 100 + i, clock: 1, state: { user: { name: `Person ${i}`, pad: 'z'.repeat(200) } } }));
    applyAwarenessUpdate(awareness, presence(others), 'others');
    const echo = presence(others);
    const passed = Array.from({ length: 10 }, () => send(echo));
    expect(passed.filter((v) => v.pass)).toHaveLength(Math.floor(20_000 / echo.byteLength));
    expect(passed.at(-1)).toEqual({ pass: false, close: presenceTooBusyReason });
  });

  it('drops what does not read as an awareness update, without closing', () => {
    const { awareness, send } = room();
    const good = presence([{ clientId: 7, clock: 1, state: {} }]);
    expect(send(good.subarray(0, good.byteLength - 1))).toEqual({ pass: false });
    expect(
      send(
        presenceText([
          { clientId: 7, clock: 1, text: '{}' },
          { clientId: 8, clock: 1, text: '{not json' },
        ]),
      ),
    ).toEqual({ pass: false });
    expect(awareness.getStates().has(7)).toBe(false);
  });

  it('reads a client’s own awareness encoding the same way', () => {
    const client = new Awareness(new Y.Doc());
    client.setLocalState({ user: { name: 'Amina Admin', colour: '#1d4ed8' }, editing: null });
    const { awareness, send } = room();
    expect(send(encodeAwarenessUpdate(client, [client.clientID]))).toEqual({ pass: true });
    expect(awareness.getStates().get(client.clientID)).toEqual(client.getLocalState());
  });
});
