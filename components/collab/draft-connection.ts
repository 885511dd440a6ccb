import { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CLOSE_MESSAGE_TOO_BIG, CLOSE_TOKEN_EXPIRED, MAX_UPDATE_BYTES, updateTooLargeReason } from '@/server/collab/limits';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** What the collab.token procedure answers. */
export interface CollabToken {
  token: string;
  mode: 'edit' | 'read';
  expiresAt: string;
}

export interface DraftConnectionOptions {
  /** ws(s)://host/collab */
  serverUrl: string;
  ppaId: string;
  doc: Y.Doc;
  token: CollabToken;
  /** A fresh token (the collab.token procedure). */
  fetchToken: () => Promise<CollabToken>;
  onStatus: (status: ConnectionState) => void;
  /** The server refused the draft's changes for good (too large): why, in words the planner can act on. */
  onRefused: (reason: string) => void;
  /** The token could not be renewed when the connection needed it (signed out, deactivated, no longer allowed). */
  onTokenError: (error: Error) => void;
  /** Rights are re-read with every token: someone who lost the right to edit gets a read token. */
  onMode?: (mode: CollabToken['mode']) => void;
  WebSocketPolyfill?: typeof WebSocket;
  /** How often the token for the next reconnect is renewed; well inside its two-minute life. */
  refreshEveryMs?: number;
}

/**
 * The allocation form's websocket to the PPA's shared draft. A connection lives as long as the token it
 * opened with: the server closes it with 4401 at expiry, and this reconnects at once with a fresh token. A
 * close for size (4413, or ws's own 1009) would only repeat on reconnecting, since the client re-sends what
 * the server has not taken: it stops and reports the reason instead.
 */
export function openDraftConnection(options: DraftConnectionOptions): { provider: WebsocketProvider; destroy: () => void } {
  let token = options.token;
  let destroyed = false;
  const provider = new WebsocketProvider(options.serverUrl, options.ppaId, options.doc, {
    params: { token: token.token },
    disableBc: true,
    WebSocketPolyfill: options.WebSocketPolyfill,
    // y-websocket's rule (4400-4499 are final), plus ws's "message too big", which it would retry forever.
    shouldReconnect: (event) => event.code !== CLOSE_MESSAGE_TOO_BIG && !(event.code >= 4400 && event.code < 4500),
  });

  let renewing: Promise<void> | null = null;
  const renew = (): Promise<void> =>
    (renewing ??= options
      .fetchToken()
      .then((next) => {
        if (destroyed) return;
        token = next;
        provider.params = { token: next.token };
        options.onMode?.(next.mode);
      })
      .finally(() => (renewing = null)));

  provider.on('status', ({ status }) => options.onStatus(status));
  provider.on('closed', ({ code, reason }) => {
    if (destroyed) return;
    if (code === CLOSE_TOKEN_EXPIRED) {
      options.onStatus('connecting');
      renew().then(
        () => !destroyed && provider.connect(),
        (error: Error) => !destroyed && options.onTokenError(error),
      );
      return;
    }
    // ws's own cap closes without a reason; every refusal of ours gives one.
    options.onRefused(
      code === CLOSE_MESSAGE_TOO_BIG ? updateTooLargeReason(MAX_UPDATE_BYTES) : reason || 'The server closed the shared draft. Reload the page.',
    );
  });
  // A tab asleep past the token's life reconnects with a dead token, refused at the upgrade (1006 here): renew it.
  provider.on('connection-close', () => {
    if (!destroyed && Date.parse(token.expiresAt) - Date.now() < 30_000) renew().catch(() => undefined);
  });
  const refresh = setInterval(() => void renew().catch(() => undefined), options.refreshEveryMs ?? 60_000);

  return {
    provider,
    destroy() {
      destroyed = true;
      clearInterval(refresh);
      provider.destroy();
    },
  };
}
