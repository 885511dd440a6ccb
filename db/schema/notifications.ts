import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { notificationKind } from './enums';
import { ppas } from './ppas';
import { users } from './users';

/**
 * What one person is told in the app. One row per announcing event and recipient, held by the database,
 * so a redelivered event tells nobody twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    ppaId: uuid('ppa_id').references(() => ppas.id, { onDelete: 'cascade' }),
    // The outbox event that announced the change (its id), the idempotency key of delivery.
    sourceEventId: text('source_event_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    // An app path ("/ppas/…"), never an absolute URL: emails prefix the deployment's public URL.
    link: text('link').notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_once_per_event').on(t.sourceEventId, t.recipientId),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt.desc()),
    index('notifications_unread_idx')
      .on(t.recipientId)
      .where(sql`${t.readAt} is null`),
    check('notifications_link_is_path', sql`left(${t.link}, 1) = '/'`),
  ],
);

/**
 * Every email the app means to send, keyed so that each is sent at most once: "notification:<id>" for a
 * notification's email, "digest:<user>:<yyyy-mm-dd>" for a daily digest.
 */
export const emailDeliveries = pgTable(
  'email_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryKey: text('delivery_key').notNull(),
    recipientId: text('recipient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('email_deliveries_once').on(t.deliveryKey),
    index('email_deliveries_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
    check('email_deliveries_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);

/** A person's email switch per kind; no row means email is on. */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: notificationKind('kind').notNull(),
    emailEnabled: boolean('email_enabled').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
