import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { auditLog, users, workItems } from '@/db/schema';
import { describeAuditEntry, workItemIdsIn } from '../../domain/history';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import type { PpaHistoryPage, PpaHistoryRequest } from '../../contracts/history';
import { findVisiblePpa } from '../access';

/**
 * A PPA's history from its audit log, newest first, a page at a time (keyset on (created_at, id), so a
 * page never repeats or skips a row however many are written meanwhile), for whoever may see the PPA.
 * Three statements: the PPA's scope check, the page, and the titles of the work items it names.
 */
export async function ppaHistory(options: { db: Queryable; viewer: Viewer; input: PpaHistoryRequest }): Promise<PpaHistoryPage> {
  const { db, viewer, input } = options;
  const ppa = await findVisiblePpa(db, viewer, input.id);
  let after = sql`true`;
  if (input.cursor) {
    const [cursor] = await db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.id, input.cursor), eq(auditLog.ppaId, ppa.id)));
    if (!cursor) throw AppError.badField('cursor', 'That cursor is not valid; start again from the first page.');
    after = sql`(${auditLog.createdAt}, ${auditLog.id}) < (select a.created_at, a.id from ${auditLog} a where a.id = ${cursor.id})`;
  }
  const rows = await db
    .select({ entry: auditLog, actor: sql<string | null>`coalesce(${users.name}, ${users.email})` })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.ppaId, ppa.id), after))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);

  const ids = [...new Set(page.flatMap(({ entry }) => workItemIdsIn(entry)))];
  const titles = new Map<string, string>();
  if (ids.length) {
    const found = await db
      .select({ id: workItems.id, title: workItems.title })
      .from(workItems)
      .where(and(eq(workItems.ppaId, ppa.id), inArray(workItems.id, ids)));
    for (const { id, title } of found) titles.set(id, title);
  }
  return {
    entries: page.map(({ entry, actor }) => ({
      id: entry.id,
      at: entry.createdAt.toISOString(),
      actor: entry.actorId ? actor : null,
      entityType: entry.entityType,
      action: entry.action,
      ...describeAuditEntry(entry, (id) => titles.get(id)),
      reason: entry.reason,
    })),
    nextCursor: rows.length > input.limit ? page.at(-1)!.entry.id : null,
  };
}
