import * as decoding from 'lib0/decoding';
import type { Awareness } from 'y-protocols/awareness';
import { allowance } from '../domain/allowance';
import {
  MAX_PRESENCE_BYTES,
  MAX_PRESENCE_CLIENTS,
  PRESENCE_CHANGE_BURST,
  PRESENCE_CHANGE_BYTES_PER_SECOND,
  PRESENCE_CHANGE_OVERHEAD,
  PRESENCE_MESSAGE_BURST,
  PRESENCE_MESSAGE_BYTES_PER_SECOND,
  presenceTooBusyReason,
  presenceTooLargeReason,
} from './limits';

export interface PresenceLimits {
  maxEntryBytes: number;
  maxClients: number;
  changeOverhead: number;
  changeBytesPerSecond: number;
  changeBurst: number;
  messageBytesPerSecond: number;
  messageBurst: number;
}

export const PRESENCE_LIMITS: PresenceLimits = {
  maxEntryBytes: MAX_PRESENCE_BYTES,
  maxClients: MAX_PRESENCE_CLIENTS,
  changeOverhead: PRESENCE_CHANGE_OVERHEAD,
  changeBytesPerSecond: PRESENCE_CHANGE_BYTES_PER_SECOND,
  changeBurst: PRESENCE_CHANGE_BURST,
  messageBytesPerSecond: PRESENCE_MESSAGE_BYTES_PER_SECOND,
  messageBurst: PRESENCE_MESSAGE_BURST,
};

/** What to do with a presence message: pass it to y-websocket, drop it (unreadable), or close (why). */
export type PresenceVerdict = { pass: true } | { pass: false; close?: string };

interface Entry {
  clientId: number;
  clock: number;
  removes: boolean;
  bytes: number;
}

/** The entries of an awareness update (y-protocols' encoding), or null if it does not read as one whole. */
function readEntries(update: Uint8Array): Entry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const entries: Entry[] = [];
    for (let left = decoding.readVarUint(decoder); left > 0; left--) {
      const start = decoder.pos;
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      // Parsed here as y-protocols will: one entry it cannot parse would leave those before it applied unannounced.
      const state: unknown = JSON.parse(decoding.readVarString(decoder));
      entries.push({ clientId, clock, removes: state === null, bytes: decoder.pos - start });
    }
    return entries;
  } catch {
    return null;
  }
}

/**
 * One connection's presence limits (limits.ts), checked on each awareness message before y-websocket
 * applies it. Which entries would change anything follows y-protocols' own rule (applyAwarenessUpdate: a newer
 * clock, or a removal at the same clock of a state still held); the others are the echoes every browser sends
 * back, read but neither held nor sent on, so they cost only the reading.
 */
export function presenceGuard(awareness: Awareness, now: () => number, limits: PresenceLimits = PRESENCE_LIMITS) {
  const readAllowance = allowance({ perSecond: limits.messageBytesPerSecond, burst: limits.messageBurst }, now());
  const changeAllowance = allowance({ perSecond: limits.changeBytesPerSecond, burst: limits.changeBurst }, now());
  /** Everyone this connection has set a presence for, or named first: what it can make the server hold. */
  const spokenFor = new Set<number>();

  return {
    check(update: Uint8Array): PresenceVerdict {
      const at = now();
      if (!readAllowance.spend(update.byteLength, at)) return { pass: false, close: presenceTooBusyReason };
      const entries = readEntries(update);
      if (!entries) return { pass: false };
      // As the message would leave them, entry by entry (one message may name a client twice).
      const clocks = new Map<number, number>();
      const held = new Map<number, boolean>();
      let cost = 0;
      for (const { clientId, clock, removes, bytes } of entries) {
        const known = clocks.get(clientId) ?? awareness.meta.get(clientId)?.clock;
        const holds = held.get(clientId) ?? awareness.states.has(clientId);
        const current = known ?? 0;
        if (!(current < clock || (current === clock && removes && holds))) continue;
        clocks.set(clientId, clock);
        held.set(clientId, !removes);
        cost += bytes + limits.changeOverhead;
        // Taking away a presence the server holds frees it; anything else it holds from now on is this connection's doing.
        if (removes && holds) continue;
        if (bytes > limits.maxEntryBytes) return { pass: false, close: presenceTooLargeReason(limits.maxEntryBytes) };
        if (!removes || known === undefined) spokenFor.add(clientId);
        if (spokenFor.size > limits.maxClients) return { pass: false, close: presenceTooBusyReason };
      }
      if (cost > 0 && !changeAllowance.spend(cost, at)) return { pass: false, close: presenceTooBusyReason };
      return { pass: true };
    },
  };
}
