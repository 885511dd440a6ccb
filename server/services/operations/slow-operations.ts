import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { slowOperations } from '@/db/schema';
import { fingerprintOf, normaliseStatement } from '../../domain/statement-fingerprint';
import { getMetrics } from '../../lib/metrics';
import type { SlowOperation } from '../../lib/operations-hooks';
import { getLogger } from '../../lib/logger';
import { alertAdmins } from './admin-alerts';

/** Admins are told of the same slow statement or route at most once an hour. */
export const SLOW_ALERT_INTERVAL_MS = 60 * 60_000;

/**
 * A statement over SLOW_QUERY_MS or a request over 2 s: logged at once with its request id and normalised
 * statement, counted in the metrics, kept in `slow_operations` (how often, how slow, the last request), and
 * told to the admins once per statement per hour: the hour is claimed in the database, so several instances
 * seeing the same statement tell them once.
 *
 * Its own statements are timed like any other; if they are slow too, they are one more statement of their own,
 * reported at most once per RECORD_SPACING_MS in this process, so a slow database cannot feed itself.
 */
const RECORD_SPACING_MS = 10_000;
const lastRecorded = new Map<string, number>();

export async function recordSlowOperation(db: Database, operation: SlowOperation, now: () => Date = () => new Date()): Promise<void> {
  const statement = operation.kind === 'query' ? normaliseStatement(operation.statement) : operation.statement;
  const fingerprint = fingerprintOf(operation.kind, statement);
  const ms = Math.round(operation.ms);
  if (operation.kind === 'query') getMetrics().slowStatements.inc();
  getLogger().warn(
    { requestId: operation.requestId, kind: operation.kind, statement, ms, fingerprint },
    operation.kind === 'query' ? 'slow database statement' : 'slow request',
  );

  const at = now();
  const previous = lastRecorded.get(fingerprint);
  if (previous !== undefined && at.getTime() - previous < RECORD_SPACING_MS) return;
  lastRecorded.set(fingerprint, at.getTime());
  if (lastRecorded.size > 10_000) lastRecorded.clear();

  await db
    .insert(slowOperations)
    .values({
      fingerprint,
      kind: operation.kind,
      statement,
      lastMs: ms,
      maxMs: ms,
      lastRequestId: operation.requestId ?? null,
      firstSeenAt: at,
      lastSeenAt: at,
    })
    .onConflictDoUpdate({
      target: slowOperations.fingerprint,
      set: {
        occurrences: sql`${slowOperations.occurrences} + 1`,
        lastMs: ms,
        maxMs: sql`greatest(${slowOperations.maxMs}, ${ms})`,
        lastRequestId: operation.requestId ?? null,
        lastSeenAt: at,
      },
    });
  const claimed = await db
    .update(slowOperations)
    .set({ lastAlertedAt: at })
    .where(
      and(
        eq(slowOperations.fingerprint, fingerprint),
        or(isNull(slowOperations.lastAlertedAt), lte(slowOperations.lastAlertedAt, new Date(at.getTime() - SLOW_ALERT_INTERVAL_MS))),
      ),
    )
    .returning({ fingerprint: slowOperations.fingerprint });
  if (claimed.length === 0) return;
  const what = operation.kind === 'query' ? 'A database statement' : 'A request';
  await alertAdmins(db, {
    key: `slow:${fingerprint}:${at.toISOString()}`,
    title: `${what} took ${(ms / 1000).toFixed(1)} s`,
    body: `${statement}\n\nRequest id: ${operation.requestId ?? 'none (a background job)'}. The System page lists slow statements and requests; docs/operations.md says what to look at.`,
  });
}

/** The slowest recent statements and requests, for the System page. */
export async function listSlowOperations(db: Database, limit = 20) {
  return db.select().from(slowOperations).orderBy(desc(slowOperations.lastSeenAt)).limit(limit);
}

/** Forgets which fingerprints this process recorded lately (tests). */
export function resetSlowOperationSpacing(): void {
  lastRecorded.clear();
}
