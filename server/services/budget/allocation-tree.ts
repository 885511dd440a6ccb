import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { expenditureEntries, moas, ppas, workItems } from '@/db/schema';
import { canEditPpa } from '../../domain/access';
import { centavosOf, toPesoString } from '../../domain/money';
import { progressOverview, rollUpTree, type FlatWorkItem, type RolledUpNode } from '../../domain/rollup';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { visiblePpasCondition } from '../ppa/scope';
import type { AllocationNodeShape, AllocationTreeResponse } from '../../contracts/budget';

interface FlatTreeRow {
  id: string;
  parent_id: string | null;
  title: string;
  work_type: FlatWorkItem['workType'];
  status: FlatWorkItem['status'];
  progress: number;
  allocated_budget: string;
  sort_order: number;
  own_actual: string | null;
  weight: string;
  budget_notes: string;
}

/** A work item as the allocation tree shows it: the rollup's fields plus its weight and budget notes. */
export interface TreeWorkItem extends FlatWorkItem {
  weight: string;
  budgetNotes: string;
}

/**
 * Every work item of one PPA with the spending recorded directly on it: one indexed read, one statement,
 * children already in sort order. Rolling up is done in one pass in code (server/domain/rollup.ts).
 */
export async function readFlatTree(q: Queryable, ppaId: string): Promise<TreeWorkItem[]> {
  const result = await q.execute(sql`
    select w.id, w.parent_id, w.title, w.work_type, w.status, w.progress, w.allocated_budget, w.sort_order, w.weight, w.budget_notes, s.total as own_actual
    from ${workItems} w
    left join (
      select work_item_id, sum(amount) as total from ${expenditureEntries} where ppa_id = ${ppaId} group by work_item_id
    ) s on s.work_item_id = w.id
    where w.ppa_id = ${ppaId}
    order by w.parent_id nulls first, w.sort_order, w.id`);
  return rowsOf<FlatTreeRow>(result).map((r) => ({
    id: r.id,
    parentId: r.parent_id,
    title: r.title,
    workType: r.work_type,
    status: r.status,
    progress: r.progress,
    allocated: centavosOf(r.allocated_budget),
    ownActual: centavosOf(r.own_actual),
    sortOrder: r.sort_order,
    weight: r.weight,
    budgetNotes: r.budget_notes,
  }));
}

export function toAllocationNode(node: RolledUpNode<TreeWorkItem>): AllocationNodeShape {
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
    weight: node.item.weight,
    budgetNotes: node.item.budgetNotes,
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
    overview: root ? progressOverview(root) : null,
  };
}
