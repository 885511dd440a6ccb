import { EventEmitter } from 'node:events';
import { environment } from '../../lib/config';
import { redisSettingsFromEnv, type RedisSettings } from '../../lib/redis-settings';
import { processSingleton, replaceProcessSingleton } from '../../lib/process-singletons';
import { connectUnreadFanout, type UnreadFanout } from './unread-fanout';

/**
 * The port between use cases and the live parts of the app: what the after-commit runner (./use-case.ts)
 * announces, and who listens. The collaboration server (server/collab/) subscribes to collab notices; the
 * notification bell (server/services/notifications/unread-signal.ts) to unread-count signals. Nothing else
 * reaches them, so the import graph shows every path from a service to a live connection.
 *
 * - A collab notice: a draft saved, a budget locked or unlocked, a user's access changed (deactivated, or a new
 *   role or MOA: their open connections close at once instead of writing on until their token expires). With
 *   REDIS_URL the collaboration server hands it to the other instances itself (server/collab/collab-relay.ts).
 * - An unread signal: these people's unread counts may have changed. With REDIS_URL it also goes to every other
 *   instance (./unread-fanout.ts), so a bell is live wherever its person is connected.
 */
export type CollabNotice =
  | { type: 'saved'; ppaId: string; savedBy: string; savedAt: string }
  | { type: 'lock'; ppaId: string; locked: boolean }
  | { type: 'access'; userId: string; deactivated: boolean };

export interface Signals {
  notifyCollab(notice: CollabNotice): void;
  /** Hears every collab notice of this process until the returned function is called. */
  onCollabNotice(listener: (notice: CollabNotice) => void): () => void;
  signalUnreadChanged(userIds: Iterable<string>): void;
  /** Hears signals for this person, from this instance or (with Redis) any other, until the returned function is called. */
  onUnreadChanged(userId: string, listener: () => void): () => void;
  /** Resolves once the Redis fan-out (if any) is listening: a signal published after this reaches this instance. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

const COLLAB = Symbol('collab');

/** Signals within this process, and across instances over `redis` when given. */
export function createSignals(options: { redis?: RedisSettings | null } = {}): Signals {
  const local = new EventEmitter().setMaxListeners(0);
  const emitUnread = (userIds: Iterable<string>) => {
    for (const userId of new Set(userIds)) local.emit(userId);
  };
  const fanout: UnreadFanout | null = options.redis ? connectUnreadFanout(options.redis, emitUnread) : null;
  return {
    notifyCollab(notice) {
      local.emit(COLLAB, notice);
    },
    onCollabNotice(listener) {
      local.on(COLLAB, listener);
      return () => void local.off(COLLAB, listener);
    },
    signalUnreadChanged(userIds) {
      const unique = [...new Set(userIds)];
      if (unique.length === 0) return;
      emitUnread(unique);
      fanout?.publish(unique);
    },
    onUnreadChanged(userId, listener) {
      local.on(userId, listener);
      return () => void local.off(userId, listener);
    },
    ready: () => fanout?.ready ?? Promise.resolve(),
    close: async () => {
      local.removeAllListeners();
      await fanout?.close();
    },
  };
}

/**
 * This process's signals (one per process, see server/lib/process-singletons.ts: the services run in Next's module
 * copy, the collaboration server in the custom server's), fanned out over Redis when REDIS_URL is set.
 */
export function processSignals(): Signals {
  return processSingleton('signals', () => createSignals({ redis: redisSettingsFromEnv(environment()) }));
}

/** Puts `signals` in place of this process's (tests: an instance with its own Redis connection); undefined: back to the default. */
export function replaceProcessSignals(signals: Signals | undefined): void {
  replaceProcessSingleton('signals', signals);
}
