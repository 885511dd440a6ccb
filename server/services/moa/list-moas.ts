import { asc, eq } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { moas } from '@/db/schema';
import { seesAllMoas } from '../../domain/access';
import type { Viewer } from '../../domain/types';

/** The MOAs a viewer can pick in filters and forms: all of them for cross-MOA roles, else their own. */
export async function listMoas(options: { db: Queryable; viewer: Viewer }) {
  const { db, viewer } = options;
  const query = db.select({ id: moas.id, code: moas.code, name: moas.name }).from(moas);
  if (seesAllMoas(viewer)) return query.orderBy(asc(moas.code));
  if (!viewer.moaId) return [];
  return query.where(eq(moas.id, viewer.moaId));
}
