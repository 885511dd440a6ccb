import { sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { auditLog } from '@/db/schema';
import type { SignedInViewer } from '../domain/types';

export interface AuditEntry {
  ppaId: string | null;
  entityType: 'ppa' | 'work_item' | 'budget' | 'expenditure' | 'alert' | 'api_token' | 'user' | 'modification' | 'plan';
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

/** Every change writes one row in the same transaction as the change: who, when, what, before, after. */
export async function writeAudit(q: Queryable, actor: SignedInViewer | null, entry: AuditEntry): Promise<void> {
  await q.insert(auditLog).values({
    ppaId: entry.ppaId,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
    actorId: actor?.userId ?? null,
    // The moment of writing, not the transaction's start: rows of one change (a move and the lock it sets)
    // then read back in the order they happened.
    createdAt: sql`clock_timestamp()`,
  });
}
