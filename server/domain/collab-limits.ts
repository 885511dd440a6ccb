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
export const draftFullReason = (limit: number) => `The shared draft is full (${sizeLabel(limit)}): that change was not shared. Reload the page.`;
