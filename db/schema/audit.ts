import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { ppas } from './ppas';
import { users } from './users';

/** Every change to a PPA's budget or tree: who, when, what, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id').references(() => ppas.id, { onDelete: 'cascade' }),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    // What the action changed, before and after: its shape depends on the action (fields of a PPA or item,
    // a list of allocations, a token's name), so it stays `unknown` for the reader to narrow.
    before: jsonb('before').$type<unknown>(),
    after: jsonb('after').$type<unknown>(),
    reason: text('reason'),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_ppa_idx').on(t.ppaId, t.createdAt), index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);
