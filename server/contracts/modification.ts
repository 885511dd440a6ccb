import { z } from './zod';
import { APPROPRIATION_CLASSES, MODIFICATION_ACTIONS, MODIFICATION_ROUTES, MODIFICATION_STATUSES, USER_ROLES } from '../domain/types';
import { isPesoAmount, parsePesos, toPesoString } from '../domain/money';
import { STRAY_CONTROL_CHARACTERS, zId } from './shared';

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

export const zModificationDraftFields = z.object({
  lines: z.array(zModificationLineInput).min(1, 'Add at least one line: which item gives how much to which.').max(50, 'A request holds at most 50 lines.'),
  justification: z
    .string()
    .trim()
    .min(1, 'Say why the money should move: a justification is required.')
    .max(5000, 'Keep the justification under 5,000 characters.')
    .refine((v) => !STRAY_CONTROL_CHARACTERS.test(v), 'Remove the invisible control characters from the justification.'),
  attachmentLinks: z.array(zLink).max(10, 'Attach at most 10 links.').default([]),
});

export const zCreateModificationRequest = zModificationDraftFields.extend({ ppaId: zId });
export const zUpdateModificationRequest = zModificationDraftFields.extend({ id: zId });
export const zPreviewModificationRequest = z.object({ ppaId: zId, lines: z.array(zModificationLineInput).max(50), excludeRequestId: zId.optional() });

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

export const zModificationDetail = zModificationSummary.extend({
  attachmentLinks: z.array(z.string()),
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
