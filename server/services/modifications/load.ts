import { and, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { modificationRequests, ppas } from '@/db/schema';
import type { SignedInViewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { PpaRow } from '../access';
import { visiblePpasCondition } from '../access';

export type RequestRow = typeof modificationRequests.$inferSelect;

/**
 * A request and its PPA if the viewer may see the PPA (else not found: another MOA's request does not leak).
 * `lock` takes the request's row lock; callers that change money take the PPA's lock first (lock order).
 */
export async function loadRequest(
  q: Queryable,
  viewer: SignedInViewer,
  requestId: string,
  options: { lock?: boolean } = {},
): Promise<{ request: RequestRow; ppa: PpaRow }> {
  const query = q
    .select({ request: modificationRequests, ppa: ppas })
    .from(modificationRequests)
    .innerJoin(ppas, eq(ppas.id, modificationRequests.ppaId))
    .where(and(eq(modificationRequests.id, requestId), visiblePpasCondition(viewer)));
  const [row] = options.lock ? await query.for('update', { of: modificationRequests }) : await query;
  if (!row) throw AppError.notFound('That modification request');
  return row;
}
