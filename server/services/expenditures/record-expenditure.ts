import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, Queryable } from '@/db';
import { expenditureEntries, ppas, users, workItems } from '@/db/schema';
import { expenditureDateProblem } from '../../domain/expenditure-dates';
import { disbursementProblem, reversalLedgerProblem, reversalOf, reversalProblem, spendingStageProblem, sumByKind, type ItemLedger } from '../../domain/ledger';
import { centavosOf, toPesoString } from '../../domain/money';
import { manilaDay } from '../../domain/schedule';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { ExpenditureResponse, RecordExpenditureRequest, ReverseExpenditureRequest } from '../../contracts/work-item';
import { writeAudit } from '../audit';
import { assertCanEditPpa, assertSignedIn, loadWorkItem, loadWorkItemForEdit, visiblePpasCondition } from '../access';
import { runUseCase } from '../effects/use-case';

type EntryRow = typeof expenditureEntries.$inferSelect;

/**
 * A work item's own ledger, read under the item's row lock: every ledger write takes that lock first and holds
 * it to the commit, so two disbursements (or a disbursement and an obligation's reversal) on one item queue,
 * and the second reads what the first wrote. 'no key update' leaves the item's foreign keys free.
 */
async function lockedItemLedger(tx: Queryable, workItemId: string): Promise<ItemLedger> {
  await tx.select({ id: workItems.id }).from(workItems).where(eq(workItems.id, workItemId)).for('no key update');
  const rows = await tx
    .select({ kind: expenditureEntries.kind, amount: expenditureEntries.amount })
    .from(expenditureEntries)
    .where(eq(expenditureEntries.workItemId, workItemId));
  return sumByKind(rows.map((r) => ({ kind: r.kind, amount: centavosOf(r.amount) })));
}

function toResponse(entry: EntryRow, recordedBy: string, reversedById: string | null): ExpenditureResponse {
  return {
    id: entry.id,
    workItemId: entry.workItemId,
    kind: entry.kind,
    amount: entry.amount,
    date: entry.spentOn,
    description: entry.description,
    referenceNo: entry.referenceNo,
    reversesId: entry.reversesId,
    reversalReason: entry.reversalReason,
    reversedById,
    recordedBy,
    recordedAt: entry.recordedAt.toISOString(),
  };
}

/**
 * Adds an obligation or a disbursement to a work item's ledger. Entries are never edited: a mistake is
 * reversed (below). Only a PPA approved out of budget review takes entries, and a disbursement never passes
 * what the item has obligated and not yet paid. A disbursement is announced, so overspending alerts follow;
 * an obligation is not actual spending and cannot overspend. Spending is recorded on a locked budget too:
 * the lock freezes allocations.
 */
export async function recordExpenditure(options: { db: Database; viewer: Viewer; input: RecordExpenditureRequest }): Promise<ExpenditureResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx, after) => {
    const { item, ppa } = await loadWorkItemForEdit(tx, viewer, input.id);
    const dateProblem = expenditureDateProblem(input.date, ppa.fiscalYear, manilaDay(new Date()));
    if (dateProblem) throw AppError.badField('date', dateProblem);
    const stageProblem = spendingStageProblem(ppa.approvalStage);
    if (stageProblem) throw AppError.conflict(stageProblem);
    const ledger = await lockedItemLedger(tx, item.id);
    if (input.kind === 'disbursement') {
      const overpaid = disbursementProblem(ledger, centavosOf(input.amount));
      if (overpaid) throw AppError.conflict(overpaid);
    }
    const entry: EntryRow = {
      id: randomUUID(),
      workItemId: item.id,
      ppaId: ppa.id,
      kind: input.kind,
      amount: input.amount,
      spentOn: input.date,
      description: input.description,
      referenceNo: input.referenceNo ?? null,
      reversesId: null,
      reversalReason: null,
      recordedById: viewer.userId,
      recordedAt: new Date(),
    };
    const response = toResponse(entry, viewer.name, null);
    await writeAudit(tx, viewer, { ppaId: ppa.id, entityType: 'expenditure', entityId: entry.id, action: 'record', after: response });
    if (input.kind === 'disbursement') await after.event({ name: 'expenditure/recorded', data: { ppaId: ppa.id, workItemId: item.id } });
    // The entry goes in last: the ledger's trigger locks the PPA's row of ppa_ledger_totals until the commit,
    // and every other entry on this PPA waits for that lock, so it is held for the commit alone.
    await tx.insert(expenditureEntries).values(entry);
    return response;
  });
}

/**
 * Reverses a mistaken entry: a new entry of the same kind on the same item, with the negated amount, dated
 * today (Manila), pointing at the entry, with the reason; both stay in the ledger and net to zero. The
 * entry's row lock queues concurrent reversals, so the second sees the first and is refused (409); the
 * database's unique index on reverses_id is the backstop. Who may reverse is who may record.
 */
export async function reverseExpenditure(options: { db: Database; viewer: Viewer; input: ReverseExpenditureRequest }): Promise<ExpenditureResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    const [found] = await tx
      .select({ entry: expenditureEntries, ppa: ppas })
      .from(expenditureEntries)
      .innerJoin(ppas, eq(ppas.id, expenditureEntries.ppaId))
      .where(and(eq(expenditureEntries.id, input.id), visiblePpasCondition(viewer)))
      .for('update', { of: expenditureEntries });
    if (!found) throw AppError.notFound('That ledger entry');
    const { entry, ppa } = found;
    assertCanEditPpa(viewer, ppa);

    const [earlier] = await tx
      .select({
        id: expenditureEntries.id,
        date: expenditureEntries.spentOn,
        reason: expenditureEntries.reversalReason,
        by: sql<string>`coalesce(${users.name}, ${users.email})`,
      })
      .from(expenditureEntries)
      .innerJoin(users, eq(users.id, expenditureEntries.recordedById))
      .where(eq(expenditureEntries.reversesId, entry.id));
    const problem = reversalProblem({
      reversesId: entry.reversesId,
      reversedBy: earlier ? { date: earlier.date, by: earlier.by, reason: earlier.reason ?? '' } : null,
    });
    if (problem) throw AppError.conflict(problem);
    const ledgerProblem = reversalLedgerProblem(await lockedItemLedger(tx, entry.workItemId), { kind: entry.kind, amount: centavosOf(entry.amount) });
    if (ledgerProblem) throw AppError.conflict(ledgerProblem);

    const reversal = reversalOf({ kind: entry.kind, amount: centavosOf(entry.amount), description: entry.description, referenceNo: entry.referenceNo });
    const [row] = await tx
      .insert(expenditureEntries)
      .values({
        workItemId: entry.workItemId,
        ppaId: entry.ppaId,
        kind: reversal.kind,
        amount: toPesoString(reversal.amount),
        spentOn: manilaDay(new Date()),
        description: reversal.description,
        referenceNo: reversal.referenceNo,
        reversesId: entry.id,
        reversalReason: input.reason,
        recordedById: viewer.userId,
      })
      .returning();
    const [original] = await tx
      .select({ name: sql<string>`coalesce(${users.name}, ${users.email})` })
      .from(users)
      .where(eq(users.id, entry.recordedById));
    const response = toResponse(row!, viewer.name, null);
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'expenditure',
      entityId: row!.id,
      action: 'reverse',
      before: toResponse(entry, original?.name ?? '', row!.id),
      after: response,
      reason: input.reason,
    });
    return response;
  });
}

const reversals = alias(expenditureEntries, 'reversals');

/** A work item's ledger, newest first: each entry with its kind, reference, and reversal either way. */
export async function listExpenditures(options: { db: Queryable; viewer: Viewer; workItemId: string }): Promise<ExpenditureResponse[]> {
  const { db, viewer, workItemId } = options;
  const { item } = await loadWorkItem(db, viewer, workItemId);
  const rows = await db
    .select({ entry: expenditureEntries, recordedBy: users.name, recordedByEmail: users.email, reversedById: reversals.id })
    .from(expenditureEntries)
    .innerJoin(users, eq(users.id, expenditureEntries.recordedById))
    .leftJoin(reversals, eq(reversals.reversesId, expenditureEntries.id))
    .where(eq(expenditureEntries.workItemId, item.id))
    .orderBy(desc(expenditureEntries.spentOn), desc(expenditureEntries.recordedAt));
  return rows.map(({ entry, recordedBy, recordedByEmail, reversedById }) => toResponse(entry, recordedBy ?? recordedByEmail, reversedById));
}
