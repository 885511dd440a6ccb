import { z } from './zod';
import { NOTIFICATION_KINDS } from '../domain/types';

export const zListNotificationsRequest = z.object({
  /** Only those not yet read. */
  unread: z.boolean().optional(),
  /** Newest first, at most this many (default 50). */
  limit: z.number().int().min(1).max(200).optional(),
});

export const zNotification = z.object({
  id: z.string(),
  kind: z.enum(NOTIFICATION_KINDS),
  ppaId: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  /** A path in the app ("/ppas/…"). */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationResponse = z.infer<typeof zNotification>;

export const zUnreadCount = z.object({ count: z.number().int() });

export const zNotificationPreference = z.object({
  kind: z.enum(NOTIFICATION_KINDS),
  emailEnabled: z.boolean(),
});
export type NotificationPreference = z.infer<typeof zNotificationPreference>;

export const zSetNotificationPreferenceRequest = z.object({
  kind: z.enum(NOTIFICATION_KINDS, { error: 'Choose a kind of notification.' }),
  emailEnabled: z.boolean({ error: 'Say whether to send these by email (true or false).' }),
});
