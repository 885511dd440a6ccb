import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, pesos } from './columns';
import { appropriationClass } from './enums';
import { modificationRequests } from './modifications';
import { ppas } from './ppas';
import { alerts } from './alerts';
import { users } from './users';
import { workItems } from './work-items';

/** Indicator quantities (targets, accomplishments): exact, two decimals, like pesos. */
const quantity = (name: string) => numeric(name, { precision: 14, scale: 2 });

/**
 * A version of a PPA's Budget Execution Documents (Financial and Physical Plan). Version 1 is the original; a
 * later version is a revision based on the one before it. A version is a draft until it locks with the budget,
 * and from then on the database refuses any change to it or its lines (migration, "hand-written below").
 * A revision after the budget lock belongs to the modification request that carries it (`modificationRequestId`)
 * and locks when that request is approved; a PPA has at most one draft version at a time.
 */
export const planVersions = pgTable(
  'plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    basedOnId: uuid('based_on_id').references((): AnyPgColumn => planVersions.id, { onDelete: 'cascade' }),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedById: text('locked_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    modificationRequestId: uuid('modification_request_id').references(() => modificationRequests.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('plan_versions_ppa_version_idx').on(t.ppaId, t.version),
    uniqueIndex('plan_versions_one_draft_idx')
      .on(t.ppaId)
      .where(sql`${t.lockedAt} is null`),
    index('plan_versions_request_idx').on(t.modificationRequestId),
    check('plan_versions_version_positive', sql`${t.version} >= 1`),
    check('plan_versions_revision_based', sql`(${t.version} = 1) = (${t.basedOnId} is null)`),
  ],
);

/** Financial Plan: obligation targets of one allotment class for one quarter. */
export const planObligationTargets = pgTable(
  'plan_obligation_targets',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    allotmentClass: appropriationClass('allotment_class').notNull(),
    quarter: integer('quarter').notNull(),
    amount: pesos('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.allotmentClass, t.quarter] }),
    check('plan_obligation_targets_quarter', sql`${t.quarter} between 1 and 4`),
    check('plan_obligation_targets_non_negative', sql`${t.amount} >= 0`),
  ],
);

/** Financial Plan (Monthly Disbursement Program): disbursement targets of one allotment class for one month. */
export const planDisbursementTargets = pgTable(
  'plan_disbursement_targets',
  {
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    allotmentClass: appropriationClass('allotment_class').notNull(),
    month: integer('month').notNull(),
    amount: pesos('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.allotmentClass, t.month] }),
    check('plan_disbursement_targets_month', sql`${t.month} between 1 and 12`),
    check('plan_disbursement_targets_non_negative', sql`${t.amount} >= 0`),
  ],
);

/**
 * Physical Plan: an output indicator of one version. `key` names the same indicator across versions, so the
 * accomplishments recorded against it survive a revision.
 */
export const planIndicators = pgTable(
  'plan_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersions.id, { onDelete: 'cascade' }),
    key: uuid('key').notNull(),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    annualTarget: quantity('annual_target').notNull(),
    q1Target: quantity('q1_target').notNull(),
    q2Target: quantity('q2_target').notNull(),
    q3Target: quantity('q3_target').notNull(),
    q4Target: quantity('q4_target').notNull(),
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'set null' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('plan_indicators_version_key_idx').on(t.versionId, t.key),
    check('plan_indicators_name_present', sql`length(trim(${t.name})) > 0`),
    check('plan_indicators_targets_sum', sql`${t.q1Target} + ${t.q2Target} + ${t.q3Target} + ${t.q4Target} = ${t.annualTarget}`),
    check('plan_indicators_targets_non_negative', sql`least(${t.q1Target}, ${t.q2Target}, ${t.q3Target}, ${t.q4Target}) >= 0`),
  ],
);

/** What an indicator achieved in a quarter, with the explanation a shortfall of more than 15% needs. */
export const indicatorAccomplishments = pgTable(
  'indicator_accomplishments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    indicatorKey: uuid('indicator_key').notNull(),
    quarter: integer('quarter').notNull(),
    accomplished: quantity('accomplished').notNull(),
    explanation: text('explanation'),
    recordedById: text('recorded_by_id').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('indicator_accomplishments_quarter_idx').on(t.ppaId, t.indicatorKey, t.quarter),
    check('indicator_accomplishments_quarter', sql`${t.quarter} between 1 and 4`),
    check('indicator_accomplishments_non_negative', sql`${t.accomplished} >= 0`),
  ],
);

/** The quarters the "behind plan" check has already raised an alert for: once per PPA and quarter. */
export const planAlertQuarters = pgTable(
  'plan_alert_quarters',
  {
    ppaId: uuid('ppa_id')
      .notNull()
      .references(() => ppas.id, { onDelete: 'cascade' }),
    quarter: integer('quarter').notNull(),
    alertId: uuid('alert_id').references(() => alerts.id, { onDelete: 'set null' }),
    checkedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ppaId, t.quarter] }), index('plan_alert_quarters_alert_idx').on(t.alertId)],
);
