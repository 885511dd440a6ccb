import { asc, eq, inArray } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { moas, ppas } from '@/db/schema';
import { daysWaiting, stagesDecidedBy } from '../../domain/alerts';
import { isSignedIn, type Viewer } from '../../domain/types';
import type { ReviewQueueItem } from '../../contracts/ppa';

/** What waits on this viewer's decision (the stages their role decides), oldest first. */
export async function reviewQueue(options: { db: Queryable; viewer: Viewer; now?: Date }): Promise<ReviewQueueItem[]> {
  const { db, viewer } = options;
  const now = options.now ?? new Date();
  // The public decides nothing.
  const stages = isSignedIn(viewer) ? stagesDecidedBy(viewer.role) : [];
  if (stages.length === 0) return [];
  const rows = await db
    .select({
      id: ppas.id,
      title: ppas.title,
      moaCode: moas.code,
      fiscalYear: ppas.fiscalYear,
      approvalStage: ppas.approvalStage,
      budgetAllocation: ppas.budgetAllocation,
      since: ppas.stageEnteredAt,
    })
    .from(ppas)
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .where(inArray(ppas.approvalStage, stages))
    .orderBy(asc(ppas.stageEnteredAt), asc(ppas.id));
  return rows.map(({ since, ...row }) => ({ ...row, waitingSince: since.toISOString(), daysWaiting: daysWaiting(since, now) }));
}
