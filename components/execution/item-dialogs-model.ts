import type { WORK_PRIORITIES, WorkStatus, WorkType } from '@/server/domain/types';
import type { AllocationNodeShape } from '@/server/contracts/budget';

/** The edit dialog's main inputs, as text. */
export interface EditItemValues {
  title: string;
  status: WorkStatus;
  progress: string;
  allocatedBudget: string;
  workType: WorkType;
}

/** Optional inputs: empty means "leave unchanged". */
export interface EditItemExtra {
  priority: string;
  startDate: string;
  dueDate: string;
  weight: string;
  budgetNotes: string;
}

const orNull = (v: string) => (v === '' ? null : v);

export function initialEditValues(node: AllocationNodeShape): EditItemValues {
  return { title: node.title, status: node.status, progress: String(node.progress), allocatedBudget: node.allocated, workType: node.workType };
}

export const emptyEditExtra: EditItemExtra = { priority: '', startDate: '', dueDate: '', weight: '', budgetNotes: '' };

/**
 * The workItem.update request: title, status and progress always; the type and allocation only when changed
 * (so a locked budget is not touched); the optional fields only when filled in. The server validates it.
 */
export function editItemRequest(node: AllocationNodeShape, values: EditItemValues, extra: EditItemExtra) {
  return {
    id: node.id,
    title: values.title,
    status: values.status,
    progress: Number(values.progress),
    ...(values.workType !== node.workType ? { workType: values.workType } : {}),
    ...(values.allocatedBudget !== node.allocated ? { allocatedBudget: values.allocatedBudget } : {}),
    ...(extra.priority ? { priority: extra.priority as (typeof WORK_PRIORITIES)[number] } : {}),
    ...(extra.startDate ? { startDate: orNull(extra.startDate) } : {}),
    ...(extra.dueDate ? { dueDate: orNull(extra.dueDate) } : {}),
    ...(extra.weight ? { weight: extra.weight } : {}),
    ...(extra.budgetNotes ? { budgetNotes: extra.budgetNotes } : {}),
  };
}

/** The type a new child starts with: the second allowed type when there is one (a sub-project's activity, …). */
export function defaultChildType(types: readonly WorkType[]): WorkType {
  return types[Math.min(1, types.length - 1)] ?? 'task';
}

/** The workItem.add request; an empty amount leaves the allocation out. */
export function addChildRequest(parentId: string, title: string, workType: WorkType, amount: string) {
  return { parentId, title, workType, ...(amount ? { allocatedBudget: amount } : {}) };
}
