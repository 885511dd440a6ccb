import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './columns';
import { ppas } from './ppas';
import { users } from './users';

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
