import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { notifications, users } from '@/db/schema';
import { processSignals } from '../effects/signals';

/**
 * Tells every active admin of something on the System page (a slow statement, a failed job), in the app's
 * notifications: the bell and the notifications page. `key` is the occasion: the database keeps one
 * notification per key and admin, so the same occasion told by two instances tells nobody twice.
 */
export async function alertAdmins(db: Queryable, alert: { key: string; title: string; body: string }): Promise<number> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.deactivatedAt)));
  if (admins.length === 0) return 0;
  const told = await db
    .insert(notifications)
    .values(
      admins.map((admin) => ({
        recipientId: admin.id,
        kind: 'system_alert' as const,
        sourceEventId: `system:${alert.key}`,
        title: alert.title,
        body: alert.body,
        link: '/admin/system',
      })),
    )
    .onConflictDoNothing()
    .returning({ recipientId: notifications.recipientId });
  processSignals().signalUnreadChanged(told.map((t) => t.recipientId));
  return told.length;
}
