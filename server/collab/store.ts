import * as Y from 'yjs';
import { getLogger } from '../lib/logger';
import type { CollabStore } from '../services/collab/collab-documents';

/** How long edits wait to be stored: a pause of `delayMs`, but never more than `maxWaitMs` after the first. */
export interface StoreTiming {
  delayMs: number;
  maxWaitMs: number;
}

export const DEFAULT_STORE_TIMING: StoreTiming = { delayMs: 2000, maxWaitMs: 10_000 };

/** What the storer reads of its room: whether the stored draft is in it yet, and its size to keep up to date. */
interface StoredRoom {
  ppaId: string;
  doc: Y.Doc;
  loaded: boolean;
  approximateBytes: number;
}

export interface DraftStorer {
  /** Stores after the edits pause (debounced, with a longest wait). */
  schedule(): void;
  /** Stores now, after any store already running; what was scheduled is cancelled. */
  storeNow(): Promise<void>;
}

/**
 * A room's draft written to the CollabStore (hocuspocus's debounce): stores run one after another, so an older
 * state never lands after a newer one, and a room that never loaded never stores (it would wipe the draft).
 */
export function draftStorer(room: StoredRoom, drafts: CollabStore, timing: StoreTiming): DraftStorer {
  let pending: { timer: NodeJS.Timeout; since: number } | undefined;
  let storing: Promise<void> = Promise.resolve();

  function storeNow(): Promise<void> {
    if (pending) clearTimeout(pending.timer);
    pending = undefined;
    if (!room.loaded) return storing;
    const write = async () => {
      const state = Y.encodeStateAsUpdate(room.doc);
      room.approximateBytes = state.byteLength;
      await drafts.store(room.ppaId, state);
    };
    const stored = storing.then(write);
    storing = stored.catch(() => undefined);
    return stored;
  }

  function schedule() {
    const at = Date.now();
    const since = pending?.since ?? at;
    if (pending) clearTimeout(pending.timer);
    const wait = Math.max(0, Math.min(timing.delayMs, since + timing.maxWaitMs - at));
    const timer = setTimeout(() => void storeNow().catch((error: unknown) => logStoreFailure(room.ppaId, error)), wait);
    pending = { since, timer };
  }

  return { schedule, storeNow };
}

export function logStoreFailure(ppaId: string, error: unknown): void {
  getLogger().error({ err: error, ppaId }, 'collab: storing a draft failed');
}
