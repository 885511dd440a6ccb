import { z } from './zod';
import { APPROPRIATION_CLASSES, LEDGER_ENTRY_KINDS, WORK_PRIORITIES, WORK_STATUSES, WORK_TYPES } from '../domain/types';
import { ANY_CONTROL_CHARACTER, changesSomething, STRAY_CONTROL_CHARACTERS, zCalendarDate, zId, zPesoAmount } from './shared';

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
  /** Null: the class of the nearest ancestor that has one, else the PPA's (modification requests route by it). */
  appropriationClass: z.enum(APPROPRIATION_CLASSES, { error: `Choose an appropriation class: ${APPROPRIATION_CLASSES.join(', ')}.` }).nullable(),
  /** The UACS object of expenditure, e.g. "5020201000 Training Expenses"; blank clears it. */
  objectOfExpenditure: z
    .string()
    .trim()
    .max(200, 'Keep the object of expenditure under 200 characters.')
    .refine((v) => !ANY_CONTROL_CHARACTER.test(v), 'Write the object of expenditure on one line.')
    .transform((v) => v || null)
    .nullable(),
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
  .partial({
    status: true,
    priority: true,
    progress: true,
    startDate: true,
    dueDate: true,
    allocatedBudget: true,
    weight: true,
    budgetNotes: true,
    appropriationClass: true,
    objectOfExpenditure: true,
  })
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
  appropriationClass: z.enum(APPROPRIATION_CLASSES).nullable(),
  objectOfExpenditure: z.string().nullable(),
  sortOrder: z.number(),
});
export type WorkItemResponse = z.infer<typeof zWorkItem>;

/** An ORS or DV number as written on the paper: one line, at most 60 characters; blank means none. */
export const REFERENCE_NO_MAX = 60;
const zReferenceNo = z
  .string()
  .trim()
  .max(REFERENCE_NO_MAX, `Keep the reference number under ${REFERENCE_NO_MAX} characters (an ORS or DV number).`)
  .refine((v) => !ANY_CONTROL_CHARACTER.test(v), 'The reference number may contain only printable characters.')
  .transform((v) => (v === '' ? null : v));

export const zRecordExpenditureRequest = z.object({
  id: zId,
  kind: z.enum(LEDGER_ENTRY_KINDS, { error: 'Choose obligation or disbursement.' }).default('disbursement'),
  amount: zPesoAmount.refine((v) => v !== '0.00', 'An expenditure must be more than ₱0.00.'),
  date: zCalendarDate,
  description: z
    .string()
    .trim()
    .min(1, 'Describe what the money was spent on.')
    .max(500, 'Keep the description under 500 characters.')
    .refine((v) => !STRAY_CONTROL_CHARACTERS.test(v), 'The description may not contain control characters.'),
  referenceNo: zReferenceNo.nullish().transform((v) => v ?? null),
});
export type RecordExpenditureRequest = z.output<typeof zRecordExpenditureRequest>;

export const zReverseExpenditureRequest = z.object({
  id: zId,
  reason: z
    .string({ error: 'Give the reason for the reversal.' })
    .trim()
    .min(5, 'Give a reason of at least 5 characters; it stays in the ledger.')
    .max(500, 'Keep the reason under 500 characters.')
    .refine((v) => !STRAY_CONTROL_CHARACTERS.test(v), 'The reason may not contain control characters.'),
});
export type ReverseExpenditureRequest = z.output<typeof zReverseExpenditureRequest>;

export const zExpenditure = z.object({
  id: z.string(),
  workItemId: z.string(),
  kind: z.enum(LEDGER_ENTRY_KINDS),
  /** Pesos; negative only on a reversal. */
  amount: z.string(),
  date: z.string(),
  description: z.string(),
  referenceNo: z.string().nullable(),
  /** On a reversal: the entry it undoes, and why. */
  reversesId: z.string().nullable(),
  reversalReason: z.string().nullable(),
  /** On a reversed entry: the reversal that undid it. */
  reversedById: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
export type ExpenditureResponse = z.infer<typeof zExpenditure>;
