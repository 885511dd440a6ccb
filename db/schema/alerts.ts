import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
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
