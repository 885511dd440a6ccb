import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { pesos } from './columns';
import { ledgerEntryKind } from './enums';
import { ppas } from './ppas';
import { users } from './users';
import { workItems } from './work-items';

/**
 * The ledger: obligations and disbursements are sums of these rows, never numbers that are overwritten.
 * A mistaken entry is never edited or deleted: a reversal row points at it with the negated amount and a
 * reason, so the two net to zero and both stay on the record.
 */
export const expenditureEntries = pgTable(
  'expenditure_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No cascade: a work item with recorded spending cannot be deleted on its own (deleting its PPA can).
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'no action' }),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    kind: ledgerEntryKind('kind').notNull().default('disbursement'),
    amount: pesos('amount').notNull(),
    spentOn: date('spent_on').notNull(),
    description: text('description').notNull(),
    // ORS (obligation request and status) or DV (disbursement voucher) number, as written on the paper.
    referenceNo: text('reference_no'),
    reversesId: uuid('reverses_id').references((): AnyPgColumn => expenditureEntries.id, { onDelete: 'restrict' }),
    reversalReason: text('reversal_reason'),
    recordedById: text('recorded_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('expenditure_entries_ppa_idx').on(t.ppaId),
    index('expenditure_entries_item_idx').on(t.workItemId, t.spentOn),
    // An entry adds money; only a reversal takes it away, and it must say why.
    check('expenditure_entries_amount_sign', sql`(${t.reversesId} is null and ${t.amount} > 0) or (${t.reversesId} is not null and ${t.amount} < 0)`),
    check(
      'expenditure_entries_reversal_has_reason',
      sql`(${t.reversesId} is null) = (${t.reversalReason} is null) and length(trim(coalesce(${t.reversalReason}, 'x'))) > 0`,
    ),
    // An entry is reversed at most once.
    uniqueIndex('expenditure_entries_reversed_once').on(t.reversesId),
    check('expenditure_entries_description_present', sql`length(trim(${t.description})) > 0`),
  ],
);

/**
 * Each PPA's ledger sums by kind, kept by the database itself: statement triggers on expenditure_entries
 * (migration 0004) add every inserted entry and take away every deleted one, in the same transaction. The
 * portfolio, the PPA list and the reports read these instead of summing the whole year's ledger on every
 * request. A PPA with no entries may have no row (its sums are zero). Nothing in the app writes it.
 */
export const ppaLedgerTotals = pgTable('ppa_ledger_totals', {
  ppaId: uuid('ppa_id')
    .primaryKey()
    .references(() => ppas.id, { onDelete: 'cascade' }),
  obligations: pesos('obligations').notNull().default('0'),
  disbursements: pesos('disbursements').notNull().default('0'),
});
