import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { notificationPreferences, notifications } from '@/db/schema';
import type { NotificationPreference, NotificationResponse } from '../../contracts/notifications';
import { kindsToldTo } from '../../domain/notifications';
import type { NotificationKind, Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { unreadCountIfActive } from './unread-signal';
import { assertSignedIn } from '../access';
import { runUseCase } from '../effects/use-case';

type NotificationRow = typeof notifications.$inferSelect;

function toResponse(row: NotificationRow): NotificationResponse {
  return {
    id: row.id,
    kind: row.kind,
    ppaId: row.ppaId,
    title: row.title,
    body: row.body,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** The viewer's own notifications, newest first; nobody reads anyone else's (admins included). */
export async function listNotifications(options: { db: Database; viewer: Viewer; unread?: boolean; limit?: number }): Promise<NotificationResponse[]> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.recipientId, viewer.userId), options.unread ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 50);
  return rows.map(toResponse);
}

export async function unreadNotificationCount(options: { db: Database; viewer: Viewer }): Promise<number> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  return (await unreadCountIfActive(db, viewer.userId)) ?? 0;
}

/**
 * Marks one of the viewer's notifications read (again: harmless, the first reading time stays). Someone
 * else's is "not found", so whether an id exists does not leak.
 */
export async function markNotificationRead(options: { db: Database; viewer: Viewer; notificationId: string }): Promise<NotificationResponse> {
  const { db, viewer, notificationId } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx, after) => {
    const [row] = await tx
      .update(notifications)
      .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
      .where(and(eq(notifications.id, notificationId), eq(notifications.recipientId, viewer.userId)))
      .returning();
    if (!row) throw AppError.notFound('That notification');
    after.unreadChanged([viewer.userId]);
    return toResponse(row);
  });
}

export async function markAllNotificationsRead(options: { db: Database; viewer: Viewer }): Promise<{ marked: number }> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx, after) => {
    const marked = await tx
      .update(notifications)
      .set({ readAt: sql`now()` })
      .where(and(eq(notifications.recipientId, viewer.userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    after.unreadChanged([viewer.userId]);
    return { marked: marked.length };
  });
}

/** The viewer's email switches, one per kind their role is told of; no row means on. */
export async function notificationPreferencesOf(options: { db: Database; viewer: Viewer }): Promise<NotificationPreference[]> {
  const { db, viewer } = options;
  assertSignedIn(viewer);
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, viewer.userId));
  const off = new Set(rows.filter((r) => !r.emailEnabled).map((r) => r.kind));
  return kindsToldTo(viewer.role).map((kind) => ({ kind, emailEnabled: !off.has(kind) }));
}

/** Turns email of one kind on or off for the viewer; returns all their switches. */
export async function setNotificationPreference(options: {
  db: Database;
  viewer: Viewer;
  kind: NotificationKind;
  emailEnabled: boolean;
}): Promise<NotificationPreference[]> {
  const { db, viewer, kind, emailEnabled } = options;
  assertSignedIn(viewer);
  if (!kindsToldTo(viewer.role).includes(kind)) {
    throw AppError.badField('kind', 'Your role is never told of that kind, so there is no email of it to switch.');
  }
  await db
    .insert(notificationPreferences)
    .values({ userId: viewer.userId, kind, emailEnabled })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { emailEnabled } });
  return notificationPreferencesOf({ db, viewer });
}
