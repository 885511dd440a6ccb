import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '@/db';
import { auditLog, expenditureEntries, moas, ppas, users, workItems } from '@/db/schema';
import { ledgerFigures } from '../../domain/ledger';
import { centavosOf, toPesoString } from '../../domain/money';
import { progressOverview, rollUpTree, walkTree, type FlatWorkItem, type RolledUpNode } from '../../domain/rollup';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { AllocationNodeShape, AllocationTreeResponse } from '../../contracts/budget';
import { mayEditPpa, visiblePpasCondition } from '../access';

/** A work item row as the tree's read returns it (the reports' breakdown reads the same columns). */
export interface FlatTreeRow {
  id: string;
  parent_id: string | null;
  title: string;
  work_type: FlatWorkItem['workType'];
  status: FlatWorkItem['status'];
  progress: number;
  /** The adjusted allocation (original + transfers in − out): what every figure of the tree uses. */
  allocated_budget: string;
  original_budget: string;
  transfers_in: string;
  transfers_out: string;
  appropriation_class: TreeWorkItem['appropriationClass'];
  object_of_expenditure: string | null;
  sort_order: number;
  own_actual: string | null;
  own_obligations: string | null;
  weight: string;
  budget_notes: string;
  priority: TreeWorkItem['priority'];
  start_date: string | null;
  due_date: string | null;
}

/** A work item as the allocation tree shows it: the rollup's fields plus its weight, budget notes, priority and dates. */
export interface TreeWorkItem extends FlatWorkItem {
  /** The approved allocation before modifications, and the approved transfers in and out (pesos). */
  originalAllocation: string;
  transfersIn: string;
  transfersOut: string;
  appropriationClass: AllocationNodeShape['appropriationClass'];
  objectOfExpenditure: string | null;
  weight: string;
  budgetNotes: string;
  priority: AllocationNodeShape['priority'];
  startDate: string | null;
  dueDate: string | null;
}

/**
 * Every work item of one PPA with the ledger recorded directly on it, summed per kind (a reversal's negative
 * amount nets its entry out; actual is disbursements only): one indexed read, one statement, children already
 * in sort order. Rolling up is done in one pass in code (server/domain/rollup.ts).
 */
export async function readFlatTree(q: Queryable, ppaId: string): Promise<TreeWorkItem[]> {
  const result = await q.execute(sql`
    select w.id, w.parent_id, w.title, w.work_type, w.status, w.progress, w.adjusted_budget as allocated_budget, w.allocated_budget as original_budget,
      w.transfers_in, w.transfers_out, w.appropriation_class, w.object_of_expenditure, w.sort_order, w.weight, w.budget_notes,
      w.priority, w.start_date::text as start_date, w.due_date::text as due_date, s.disbursements as own_actual, s.obligations as own_obligations
    from ${workItems} w
    left join (
      select work_item_id,
        sum(amount) filter (where kind = 'disbursement') as disbursements,
        sum(amount) filter (where kind = 'obligation') as obligations
      from ${expenditureEntries} where ppa_id = ${ppaId} group by work_item_id
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
    originalAllocation: r.original_budget,
    transfersIn: r.transfers_in,
    transfersOut: r.transfers_out,
    appropriationClass: r.appropriation_class,
    objectOfExpenditure: r.object_of_expenditure,
    ownActual: centavosOf(r.own_actual),
    ownObligations: centavosOf(r.own_obligations),
    sortOrder: r.sort_order,
    weight: r.weight,
    budgetNotes: r.budget_notes,
    priority: r.priority,
    startDate: r.start_date,
    dueDate: r.due_date,
  }));
}

/** The node of work item `id` in the tree under `root`; a 404 when the PPA has no such work item. */
function nodeWithId(root: RolledUpNode<TreeWorkItem> | undefined, id: string): RolledUpNode<TreeWorkItem> {
  for (const node of root ? walkTree([root]) : []) if (node.item.id === id) return node;
  throw AppError.notFound('That work item');
}

/** A node of the answer, with `depth` levels of its descendants (all of them by default). */
export function toAllocationNode(node: RolledUpNode<TreeWorkItem>, depth = Infinity): AllocationNodeShape {
  // Actual is the disbursements: one figure, written once (this runs for every node of a 10,000-item tree).
  const actual = toPesoString(node.actual);
  return {
    id: node.item.id,
    title: node.item.title,
    workType: node.item.workType,
    status: node.item.status,
    progress: node.progress,
    originalAllocation: node.item.originalAllocation,
    transfersIn: node.item.transfersIn,
    transfersOut: node.item.transfersOut,
    appropriationClass: node.item.appropriationClass,
    objectOfExpenditure: node.item.objectOfExpenditure,
    allocated: toPesoString(node.allocated),
    actual,
    obligations: toPesoString(node.obligations),
    disbursements: actual,
    obligationRate: node.obligationRate,
    disbursementRate: node.disbursementRate,
    unobligated: toPesoString(node.unobligated),
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
    priority: node.item.priority,
    startDate: node.item.startDate,
    dueDate: node.item.dueDate,
    childCount: node.children.length,
    children: depth > 0 ? node.children.map((child) => toAllocationNode(child, depth - 1)) : [],
  };
}

/**
 * The allocation tree of a PPA with its rollups: the PPA (scoped to what the viewer may see) and the whole
 * tree in one query each, sent together, so a request costs at most three statements with the caller's lookup.
 * `under` and `depth` trim the answer, not the work: every figure is rolled up over the whole tree first.
 */
export async function getAllocationTree(options: {
  db: Queryable;
  viewer: Viewer;
  ppaId: string;
  /** Answer with this work item of the PPA as the tree's top. */
  under?: string;
  /** Levels below the top to include (0: the top alone); all by default. */
  depth?: number;
}): Promise<AllocationTreeResponse> {
  const { db, viewer, ppaId } = options;
  // The PPA and its tree are read at once (one round trip, not two); the tree of a PPA the viewer may not see
  // is thrown away unread, and the answer is the same 404.
  const ppaQuery = db
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
      budgetLockedBy: users.name,
      // The reason given with the latest lock (the audit log keeps it; a lock without an entry has none).
      budgetLockReason: sql<string | null>`(
        select a.reason from ${auditLog} a
        where a.entity_type = 'budget' and a.entity_id = ${ppas.id}::text and a.action = 'lock'
        order by a.created_at desc limit 1)`,
    })
    .from(ppas)
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .leftJoin(users, eq(users.id, ppas.budgetLockedById))
    .where(and(eq(ppas.id, ppaId), visiblePpasCondition(viewer)));
  const [[ppa], flatTree] = await Promise.all([ppaQuery, readFlatTree(db, ppaId)]);
  if (!ppa) throw AppError.notFound('That PPA');
  const [root] = rollUpTree(flatTree, ppa.progressMode);
  const top = options.under === undefined ? root : nodeWithId(root, options.under);
  const { moaId, budgetLockedAt, budgetLockedBy, budgetLockReason, ...rest } = ppa;
  const locked = budgetLockedAt !== null;
  // The PPA's own figures are over its budget allocation (the source of truth), as the portfolio's are; every
  // ledger entry sits on an item of the tree, so the tree's root holds all of the PPA's ledger.
  const ledger = { allocated: centavosOf(rest.budgetAllocation), obligations: root?.obligations ?? 0n, disbursements: root?.actual ?? 0n };
  const figures = ledgerFigures(ledger);
  return {
    ppa: {
      ...rest,
      // Over the PPA's allocation, not the project's: a project left below it (a plan made before the allocation
      // was set) must not make the page say nothing is left to allocate.
      unallocated: toPesoString(ledger.allocated - (root?.childrenAllocated ?? 0n)),
      obligations: toPesoString(ledger.obligations),
      disbursements: toPesoString(ledger.disbursements),
      obligationRate: figures.obligationRate,
      disbursementRate: figures.disbursementRate,
      unobligated: toPesoString(figures.unobligated),
      budgetLockedAt: budgetLockedAt?.toISOString() ?? null,
      budgetLockedBy: locked ? budgetLockedBy : null,
      budgetLockReason: locked ? budgetLockReason : null,
      canEdit: mayEditPpa(viewer, { moaId }),
    },
    tree: top ? toAllocationNode(top, options.depth) : null,
    overview: root ? progressOverview(root) : null,
  };
}
