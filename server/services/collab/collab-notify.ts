import { processSingleton, replaceProcessSingleton } from '../../process-singletons';

/**
 * Tells the collaboration server (in the custom server's module copy) about changes made through the budget
 * services (in Next's): a saved draft, a budget locked or unlocked. One listener per process (see
 * server/process-singletons.ts); with no collaboration server running, a notice goes nowhere.
 */
export type CollabNotice = { type: 'saved'; ppaId: string; savedBy: string; savedAt: string } | { type: 'lock'; ppaId: string; locked: boolean };

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
