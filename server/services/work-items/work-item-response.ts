import type { WorkItemResponse } from '../../contracts/work-item';
import { type WorkItemRow } from './load';

export function toWorkItemResponse(row: WorkItemRow): WorkItemResponse {
  return {
    id: row.id,
    ppaId: row.ppaId,
    parentId: row.parentId,
    title: row.title,
    workType: row.workType,
    status: row.status,
    priority: row.priority,
    progress: row.progress,
    startDate: row.startDate,
    dueDate: row.dueDate,
    allocatedBudget: row.allocatedBudget,
    weight: row.weight,
    budgetNotes: row.budgetNotes,
    appropriationClass: row.appropriationClass,
    objectOfExpenditure: row.objectOfExpenditure,
    sortOrder: row.sortOrder,
  };
}
