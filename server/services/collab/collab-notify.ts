import { processSingleton, replaceProcessSingleton } from '../../lib/process-singletons';

/**
 * Tells the collaboration server (in the custom server's module copy) about changes made through the services
 * (in Next's): a saved draft, a budget locked or unlocked, a user's access changed (deactivated, or a new role
 * or MOA: their open connections close at once instead of writing on until their token expires). One listener per process (see
 * server/lib/process-singletons.ts); with no collaboration server running, a notice goes nowhere. With REDIS_URL
 * the listener also hands the notice to the other instances (server/collab/relay.ts), whose rooms
 * apply it as this one does: the editors of a draft may be on another instance than the save or the lock.
 */
export type CollabNotice =
  | { type: 'saved'; ppaId: string; savedBy: string; savedAt: string }
  | { type: 'lock'; ppaId: string; locked: boolean }
  | { type: 'access'; userId: string; deactivated: boolean };

type CollabListener = { current: ((notice: CollabNotice) => void) | undefined };

function listener(): CollabListener {
  return processSingleton<CollabListener>('collab-listener', () => ({ current: undefined }));
}

export function setCollabListener(next: ((notice: CollabNotice) => void) | undefined): void {
  if (next === undefined) replaceProcessSingleton('collab-listener', undefined);
  else listener().current = next;
}

export function notifyCollab(notice: CollabNotice): void {
  listener().current?.(notice);
}
