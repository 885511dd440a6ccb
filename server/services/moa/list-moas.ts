import type { Queryable } from '@/db';
import type { Viewer } from '../../domain/types';
import { visibleMoas } from '../access';

/** The MOAs a viewer can pick in filters and forms: all of them for cross-MOA roles, else their own. */
export async function listMoas(options: { db: Queryable; viewer: Viewer }) {
  return visibleMoas(options.db, options.viewer);
}
