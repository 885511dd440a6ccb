import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AppEventName, AppEvents } from '../../server/contracts/events';
import { createdAt } from './columns';

/** Events written in the same transaction as the change they announce, sent after commit, re-sent until sent. */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').$type<AppEventName>().notNull(),
    payload: jsonb('payload').$type<AppEvents[AppEventName]>().notNull(),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [
    index('event_outbox_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
    check('event_outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);
