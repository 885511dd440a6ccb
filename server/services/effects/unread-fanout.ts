import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { RedisSettings } from '../../lib/redis-settings';
import { getLogger } from '../../lib/logger';

/**
 * Unread-count signals between the instances of one deployment, over Redis pub/sub
 * (`<prefix>notifications:unread`): each instance publishes the user ids its use cases touched, tagged with its
 * own id, and hands the others' to its local bells. Without it a bell on another instance would only notice at
 * its next recheck (RECHECK_MS). A signal is a hint to re-read the count, so one lost while Redis is away does no
 * harm beyond that delay.
 */
export interface UnreadFanout {
  publish(userIds: string[]): void;
  /** Settles once the subscription is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
}

/** At most this many ids in one message: a signal for everyone is a few messages, not one huge one. */
const IDS_PER_MESSAGE = 500;

export function connectUnreadFanout(settings: RedisSettings, deliver: (userIds: string[]) => void): UnreadFanout {
  const log = getLogger();
  const instanceId = randomUUID();
  const channel = `${settings.prefix}notifications:unread`;
  const publisher = new Redis(settings.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, connectionName: `ppa-unread-pub-${instanceId}` });
  const subscriber = new Redis(settings.url, { enableOfflineQueue: true, autoResubscribe: true, connectionName: `ppa-unread-sub-${instanceId}` });
  for (const [name, connection] of [
    ['publisher', publisher],
    ['subscriber', subscriber],
  ] as const) {
    // ioredis reconnects by itself; an unheard error event would crash the process.
    connection.on('error', (error: unknown) => log.warn({ err: error }, `unread fan-out: Redis ${name} connection`));
  }
  subscriber.on('message', (from: string, payload: string) => {
    if (from !== channel) return;
    const ids = idsFrom(payload, instanceId);
    if (ids === null) return void log.warn('unread fan-out: an unreadable message was ignored');
    if (ids.length > 0) deliver(ids);
  });
  const ready = subscriber.subscribe(channel).then(
    () => undefined,
    (error: unknown) => log.error({ err: error }, 'unread fan-out: subscribing failed; bells on other instances wait for their recheck'),
  );
  let closed = false;
  return {
    publish(userIds) {
      if (closed) return;
      for (let start = 0; start < userIds.length; start += IDS_PER_MESSAGE) {
        const message = JSON.stringify({ from: instanceId, userIds: userIds.slice(start, start + IDS_PER_MESSAGE) });
        publisher.publish(channel, message).catch((error: unknown) => log.warn({ err: error }, 'unread fan-out: publishing failed'));
      }
    },
    ready,
    async close() {
      closed = true;
      const end = (connection: Redis) => (connection.status === 'ready' ? connection.quit().catch(() => connection.disconnect()) : connection.disconnect());
      await Promise.allSettled([end(publisher), end(subscriber)]);
    },
  };
}

/** The user ids of another instance's message; [] for this instance's own; null for anything that is not ours. */
export function idsFrom(payload: string, instanceId: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { from, userIds } = parsed as { from?: unknown; userIds?: unknown };
  if (typeof from !== 'string' || !Array.isArray(userIds) || !userIds.every((id) => typeof id === 'string')) return null;
  return from === instanceId ? [] : (userIds as string[]);
}
