import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pesos, updatedAt } from './columns';
import { appropriationClass, distributionPolicy, workPriority, workStatus, workType } from './enums';
import { ppas } from './ppas';
import { users } from './users';

/**
 * The execution tree of a PPA. Every item carries its PPA's id so a whole tree is one indexed read;
 * the root (the execution project) is the only item without a parent, one per PPA.
 */
export const workItems = pgTable(
  'work_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    // Deleting an item deletes its subtree; the money returns to the parent's unallocated part by itself.
    parentId: uuid('parent_id').references((): AnyPgColumn => workItems.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    workType: workType('work_type').notNull(),
    status: workStatus('status').notNull().default('not_started'),
    priority: workPriority('priority').notNull().default('medium'),
    progress: integer('progress').notNull().default(0),
    startDate: date('start_date'),
    dueDate: date('due_date'),
    // The approved (original) allocation. Approved modifications never edit it: they post transfers
    // (budget_transfers), whose sums a trigger keeps in transfers_in/out, and adjusted_budget is what
    // utilisation, variance, alerts and reports use from then on.
    allocatedBudget: pesos('allocated_budget').notNull().default('0'),
    transfersIn: pesos('transfers_in').notNull().default('0'),
    transfersOut: pesos('transfers_out').notNull().default('0'),
    adjustedBudget: pesos('adjusted_budget')
      .notNull()
      .generatedAlwaysAs(sql`allocated_budget + transfers_in - transfers_out`),
    // Null: the class of the nearest ancestor that has one, else the PPA's (a modification's route reads it).
    appropriationClass: appropriationClass('appropriation_class'),
    // The UACS object of expenditure, where the planner set one (e.g. "5020201000 Training Expenses").
    objectOfExpenditure: text('object_of_expenditure'),
    weight: numeric('weight', { precision: 12, scale: 4 }).notNull().default('1'),
    budgetNotes: text('budget_notes').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('work_items_ppa_idx').on(t.ppaId),
    index('work_items_parent_order_idx').on(t.parentId, t.sortOrder),
    uniqueIndex('work_items_one_project_per_ppa')
      .on(t.ppaId)
      .where(sql`${t.parentId} is null`),
    check('work_items_root_is_project', sql`(${t.parentId} is null) = (${t.workType} = 'project')`),
    check('work_items_progress_range', sql`${t.progress} between 0 and 100`),
    check('work_items_allocation_non_negative', sql`${t.allocatedBudget} >= 0`),
    // Transfers only ever add up; an item gives at most what it holds (the negative original is the check above's).
    check('work_items_transfers_non_negative', sql`${t.transfersIn} >= 0 and ${t.transfersOut} >= 0`),
    check('work_items_adjusted_non_negative', sql`${t.transfersOut} = 0 or ${t.allocatedBudget} + ${t.transfersIn} - ${t.transfersOut} >= 0`),
    check('work_items_weight_non_negative', sql`${t.weight} >= 0`),
    check('work_items_dates_ordered', sql`${t.dueDate} >= ${t.startDate}`),
    check('work_items_title_present', sql`length(trim(${t.title})) > 0`),
    check('work_items_not_own_parent', sql`${t.parentId} <> ${t.id}`),
  ],
);

/** One child's allocation in a budget distribution: the amount as a peso string ("1234.50"). */
export interface DistributionAllocation {
  workItemId: string;
  amount: string;
}

/**
 * Each distribution of a parent's budget over its children, with the allocations before and after,
 * so the last one can be undone while nothing in it has changed since.
 */
export const budgetDistributions = pgTable(
  'budget_distributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    mode: distributionPolicy('mode').notNull(),
    distributedAmount: pesos('distributed_amount').notNull(),
    allocationsBefore: jsonb('allocations_before').$type<DistributionAllocation[]>().notNull(),
    allocationsAfter: jsonb('allocations_after').$type<DistributionAllocation[]>().notNull(),
    distributedById: text('distributed_by_id').references(() => users.id, { onDelete: 'set null' }),
    distributedAt: timestamp('distributed_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneById: text('undone_by_id').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('budget_distributions_parent_idx').on(t.parentId, t.distributedAt)],
);

/** One progress figure per PPA per Manila calendar day, so the progress chart has a history. */
export const progressSnapshots = pgTable(
  'progress_snapshots',
  {
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    progress: integer('progress').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ppaId, t.day] }), check('progress_snapshots_progress_range', sql`${t.progress} between 0 and 100`)],
);
