import type { AppropriationClass, WORK_PRIORITIES, WorkStatus, WorkType } from '@/server/domain/types';
import { formatPesos, isPesoAmount, parsePesos } from '@/server/domain/money';
import type { AllocationNodeShape } from '@/server/contracts/budget';

/** The edit dialog's inputs, as text, starting from the item's current values. */
export interface EditItemValues {
  title: string;
  status: WorkStatus;
  progress: string;
  allocatedBudget: string;
  workType: WorkType;
  priority: (typeof WORK_PRIORITIES)[number];
  startDate: string;
  dueDate: string;
  weight: string;
  budgetNotes: string;
  /** '' = the parent's (or the PPA's) class. */
  appropriationClass: '' | AppropriationClass;
  objectOfExpenditure: string;
}

/** A stored weight ("1.5000") as typed: "1.5". */
export function displayWeight(weight: string): string {
  return /^\d+\.\d+$/.test(weight) ? weight.replace(/\.?0+$/, '') : weight;
}

export function initialEditValues(node: AllocationNodeShape): EditItemValues {
  return {
    title: node.title,
    status: node.status,
    progress: String(node.progress),
    allocatedBudget: node.allocated,
    workType: node.workType,
    priority: node.priority,
    startDate: node.startDate ?? '',
    dueDate: node.dueDate ?? '',
    weight: displayWeight(node.weight),
    budgetNotes: node.budgetNotes,
    appropriationClass: node.appropriationClass ?? '',
    objectOfExpenditure: node.objectOfExpenditure ?? '',
  };
}

/** Typed and stored amounts are the same when they are the same number of centavos ("₱1,000" = "1000.00"). */
const samePesos = (typed: string, stored: string) => isPesoAmount(typed) && parsePesos(typed) === parsePesos(stored);
const sameWeight = (typed: string, stored: string) => typed.trim() === displayWeight(stored);

/**
 * The workItem.update request: title, status and progress always; every other field only when it differs from
 * the item (so a locked allocation is not touched, and an emptied date clears it). The server validates it.
 */
export function editItemRequest(node: AllocationNodeShape, values: EditItemValues) {
  return {
    id: node.id,
    title: values.title,
    status: values.status,
    progress: Number(values.progress),
    ...(values.workType !== node.workType ? { workType: values.workType } : {}),
    ...(!samePesos(values.allocatedBudget, node.allocated) ? { allocatedBudget: values.allocatedBudget } : {}),
    ...(values.priority !== node.priority ? { priority: values.priority } : {}),
    ...(values.startDate !== (node.startDate ?? '') ? { startDate: values.startDate || null } : {}),
    ...(values.dueDate !== (node.dueDate ?? '') ? { dueDate: values.dueDate || null } : {}),
    ...(!sameWeight(values.weight, node.weight) ? { weight: values.weight } : {}),
    ...(values.budgetNotes !== node.budgetNotes ? { budgetNotes: values.budgetNotes } : {}),
    ...(values.appropriationClass !== (node.appropriationClass ?? '') ? { appropriationClass: values.appropriationClass || null } : {}),
    ...(values.objectOfExpenditure.trim() !== (node.objectOfExpenditure ?? '') ? { objectOfExpenditure: values.objectOfExpenditure.trim() || null } : {}),
  };
}

/** The plan's main levels; a sub-project, sub-activity or subtask is an optional level between or below them. */
const MAIN_LEVELS: readonly WorkType[] = ['project', 'activity', 'task'];

/**
 * The type a new child starts with: the next main level (a project's or a sub-project's activity, an activity's
 * or a sub-activity's task), else the first allowed (a task's subtask).
 */
export function defaultChildType(types: readonly WorkType[]): WorkType {
  return types.find((t) => MAIN_LEVELS.includes(t)) ?? types[0] ?? 'task';
}

/** The workItem.add request; an empty amount leaves the allocation out. */
export function addChildRequest(parentId: string, title: string, workType: WorkType, amount: string) {
  return { parentId, title, workType, ...(amount ? { allocatedBudget: amount } : {}) };
}

/** The Add dialog's hint: how much of the parent's money is still unallocated, as planners read amounts. */
export function unallocatedHint(parent: Pick<AllocationNodeShape, 'title' | 'unallocated'>): string {
  return `Allocated (₱), from ${parent.title}'s unallocated ${formatPesos(parsePesos(parent.unallocated))}`;
}
