import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { notifications, users } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { assertSignedIn } from '../access';
import { processSignals, type Signals } from '../effects/signals';

/**
 * The bell's live count. Use cases that write or read notifications signal the people concerned after their
 * commit (the runner's `after.unreadChanged`, server/services/effects/); each open bell re-reads its count when
 * signalled, whichever instance the signal came from (over Redis with REDIS_URL), and every RECHECK_MS anyway.
 */
export const RECHECK_MS = 30_000;

/** The person's unread count, or null once they are deactivated (their bell then stops). */
export async function unreadCountIfActive(db: Queryable, userId: string): Promise<number | null> {
  const [row] = await db
    .select({ active: sql<boolean>`${users.deactivatedAt} is null`, unread: sql<number>`count(${notifications.id})::int` })
    .from(users)
    .leftJoin(notifications, and(eq(notifications.recipientId, users.id), isNull(notifications.readAt)))
    .where(eq(users.id, userId))
    .groupBy(users.id);
  return row?.active ? row.unread : null;
}

/**
 * Yields the viewer's unread count at once, then each time it changes, until `signal` aborts or the person
 * is deactivated. Listens before the first read, so a notification written meanwhile is not missed.
 */
export async function* watchUnreadCount(options: {
  db: Queryable;
  viewer: Viewer;
  signal?: AbortSignal;
  recheckMs?: number;
  signals?: Signals;
}): AsyncGenerator<number> {
  const { db, viewer, signal } = options;
  assertSignedIn(viewer);
  let woken = false;
  let wake: () => void = () => {};
  const onSignal = () => {
    woken = true;
    wake();
  };
  const stopListening = (options.signals ?? processSignals()).onUnreadChanged(viewer.userId, onSignal);
  signal?.addEventListener('abort', onSignal);
  try {
    let last: number | null = null;
    while (!signal?.aborted) {
      woken = false;
      const count = await unreadCountIfActive(db, viewer.userId);
      if (count === null) return;
      if (count !== last) {
        last = count;
        yield count;
      }
      if (woken || signal?.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, options.recheckMs ?? RECHECK_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => {};
    }
  } finally {
    stopListening();
    signal?.removeEventListener('abort', onSignal);
  }
}
