import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, pesos, updatedAt } from './columns';
import {
  appropriationClass,
  approvalDecisionKind,
  approvalStage,
  distributionPolicy,
  fundingSource,
  ppaCategory,
  ppaSector,
  ppaStatus,
  progressMode,
} from './enums';
import { moas } from './moas';
import { users } from './users';

/** A Program, Project or Activity with its peso budget. Its budget allocation is the source of truth. */
export const ppas = pgTable(
  'ppas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    moaId: uuid('moa_id')
      .notNull()
      .references(() => moas.id, { onDelete: 'restrict' }),
    category: ppaCategory('category').notNull(),
    sector: ppaSector('sector').notNull(),
    appropriationClass: appropriationClass('appropriation_class'),
    fundingSource: fundingSource('funding_source'),
    fundingSourceDetail: text('funding_source_detail'),
    fiscalYear: integer('fiscal_year').notNull(),
    budgetCeiling: pesos('budget_ceiling'),
    budgetAllocation: pesos('budget_allocation'),
    status: ppaStatus('status').notNull().default('planning'),
    progress: integer('progress').notNull().default(0),
    startDate: date('start_date'),
    targetEndDate: date('target_end_date'),
    actualEndDate: date('actual_end_date'),
    approvalStage: approvalStage('approval_stage').notNull().default('draft'),
    // Entered the current approval stage at: the review queue counts days waiting from here.
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }).notNull().defaultNow(),
    enableWorkItemTracking: boolean('enable_work_item_tracking').notNull().default(false),
    budgetDistributionPolicy: distributionPolicy('budget_distribution_policy').notNull().default('manual'),
    autoSyncProgress: boolean('auto_sync_progress').notNull().default(true),
    autoSyncStatus: boolean('auto_sync_status').notNull().default(true),
    progressMode: progressMode('progress_mode').notNull().default('budget_weighted'),
    budgetLockedAt: timestamp('budget_locked_at', { withTimezone: true }),
    budgetLockedById: text('budget_locked_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('ppas_moa_fy_idx').on(t.moaId, t.fiscalYear),
    index('ppas_list_order_idx').on(t.fiscalYear.desc(), t.title, t.id),
    index('ppas_stage_idx').on(t.approvalStage),
    check('ppas_fiscal_year_range', sql`${t.fiscalYear} between 2000 and 2100`),
    check('ppas_progress_range', sql`${t.progress} between 0 and 100`),
    check('ppas_ceiling_non_negative', sql`${t.budgetCeiling} >= 0`),
    check('ppas_allocation_non_negative', sql`${t.budgetAllocation} >= 0`),
    check('ppas_allocation_within_ceiling', sql`${t.budgetAllocation} <= ${t.budgetCeiling}`),
    check('ppas_title_present', sql`length(trim(${t.title})) > 0`),
    check('ppas_dates_ordered', sql`${t.targetEndDate} >= ${t.startDate}`),
    check('ppas_funding_detail_for_other', sql`${t.fundingSource} <> 'other' or ${t.fundingSourceDetail} is not null`),
  ],
);

/** One row per approval decision: who moved the PPA from which stage to which, and why. */
export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    fromStage: approvalStage('from_stage').notNull(),
    toStage: approvalStage('to_stage').notNull(),
    decision: approvalDecisionKind('decision').notNull(),
    comment: text('comment'),
    // History outlives accounts: a decider cannot be deleted while their decisions stand.
    decidedById: text('decided_by_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('approval_decisions_ppa_idx').on(t.ppaId, t.decidedAt),
    check('approval_decisions_reject_has_comment', sql`${t.decision} <> 'reject' or length(trim(coalesce(${t.comment}, ''))) > 0`),
  ],
);
