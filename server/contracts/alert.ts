import { z } from './zod';
import { ALERT_SEVERITIES, ALERT_TYPES } from '../domain/types';
import { zId } from './shared';

export const zListAlertsRequest = z.object({
  ppaId: zId.optional(),
  /** Only alerts not yet resolved. */
  open: z.boolean().optional(),
});

export const zAlert = z.object({
  id: z.string(),
  ppaId: z.string(),
  ppaTitle: z.string(),
  moaCode: z.string(),
  workItemId: z.string().nullable(),
  workItemTitle: z.string().nullable(),
  type: z.enum(ALERT_TYPES),
  severity: z.enum(ALERT_SEVERITIES),
  title: z.string(),
  message: z.string(),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});
export type AlertResponse = z.infer<typeof zAlert>;
