import { z } from './zod';
import { APPROPRIATION_CLASSES, MODIFICATION_ACTIONS, MODIFICATION_ROUTES, MODIFICATION_STATUSES, USER_ROLES } from '../domain/types';
import { isPesoAmount, parsePesos, toPesoString } from '../domain/money';
import { STRAY_CONTROL_CHARACTERS, zId } from './shared';
import { zFinancialPlanClass, zFinancialPlanClassResponse, zIndicatorInput } from './plans';

/** A line's amount: pesos above zero, exact to the centavo ("150000", "150,000.00"). */
const zLineAmount = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (!isPesoAmount(value)) ctx.addIssue({ code: 'custom', message: 'Enter an amount in pesos, like 150000.00.' });
    else if (parsePesos(value) <= 0n) ctx.addIssue({ code: 'custom', message: 'Enter an amount above ₱0.00.' });
  })
  .transform((value) => toPesoString(parsePesos(value)));

export const zModificationLineInput = z.object({
  fromWorkItemId: zId,
  toWorkItemId: zId,
  amount: zLineAmount,
});

const zLink = z.url({ protocol: /^https?$/, error: 'Attachment links must be web addresses (https://…).' }).max(2000, 'That link is too long.');

/**
 * A plan revision a request carries (docs/domain-rules.md, "Plan revisions"): the whole revised Financial Plan
 * and Physical Plan of the PPA. It balances against the allocation when submitted and again when approved.
 */
export const zPlanRevisionInput = z.object({
  classes: z.array(zFinancialPlanClass).min(1, 'Enter obligation targets for at least one allotment class.').max(APPROPRIATION_CLASSES.length),
  indicators: z.array(zIndicatorInput).min(1, 'Keep at least one output indicator in the Physical Plan.').max(50, 'Keep the physical plan to 50 indicators.'),
});
export type PlanRevisionInput = z.infer<typeof zPlanRevisionInput>;

export const zModificationDraftFields = z.object({
  lines: z.array(zModificationLineInput).max(50, 'A request holds at most 50 lines.'),
  /** Absent: the request's revision stays as it is; null: the request carries none (a draft one is dropped). */
  planRevision: zPlanRevisionInput.nullable().optional(),
  justification: z
    .string()
    .trim()
    .min(1, 'Say why the money should move: a justification is required.')
    .max(5000, 'Keep the justification under 5,000 characters.')
    .refine((v) => !STRAY_CONTROL_CHARACTERS.test(v), 'Remove the invisible control characters from the justification.'),
  attachmentLinks: z.array(zLink).max(10, 'Attach at most 10 links.').default([]),
});

/** A request moves money, revises the plan, or both; one with neither says nothing. */
const carriesSomething = (value: { lines: unknown[]; planRevision?: unknown }) => value.lines.length > 0 || Boolean(value.planRevision);
const NOTHING_CARRIED = { message: 'Add at least one line (which item gives how much to which) or a plan revision.', path: ['lines'] };

export const zCreateModificationRequest = zModificationDraftFields.extend({ ppaId: zId }).refine(carriesSomething, NOTHING_CARRIED);
export const zUpdateModificationRequest = zModificationDraftFields.extend({ id: zId }).refine(carriesSomething, NOTHING_CARRIED);
export const zPreviewModificationRequest = z.object({
  ppaId: zId,
  lines: z.array(zModificationLineInput).max(50),
  excludeRequestId: zId.optional(),
  /** The revised Financial Plan being written, so the preview routes what it moves across classes. */
  planRevisionClasses: z.array(zFinancialPlanClass).max(APPROPRIATION_CLASSES.length).optional(),
});

export const zDecideModificationRequest = z.object({
  id: zId,
  decision: z.enum(['approve', 'reject', 'return'], { error: 'Choose approve, reject or return.' }),
  comment: z.string().trim().max(2000, 'Keep the comment under 2,000 characters.').optional(),
});

export const zListModificationsRequest = z.object({
  ppaId: zId.optional(),
  status: z.enum(MODIFICATION_STATUSES).optional(),
  /** Only requests waiting on the caller's decision. */
  waitingOnMe: z.boolean().optional(),
});

const zClass = z.enum(APPROPRIATION_CLASSES).nullable();

export const zModificationChange = z.object({
  workItemId: z.string(),
  title: z.string(),
  before: z.string(),
  after: z.string(),
  /** A source's unobligated balance before this request (less other pending requests); null for the others. */
  available: z.string().nullable(),
});

export const zModificationPreview = z.object({
  problems: z.array(z.object({ line: z.number().int().nullable(), message: z.string() })),
  changes: z.array(zModificationChange),
  route: z.enum(MODIFICATION_ROUTES),
  needsExecutive: z.boolean(),
  routeWords: z.string(),
  total: z.string(),
});
export type ModificationPreview = z.infer<typeof zModificationPreview>;

export const zModificationLine = z.object({
  id: z.string(),
  fromWorkItemId: z.string(),
  fromTitle: z.string(),
  toWorkItemId: z.string(),
  toTitle: z.string(),
  fromClass: zClass,
  toClass: zClass,
  fromObject: z.string().nullable(),
  toObject: z.string().nullable(),
  amount: z.string(),
});

export const zModificationStep = z.object({
  action: z.enum(MODIFICATION_ACTIONS),
  actorRole: z.enum(USER_ROLES),
  actorName: z.string(),
  comment: z.string().nullable(),
  at: z.string(),
});

export const zModificationSummary = z.object({
  id: z.string(),
  ppaId: z.string(),
  ppaTitle: z.string(),
  moaCode: z.string(),
  status: z.enum(MODIFICATION_STATUSES),
  route: z.enum(MODIFICATION_ROUTES).nullable(),
  needsExecutive: z.boolean(),
  awaitingRole: z.enum(USER_ROLES).nullable(),
  totalAmount: z.string(),
  justification: z.string(),
  requestedBy: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ModificationSummary = z.infer<typeof zModificationSummary>;

export const zPlanRevision = z.object({
  /** The revised plan's version number and the locked version it revises. */
  version: z.number(),
  basedOnVersion: z.number().nullable(),
  /** Locked and shown as the PPA's plan since the request was approved. */
  applied: z.boolean(),
  classes: z.array(zFinancialPlanClassResponse),
  indicators: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      unit: z.string(),
      annualTarget: z.string(),
      quarterTargets: z.array(z.string()),
      workItemId: z.string().nullable(),
    }),
  ),
  /** Why it cannot be submitted or approved as it stands (it does not balance, the plan changed since); empty when it can. */
  problems: z.array(z.string()),
  /** What it moves across allotment classes, in pesos ("0.00" when it stays within each class). */
  classShift: z.string(),
});
export type PlanRevision = z.infer<typeof zPlanRevision>;

export const zModificationDetail = zModificationSummary.extend({
  attachmentLinks: z.array(z.string()),
  /** The plan revision the request carries, or null. */
  planRevision: zPlanRevision.nullable(),
  lines: z.array(zModificationLine),
  steps: z.array(zModificationStep),
  /** The request checked against the tree as it stands now (for a pending request: what approval would do). */
  preview: zModificationPreview.nullable(),
  /** What the caller may do with it now. */
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  canWithdraw: z.boolean(),
});
export type ModificationDetail = z.infer<typeof zModificationDetail>;
