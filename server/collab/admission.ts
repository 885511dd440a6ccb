import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { getLogger } from '../lib/logger';
import type { CollabAuthorizer } from '../services/collab/collab-documents';
import type { CollabClaims, CollabMode } from '../services/collab/collab-token';
import {
  accessChangedReason,
  accountDeactivatedReason,
  CLOSE_ACCESS_REVOKED,
  CLOSE_TOKEN_EXPIRED,
  CLOSE_TOO_LARGE,
  draftFullReason,
  tokenExpiredReason,
  updateTooLargeReason,
} from './limits';
import { presenceGuard, type PresenceLimits } from './presence-guard';
import { bytesOf, readClientMessage, refuseUpgrade, setupCheckedConnection } from './protocol';
import { wouldOverflow, type Room, type Rooms } from './room';

export interface AdmissionSettings {
  wss: WebSocketServer;
  rooms: Rooms;
  authorizer: CollabAuthorizer;
  maxUpdateBytes: number;
  maxDocumentBytes: number;
  presenceLimits: PresenceLimits;
  /** The clock tokens expire by, in ms since the epoch. */
  now: () => number;
  /** The server is shutting down: nobody else joins. */
  closed: () => boolean;
  /** Maintenance mode: every connection's writes are dropped (collab-operations.ts). */
  writesPaused: () => boolean;
}

export interface Admission {
  /** Lets a connection with a valid token in (after the rights check and the room's load), or refuses its upgrade. */
  admit(req: IncomingMessage, socket: Duplex, head: Buffer, ppaId: string, claims: CollabClaims): Promise<void>;
  /**
   * A user's access changed (a collab notice, server/services/effects/signals.ts): their connections, on every room of this instance, stop taking
   * writes now and close. Deactivated: for good (4403, the form says why). Another role or MOA: as at token
   * expiry (4401), so the form reconnects with a fresh token, which carries the rights the user has now.
   */
  accessChanged(userId: string, deactivated: boolean): void;
}

/**
 * Who joins a room and on what terms: a user still active who may still see the PPA (else 403), once the room's
 * stored draft and lock are loaded, so no write is ever applied before the rights and the lock are known. Then,
 * for every message, before y-websocket applies or relays anything: the token's expiry, the update and document
 * limits, presence limits (presence-guard.ts), and the read-only and locked rules (writes dropped).
 */
export function createAdmission(settings: AdmissionSettings): Admission {
  const { wss, rooms, authorizer, maxUpdateBytes, maxDocumentBytes, presenceLimits, now, writesPaused } = settings;
  /** Each user's open connections, to close when their access changes (an `access` notice). */
  const connectionsOf = new Map<string, Set<(deactivated: boolean) => void>>();
  /**
   * How many access notices each user has had, and the last: a connection whose rights were read before the
   * latest one is closed as it joins (the notice found nothing to close while it was being admitted).
   */
  const accessNotices = new Map<string, { heard: number; deactivated: boolean }>();

  function join(ws: WebSocket, req: IncomingMessage, room: Room, claims: CollabClaims, mode: CollabMode, noticesBefore: number) {
    let refused = false;
    const refuse = (code: number, reason: string): false => {
      refused = true;
      ws.close(code, reason);
      return false;
    };
    // ws reports a message over maxPayload as an error after closing with 1009; unheard, it would throw.
    ws.on('error', () => undefined);
    const expiry = setTimeout(() => refuse(CLOSE_TOKEN_EXPIRED, tokenExpiredReason), Math.max(0, claims.exp - now()));
    const presence = presenceGuard(room.doc.awareness, now, presenceLimits);

    // Every limit applies here, before y-websocket applies or relays anything.
    const accept = (data: RawData): boolean => {
      if (refused) return false;
      // The timer may lag the clock (a busy loop, or a test moving the clock).
      if (now() >= claims.exp) return refuse(CLOSE_TOKEN_EXPIRED, tokenExpiredReason);
      const bytes = bytesOf(data);
      if (bytes.byteLength > maxUpdateBytes) return refuse(CLOSE_TOO_LARGE, updateTooLargeReason(maxUpdateBytes));
      const message = readClientMessage(bytes);
      if (message.kind === 'unreadable') return false;
      // Read-only peers announce their presence too, so this applies to every connection.
      if (message.kind === 'presence') {
        const verdict = presence.check(message.update);
        if (!verdict.pass) return verdict.close ? refuse(CLOSE_TOO_LARGE, verdict.close) : false;
      }
      if (message.kind === 'write') {
        if (mode === 'read' || room.locked || writesPaused()) return false;
        if (wouldOverflow(room, message.update, maxDocumentBytes)) return refuse(CLOSE_TOO_LARGE, draftFullReason(maxDocumentBytes));
      }
      return true;
    };

    setupCheckedConnection(ws, req, room.ppaId, accept);
    const revoke = (deactivated: boolean) =>
      deactivated ? refuse(CLOSE_ACCESS_REVOKED, accountDeactivatedReason) : refuse(CLOSE_TOKEN_EXPIRED, accessChangedReason);
    const mine = connectionsOf.get(claims.userId) ?? new Set();
    connectionsOf.set(claims.userId, mine.add(revoke));
    // After setupWSConnection's own close listener, which takes the connection out of doc.conns.
    ws.on('close', () => {
      clearTimeout(expiry);
      mine.delete(revoke);
      if (mine.size === 0 && connectionsOf.get(claims.userId) === mine) connectionsOf.delete(claims.userId);
      rooms.closeIfEmpty(room);
    });
    const latest = accessNotices.get(claims.userId);
    if (latest && latest.heard !== noticesBefore) revoke(latest.deactivated);
  }

  return {
    async admit(req, socket, head, ppaId, claims) {
      // Node hands over an upgrading socket with no error listener: until ws takes it, a reset must not crash us.
      const onSocketError = () => socket.destroy();
      socket.on('error', onSocketError);
      let room: Room | undefined;
      const noticesBefore = accessNotices.get(claims.userId)?.heard ?? 0;
      try {
        const access = await authorizer.authorize(claims);
        if ('refuse' in access) return refuseUpgrade(socket, '403 Forbidden');
        const { mode } = access;
        if (settings.closed()) return refuseUpgrade(socket, '503 Service Unavailable');
        room = rooms.open(ppaId);
        room.joining++;
        // Whatever the client sent along with its upgrade request waits in the socket until ws reads it, below.
        await room.opened;
        if (settings.closed() || !room.loaded) return refuseUpgrade(socket, '503 Service Unavailable');
        socket.off('error', onSocketError);
        const joining = room;
        wss.handleUpgrade(req, socket, head, (ws) => join(ws, req, joining, claims, mode, noticesBefore));
      } catch (error) {
        getLogger().error({ err: error, ppaId }, 'collab: admitting a connection failed');
        refuseUpgrade(socket, '503 Service Unavailable');
      } finally {
        if (room) {
          room.joining--;
          rooms.closeIfEmpty(room);
        }
      }
    },
    accessChanged(userId, deactivated) {
      accessNotices.set(userId, { heard: (accessNotices.get(userId)?.heard ?? 0) + 1, deactivated });
      for (const revoke of [...(connectionsOf.get(userId) ?? [])]) revoke(deactivated);
    },
  };
}
