import { z } from 'zod';
import { zId } from '../contracts/shared';
import { zListNotificationsRequest, zNotification, zNotificationPreference, zSetNotificationPreferenceRequest, zUnreadCount } from '../contracts/notifications';
import {
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  notificationPreferencesOf,
  setNotificationPreference,
  unreadNotificationCount,
} from '../services/notifications/manage-notifications';
import { watchUnreadCount } from '../services/notifications/unread-signal';
import { protectedProcedure, router } from '../trpc';

const tags = ['Notifications'];

/**
 * Each signed-in person's own notifications (the bell, /notifications, the profile's email switches): every
 * role may call these, and each reads and marks only their own. The list and "mark read" are REST too.
 */
export const notificationsRouter = router({
  list: protectedProcedure
    .meta({
      openapi: { method: 'GET', path: '/notifications', protect: true, tags, summary: 'The caller’s notifications, newest first (?unread=true&limit=)' },
    })
    .input(zListNotificationsRequest)
    .output(z.array(zNotification))
    .query(({ ctx, input }) => listNotifications({ db: ctx.db, viewer: ctx.viewer, ...input })),

  markRead: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/notifications/{id}/read', protect: true, tags, summary: 'Mark one of the caller’s notifications read' } })
    .input(z.object({ id: zId }))
    .output(zNotification)
    .mutation(({ ctx, input }) => markNotificationRead({ db: ctx.db, viewer: ctx.viewer, notificationId: input.id })),

  markAllRead: protectedProcedure
    .output(z.object({ marked: z.number().int() }))
    .mutation(({ ctx }) => markAllNotificationsRead({ db: ctx.db, viewer: ctx.viewer })),

  unreadCount: protectedProcedure.output(zUnreadCount).query(async ({ ctx }) => ({ count: await unreadNotificationCount({ db: ctx.db, viewer: ctx.viewer }) })),

  /** The bell's live count over server-sent events: now, then on every change. */
  onUnreadCount: protectedProcedure.subscription(async function* ({ ctx, signal }) {
    for await (const count of watchUnreadCount({ db: ctx.db, viewer: ctx.viewer, signal })) yield { count };
  }),

  preferences: protectedProcedure.output(z.array(zNotificationPreference)).query(({ ctx }) => notificationPreferencesOf({ db: ctx.db, viewer: ctx.viewer })),

  setPreference: protectedProcedure
    .input(zSetNotificationPreferenceRequest)
    .output(z.array(zNotificationPreference))
    .mutation(({ ctx, input }) => setNotificationPreference({ db: ctx.db, viewer: ctx.viewer, ...input })),
});
