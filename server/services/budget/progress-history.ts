import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { progressSnapshots } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { findVisiblePpa } from '../access';

/** The PPA's daily progress snapshots, oldest first (the progress-over-time chart). */
export async function progressHistory(options: { db: Queryable; viewer: Viewer; ppaId: string }): Promise<{ day: string; progress: number }[]> {
  const ppa = await findVisiblePpa(options.db, options.viewer, options.ppaId);
  return options.db
    .select({ day: progressSnapshots.day, progress: progressSnapshots.progress })
    .from(progressSnapshots)
    .where(eq(progressSnapshots.ppaId, ppa.id))
    .orderBy(asc(progressSnapshots.day));
}
