import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pesos, updatedAt } from './columns';
import { appropriationClass, modificationAction, modificationRoute, modificationStatus, userRole } from './enums';
import { ppas } from './ppas';
import { users } from './users';
import { workItems } from './work-items';

/**
 * A request to move money between work items of a locked PPA (BAA No. 84, s. 49). Its route (who decides)
 * is stored when it is submitted; `awaitingRole` is whose decision it waits on now.
 */
export const modificationRequests = pgTable(
  'modification_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    status: modificationStatus('status').notNull().default('draft'),
    justification: text('justification').notNull(),
    attachmentLinks: jsonb('attachment_links').$type<string[]>().notNull().default([]),
    totalAmount: pesos('total_amount').notNull().default('0'),
    route: modificationRoute('route'),
    needsExecutive: boolean('needs_executive').notNull().default(false),
    awaitingRole: userRole('awaiting_role'),
    requestedById: text('requested_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('modification_requests_ppa_idx').on(t.ppaId, t.createdAt),
    index('modification_requests_status_idx').on(t.status, t.submittedAt),
    check('modification_requests_justification_present', sql`length(trim(${t.justification})) > 0`),
    check('modification_requests_submitted_has_route', sql`${t.status} <> 'submitted' or (${t.route} is not null and ${t.awaitingRole} is not null)`),
  ],
);

/** One move of money in a request: from one work item to another of the same PPA, with their classes. */
export const modificationLines = pgTable(
  'modification_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => modificationRequests.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    fromWorkItemId: uuid('from_work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    toWorkItemId: uuid('to_work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    fromClass: appropriationClass('from_class'),
    toClass: appropriationClass('to_class'),
    fromObject: text('from_object'),
    toObject: text('to_object'),
    amount: pesos('amount').notNull(),
  },
  (t) => [
    index('modification_lines_request_idx').on(t.requestId, t.position),
    index('modification_lines_from_idx').on(t.fromWorkItemId),
    check('modification_lines_amount_positive', sql`${t.amount} > 0`),
    check('modification_lines_two_items', sql`${t.fromWorkItemId} <> ${t.toWorkItemId}`),
  ],
);

/** Each step of a request: who submitted, endorsed, decided or withdrew it, when, and what they said. */
export const modificationSteps = pgTable(
  'modification_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => modificationRequests.id, { onDelete: 'cascade' }),
    action: modificationAction('action').notNull(),
    actorRole: userRole('actor_role').notNull(),
    comment: text('comment'),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('modification_steps_request_idx').on(t.requestId, t.at),
    check('modification_steps_reject_has_comment', sql`${t.action} not in ('reject', 'return') or length(trim(coalesce(${t.comment}, ''))) > 0`),
  ],
);

/**
 * The immutable postings of approved requests: money out of the source and its ancestors below the common
 * ancestor, into the target and its ancestors likewise (so every parent keeps covering its children). Never
 * updated (a trigger refuses it); an insert adds to work_items.transfers_in/out in the same transaction
 * (migration "modification_requests", like ppa_ledger_totals).
 */
export const budgetTransfers = pgTable(
  'budget_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => modificationRequests.id),
    lineId: uuid('line_id')
      .notNull()
      .references(() => modificationLines.id),
    // No cascade: an item that money moved through cannot be deleted on its own (deleting its PPA can).
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id),
    amountIn: pesos('amount_in').notNull().default('0'),
    amountOut: pesos('amount_out').notNull().default('0'),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('budget_transfers_item_idx').on(t.workItemId),
    index('budget_transfers_ppa_idx').on(t.ppaId),
    check('budget_transfers_one_direction', sql`(${t.amountIn} > 0 and ${t.amountOut} = 0) or (${t.amountOut} > 0 and ${t.amountIn} = 0)`),
  ],
);
