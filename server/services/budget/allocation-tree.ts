import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { expenditureEntries, moas, ppas, workItems } from '@/db/schema';
import { canEditPpa } from '../../domain/access';
import { parsePesos, toPesoString } from '../../domain/money';
import { rollUpTree, type FlatWorkItem, type RolledUpNode } from '../../domain/rollup';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { visiblePpasCondition } from '../ppa/scope';
import type { AllocationNodeShape, AllocationTreeResponse } from '../../routers/budget/budget.types';

/**
 * Every work item of one PPA with the spending recorded directly on it: one indexed read, one statement.
 * Rolling up is done in one pass in code (server/domain/rollup.ts).
 */
export async function readFlatTree(q: Queryable, ppaId: string): Promise<FlatWorkItem[]> {
  const spent = q
    .select({ workItemId: expenditureEntries.workItemId, total: sql<string>`sum(${expenditureEntries.amount})`.as('total') })
    .from(expenditureEntries)
    .where(eq(expenditureEntries.ppaId, ppaId))
    .groupBy(expenditureEntries.workItemId)
    .as('spent');
  const rows = await q
    .select({
      id: workItems.id,
      parentId: workItems.parentId,
      title: workItems.title,
      workType: workItems.workType,
      status: workItems.status,
      progress: workItems.progress,
      allocated: workItems.allocatedBudget,
      ownActual: spent.total,
      sortOrder: workItems.sortOrder,
    })
    .from(workItems)
    .leftJoin(spent, eq(spent.workItemId, workItems.id))
    .where(eq(workItems.ppaId, ppaId));
  return rows.map((r) => ({ ...r, allocated: parsePesos(r.allocated), ownActual: r.ownActual ? parsePesos(r.ownActual) : 0n }));
}

export function toAllocationNode(node: RolledUpNode): AllocationNodeShape {
  return {
    id: node.item.id,
    title: node.item.title,
    workType: node.item.workType,
    status: node.item.status,
    progress: node.progress,
    allocated: toPesoString(node.allocated),
    actual: toPesoString(node.actual),
    remaining: toPesoString(node.remaining),
    variance: toPesoString(node.variance),
    variancePercent: node.variancePercent,
    utilisation: node.utilisationPercent,
    budgetStatus: node.budgetStatus,
    childrenAllocated: toPesoString(node.childrenAllocated),
    unallocated: toPesoString(node.unallocated),
    sortOrder: node.item.sortOrder,
    children: node.children.map(toAllocationNode),
  };
}

/**
 * The allocation tree of a PPA with its rollups: the PPA (scoped to what the viewer may see) and then the
 * whole tree in one query each, so a request costs at most three statements with the caller's lookup.
 */
export async function getAllocationTree(options: { db: Queryable; viewer: Viewer; ppaId: string }): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId } = options;
  const [ppa] = await db
    .select({
      id: ppas.id,
      title: ppas.title,
      moaId: ppas.moaId,
      moaCode: moas.code,
      approvalStage: ppas.approvalStage,
      status: ppas.status,
      progress: ppas.progress,
      progressMode: ppas.progressMode,
      budgetAllocation: ppas.budgetAllocation,
      budgetLockedAt: ppas.budgetLockedAt,
    })
    .from(ppas)
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .where(and(eq(ppas.id, ppaId), visiblePpasCondition(viewer)));
  if (!ppa) throw AppError.notFound('That PPA');
  const [root] = rollUpTree(await readFlatTree(db, ppaId), ppa.progressMode);
  const { moaId, budgetLockedAt, ...rest } = ppa;
  return {
    ppa: { ...rest, budgetLockedAt: budgetLockedAt?.toISOString() ?? null, canEdit: canEditPpa(viewer, moaId) },
    tree: root ? toAllocationNode(root) : null,
  };
}
