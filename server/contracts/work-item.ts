import { z } from 'zod';
import { WORK_PRIORITIES, WORK_STATUSES, WORK_TYPES } from '../domain/types';
import { changesSomething, zCalendarDate, zId, zPesoAmount } from './shared';

export const zWeight = z
  .string()
  .trim()
  .regex(/^\d{1,8}(\.\d{1,4})?$/, 'Enter the weight as a number of at most 4 decimals, like 1 or 2.5.');

/** The fields of a work item a planner edits; adding and editing share them. */
const workItemFieldRules = {
  title: z.string().trim().min(1, 'Give the work item a title.').max(300, 'Keep the title under 300 characters.'),
  status: z.enum(WORK_STATUSES, { error: 'Choose a status.' }),
  priority: z.enum(WORK_PRIORITIES, { error: 'Choose a priority.' }),
  progress: z
    .number({ error: 'Enter progress as a whole number from 0 to 100.' })
    .int('Enter progress as a whole number from 0 to 100.')
    .min(0, 'Progress is between 0 and 100.')
    .max(100, 'Progress is between 0 and 100.'),
  startDate: zCalendarDate.nullable(),
  dueDate: zCalendarDate.nullable(),
  allocatedBudget: zPesoAmount,
  weight: zWeight,
  budgetNotes: z.string().trim().max(2000, 'Keep the budget notes under 2,000 characters.'),
};

function checkDates(values: { startDate?: string | null; dueDate?: string | null }, ctx: z.RefinementCtx) {
  if (values.startDate && values.dueDate && values.dueDate < values.startDate) {
    ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date cannot be before the start date.' });
  }
}

export const zAddWorkItemRequest = z
  .object({
    parentId: zId,
    workType: z.enum(WORK_TYPES, { error: 'Choose a type: sub_project, activity, sub_activity, task or subtask.' }),
    ...workItemFieldRules,
  })
  .partial({ status: true, priority: true, progress: true, startDate: true, dueDate: true, allocatedBudget: true, weight: true, budgetNotes: true })
  .superRefine(checkDates);
export type AddWorkItemRequest = z.output<typeof zAddWorkItemRequest>;

export const zUpdateWorkItemRequest = z
  .object({ ...workItemFieldRules, workType: z.enum(WORK_TYPES, { error: 'Choose a type.' }) })
  .partial()
  .extend({ id: zId })
  .superRefine(checkDates)
  .superRefine(changesSomething);
export type UpdateWorkItemRequest = z.output<typeof zUpdateWorkItemRequest>;

export const zMoveWorkItemRequest = z.object({
  id: zId,
  parentId: zId,
  /** 0-based place among the new parent's children; past the end means last. */
  position: z.number().int().min(0, 'The position cannot be negative.'),
});
export type MoveWorkItemRequest = z.output<typeof zMoveWorkItemRequest>;

export const zWorkItemIdRequest = z.object({ id: zId });

export const zWorkItem = z.object({
  id: z.string(),
  ppaId: z.string(),
  parentId: z.string().nullable(),
  title: z.string(),
  workType: z.enum(WORK_TYPES),
  status: z.enum(WORK_STATUSES),
  priority: z.enum(WORK_PRIORITIES),
  progress: z.number(),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  allocatedBudget: z.string(),
  weight: z.string(),
  budgetNotes: z.string(),
  sortOrder: z.number(),
});
export type WorkItemResponse = z.infer<typeof zWorkItem>;

export const zRecordExpenditureRequest = z.object({
  id: zId,
  amount: zPesoAmount.refine((v) => v !== '0.00', 'An expenditure must be more than ₱0.00.'),
  date: zCalendarDate,
  description: z.string().trim().min(1, 'Describe what the money was spent on.').max(500, 'Keep the description under 500 characters.'),
});
export type RecordExpenditureRequest = z.output<typeof zRecordExpenditureRequest>;

export const zExpenditure = z.object({
  id: z.string(),
  workItemId: z.string(),
  amount: z.string(),
  date: z.string(),
  description: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ExpenditureResponse = z.infer<typeof zExpenditure>;
