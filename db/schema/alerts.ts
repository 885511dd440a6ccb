import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, integer, check } from 'drizzle-orm/pg-core';
import type { AppEventName, AppEvents } from '../../server/events';
import { bytea, createdAt } from './columns';
import { alertSeverity, alertType } from './enums';
import { ppas } from './ppas';
import { users } from './users';
import { workItems } from './work-items';

export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'cascade' }),
    type: alertType('type').notNull(),
    severity: alertSeverity('severity').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull().default(''),
    createdAt: createdAt(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedById: text('acknowledged_by_id').references(() => users.id, { onDelete: 'set null' }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedById: text('resolved_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('alerts_ppa_idx').on(t.ppaId, t.createdAt),
    // "Once per item until resolved", held by the database even when events are redelivered.
    uniqueIndex('alerts_one_open_per_item')
      .on(t.workItemId, t.type)
      .where(sql`${t.resolvedAt} is null and ${t.workItemId} is not null`),
    uniqueIndex('alerts_one_open_per_ppa')
      .on(t.ppaId, t.type)
      .where(sql`${t.resolvedAt} is null and ${t.workItemId} is null`),
  ],
);

/** The shared draft of a PPA's allocation form: the Yjs document state. */
export const collabDocuments = pgTable('collab_documents', {
  ppaId: uuid('ppa_id')
    .primaryKey()
    .references(() => ppas.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  savedById: text('saved_by_id').references(() => users.id, { onDelete: 'set null' }),
  savedAt: timestamp('saved_at', { withTimezone: true }),
});

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
    index('event_outbox_unsent_idx').on(t.createdAt).where(sql`${t.sentAt} is null`),
    check('event_outbox_attempts_non_negative', sql`${t.attempts} >= 0`),
  ],
);
