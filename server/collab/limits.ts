/**
 * Co-editing limits (docs/domain-rules.md, "Live co-editing") and the close codes the collaboration server ends a
 * connection with, shared with the allocation form, which shows the reason or reconnects. No server-only
 * imports: the browser bundle includes this file.
 */

const KiB = 1024;
const MiB = 1024 * KiB;

/** The largest single websocket message (one update) the server accepts. */
export const MAX_UPDATE_BYTES = 1 * MiB;
/** The largest a PPA's shared draft may grow, as stored (its encoded Yjs state). */
export const MAX_DOCUMENT_BYTES = 10 * MiB;

/**
 * Presence (awareness: who is here, on which row). A browser's own presence is its name, colour and row, a few
 * hundred bytes; it changes on each focus and blur, and every browser also sends back the presence of everyone
 * else it hears (y-websocket's client does), which changes nothing on the server. So the limits apply to what a
 * message would change, not to what it repeats:
 * - one person's presence at most MAX_PRESENCE_BYTES as sent;
 * - one connection speaks for at most MAX_PRESENCE_CLIENTS people over its life (a browser tab is one);
 * - the presence a connection changes costs its size plus PRESENCE_CHANGE_OVERHEAD (each change is sent on to
 *   everyone), from an allowance of PRESENCE_CHANGE_BURST refilled at PRESENCE_CHANGE_BYTES_PER_SECOND;
 * - every presence message, repeats included, is read whole: PRESENCE_MESSAGE_BURST refilled at
 *   PRESENCE_MESSAGE_BYTES_PER_SECOND.
 * Over any of them, the connection closes with 4413, as for a change too large.
 */
export const MAX_PRESENCE_BYTES = 4 * KiB;
export const MAX_PRESENCE_CLIENTS = 4;
export const PRESENCE_CHANGE_OVERHEAD = 128;
export const PRESENCE_CHANGE_BYTES_PER_SECOND = 32 * KiB;
export const PRESENCE_CHANGE_BURST = 128 * KiB;
export const PRESENCE_MESSAGE_BYTES_PER_SECOND = 512 * KiB;
export const PRESENCE_MESSAGE_BURST = 2 * MiB;

/**
 * The most the server keeps waiting to be sent to one connection: past it, a connection that does not read
 * what it is sent (a stalled or hostile client) is cut off instead of having the server hold every later edit
 * for it. Above a whole draft (a joining browser is sent one) plus room for a busy form's edits meanwhile; a
 * browser cut off reconnects by itself and syncs afresh.
 */
export const MAX_UNSENT_BYTES = 3 * MAX_DOCUMENT_BYTES;

/**
 * RFC 6455 leaves 4000-4999 to applications; y-websocket's client does not reconnect after 4400-4499 (the
 * "4xx" of close codes) but reports them, so the form decides: a fresh token after 4401, a message after 4413.
 */
export const CLOSE_TOKEN_EXPIRED = 4401;
/** The user was deactivated while connected: final, the form says so. */
export const CLOSE_ACCESS_REVOKED = 4403;
export const CLOSE_TOO_LARGE = 4413;
/** What ws itself closes with when a message exceeds its hard cap (maxPayload); the form treats it as 4413. */
export const CLOSE_MESSAGE_TOO_BIG = 1009;

export function sizeLabel(bytes: number): string {
  if (bytes >= MiB && bytes % MiB === 0) return `${bytes / MiB} MiB`;
  if (bytes >= KiB && bytes % KiB === 0) return `${bytes / KiB} KiB`;
  return `${bytes} bytes`;
}

// A close reason must fit in 123 bytes (RFC 6455), so these stay short and ASCII.
export const tokenExpiredReason = 'token expired';
/** With 4401: the user's role or MOA changed; the form's fresh token carries the rights they have now. */
export const accessChangedReason = 'access changed';
export const accountDeactivatedReason = 'Your account has been deactivated: you can no longer follow or change this draft.';
export const updateTooLargeReason = (limit: number) => `That change is too large to share (over ${sizeLabel(limit)}). Reload the page to continue.`;
export const presenceTooLargeReason = (limit: number) =>
  `Your presence on the form (who is on which row) is too large to share (over ${sizeLabel(limit)}). Reload the page.`;
export const presenceTooBusyReason = 'This page sent more presence updates (who is on which row) than the server takes. Reload the page.';
export const draftFullReason = (limit: number) => `The shared draft is full (${sizeLabel(limit)}): that change was not shared. Reload the page.`;
