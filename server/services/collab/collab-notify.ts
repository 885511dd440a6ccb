/**
 * Tells the collaboration server (in the custom server's module instance) about changes made through the
 * budget services (in Next's): a saved draft, a budget locked or unlocked. Lives on globalThis so both
 * module copies share it; with no collaboration server running it does nothing.
 */
export type CollabNotice = { type: 'saved'; ppaId: string; savedBy: string; savedAt: string } | { type: 'lock'; ppaId: string; locked: boolean };

const listenerKey = Symbol.for('ppa-tracker.collab-listener');
type GlobalWithListener = typeof globalThis & { [listenerKey]?: (notice: CollabNotice) => void };

export function setCollabListener(listener: ((notice: CollabNotice) => void) | undefined): void {
  (globalThis as GlobalWithListener)[listenerKey] = listener;
}

export function notifyCollab(notice: CollabNotice): void {
  (globalThis as GlobalWithListener)[listenerKey]?.(notice);
}
