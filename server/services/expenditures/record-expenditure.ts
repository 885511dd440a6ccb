import { desc, eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { expenditureEntries, users } from '@/db/schema';
import { expenditureDateProblem } from '../../domain/expenditure-dates';
import { manilaDay } from '../../domain/schedule';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { ExpenditureResponse, RecordExpenditureRequest } from '../../contracts/work-item';
import { writeAudit } from '../audit';
import { enqueueEvent } from '../events/outbox';
import { publishAfterCommit } from '../events/publish';
import { loadWorkItem, loadWorkItemForEdit } from '../work-items/load';

/**
 * Adds a row to a work item's expenditure ledger (entries are never edited: a correction is a new entry)
 * and announces it, so overspending alerts follow.
 */
export async function recordExpenditure(options: { db: Database; viewer: Viewer; input: RecordExpenditureRequest }): Promise<ExpenditureResponse> {
  const { db, viewer, input } = options;
  const recorded = await db.transaction(async (tx) => {
    const { item, ppa } = await loadWorkItemForEdit(tx, viewer, input.id);
    const dateProblem = expenditureDateProblem(input.date, ppa.fiscalYear, manilaDay(new Date()));
    if (dateProblem) throw AppError.badField('date', dateProblem);
    const [entry] = await tx
      .insert(expenditureEntries)
      .values({ workItemId: item.id, ppaId: ppa.id, amount: input.amount, spentOn: input.date, description: input.description, recordedById: viewer.userId })
      .returning();
    const response = { id: entry!.id, workItemId: item.id, amount: entry!.amount, date: entry!.spentOn, description: entry!.description, recordedBy: viewer.name, recordedAt: entry!.recordedAt.toISOString() };
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'expenditure', entityId: entry!.id, action: 'record', after: response });
    await enqueueEvent(tx, { name: 'expenditure/recorded', data: { ppaId: ppa.id, workItemId: item.id } });
    return response;
  });
  await publishAfterCommit(db);
  return recorded;
}

/** A work item's ledger, newest first. */
export async function listExpenditures(options: { db: Queryable; viewer: Viewer; workItemId: string }): Promise<ExpenditureResponse[]> {
  const { db, viewer, workItemId } = options;
  const { item } = await loadWorkItem(db, viewer, workItemId);
  const rows = await db
    .select({ entry: expenditureEntries, recordedBy: users.name, recordedByEmail: users.email })
    .from(expenditureEntries)
    .innerJoin(users, eq(users.id, expenditureEntries.recordedById))
    .where(eq(expenditureEntries.workItemId, item.id))
    .orderBy(desc(expenditureEntries.spentOn), desc(expenditureEntries.recordedAt));
  return rows.map(({ entry, recordedBy, recordedByEmail }) => ({
    id: entry.id,
    workItemId: entry.workItemId,
    amount: entry.amount,
    date: entry.spentOn,
    description: entry.description,
    recordedBy: recordedBy ?? recordedByEmail,
    recordedAt: entry.recordedAt.toISOString(),
  }));
}
