import { z } from './zod';
import { zId } from './shared';

export const HISTORY_PAGE_MAX = 100;

export const zPpaHistoryRequest = z.object({
  id: zId,
  /** The id of the last entry of the previous page; the next page starts right after it. */
  cursor: z.uuid({ error: 'That cursor is not valid; start again from the first page.' }).optional(),
  limit: z.coerce
    .number({ error: `Ask for 1 to ${HISTORY_PAGE_MAX} entries.` })
    .int(`Ask for 1 to ${HISTORY_PAGE_MAX} entries.`)
    .min(1, `Ask for 1 to ${HISTORY_PAGE_MAX} entries.`)
    .max(HISTORY_PAGE_MAX, `Ask for 1 to ${HISTORY_PAGE_MAX} entries.`)
    .default(25),
});
export type PpaHistoryRequest = z.output<typeof zPpaHistoryRequest>;

export const zHistoryEntry = z.object({
  id: z.string(),
  /** When, as an ISO timestamp (shown in Asia/Manila). */
  at: z.string(),
  /** Who: the person's name; null for the system (the nightly sync, a background job). */
  actor: z.string().nullable(),
  /** The audit log's codes, for machines: "budget", "distribute_equal". */
  entityType: z.string(),
  action: z.string(),
  /** What happened, in planner words. */
  summary: z.string(),
  /** The values it changed, old → new (amounts as ₱1,234.56); null where there was none. */
  changes: z.array(z.object({ label: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  /** The reason given (a lock, an unlock, a reversal) or the decision's comment. */
  reason: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof zHistoryEntry>;

export const zPpaHistoryPage = z.object({
  entries: z.array(zHistoryEntry),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type PpaHistoryPage = z.infer<typeof zPpaHistoryPage>;
