import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '@/db';
import { alerts, moas, ppas, workItems } from '@/db/schema';
import type { Viewer } from '../../domain/types';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import type { AlertResponse } from '../../contracts/alert';
import { assertSignedIn, visiblePpasCondition } from '../access';
import { runUseCase } from '../effects/use-case';

const alertColumns = {
  id: alerts.id,
  ppaId: alerts.ppaId,
  ppaTitle: ppas.title,
  moaCode: moas.code,
  workItemId: alerts.workItemId,
  workItemTitle: workItems.title,
  type: alerts.type,
  severity: alerts.severity,
  title: alerts.title,
  message: alerts.message,
  createdAt: alerts.createdAt,
  acknowledgedAt: alerts.acknowledgedAt,
  resolvedAt: alerts.resolvedAt,
};

function toResponse(
  row: { createdAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null } & Omit<AlertResponse, 'createdAt' | 'acknowledgedAt' | 'resolvedAt'>,
): AlertResponse {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** Alerts with their PPA, MOA and work item, as the lists show them. */
function alertsWithContext(db: Queryable) {
  return db
    .select(alertColumns)
    .from(alerts)
    .innerJoin(ppas, eq(ppas.id, alerts.ppaId))
    .innerJoin(moas, eq(moas.id, ppas.moaId))
    .leftJoin(workItems, eq(workItems.id, alerts.workItemId));
}

/** Alerts on PPAs the viewer may see, newest first; optionally one PPA's, optionally only open ones. */
export async function listAlerts(options: { db: Queryable; viewer: Viewer; ppaId?: string; open?: boolean; limit?: number }): Promise<AlertResponse[]> {
  const { db, viewer, ppaId, open } = options;
  const rows = await alertsWithContext(db)
    .where(and(visiblePpasCondition(viewer), ppaId ? eq(alerts.ppaId, ppaId) : undefined, open ? isNull(alerts.resolvedAt) : undefined))
    .orderBy(desc(alerts.createdAt))
    .limit(options.limit ?? 200);
  return rows.map(toResponse);
}

/**
 * Acknowledges ("seen, on it") or resolves an alert. Anyone who follows the PPA's execution may: its
 * planners, MFBM reviewers, executives and admins (the procedure admits those roles); viewers only read.
 * The first acknowledgement (or resolution) counts and goes into the PPA's history; a repeat changes nothing.
 */
export async function changeAlert(options: { db: Queryable; viewer: Viewer; alertId: string; action: 'acknowledge' | 'resolve' }): Promise<AlertResponse> {
  const { db, viewer, alertId, action } = options;
  assertSignedIn(viewer);
  return runUseCase(db, async (tx) => {
    // The row lock queues two people acting on one alert at once: the second sees the first's change.
    const [visible] = await tx
      .select({ id: alerts.id, ppaId: alerts.ppaId, title: alerts.title, acknowledgedAt: alerts.acknowledgedAt, resolvedAt: alerts.resolvedAt })
      .from(alerts)
      .innerJoin(ppas, eq(ppas.id, alerts.ppaId))
      .where(and(eq(alerts.id, alertId), visiblePpasCondition(viewer)))
      .for('update', { of: alerts });
    if (!visible) throw AppError.notFound('That alert');
    const done = action === 'acknowledge' ? visible.acknowledgedAt : visible.resolvedAt;
    if (!done) {
      const set =
        action === 'acknowledge' ? { acknowledgedAt: sql`now()`, acknowledgedById: viewer.userId } : { resolvedAt: sql`now()`, resolvedById: viewer.userId };
      await tx.update(alerts).set(set).where(eq(alerts.id, alertId));
      await writeAudit(tx, viewer, { ppaId: visible.ppaId, entityType: 'alert', entityId: alertId, action, after: { title: visible.title } });
    }
    const [row] = await alertsWithContext(tx).where(eq(alerts.id, alertId));
    return toResponse(row!);
  });
}
