import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { alerts, indicatorAccomplishments, planAlertQuarters, ppas } from '@/db/schema';
import { centavosOf } from '../../domain/money';
import { behindPlanAlert, lastClosedCalendarQuarter, planTotals } from '../../domain/plans';
import { manilaToday } from '../../domain/schedule';
import { enqueueEvent } from '../events/outbox';
import { publishAfterCommit } from '../events/publish';
import { monthlyLedger } from './ledger-months';
import { financialPlanOf, indicatorsOf, versionInForce, versionsOf } from './versions';

/**
 * The "behind plan" check of the 06:00 job (docs/domain-rules.md, "Plans and targets"): once the calendar
 * quarter has closed (Manila), every approved or enacted PPA of that fiscal year with a plan, is
 * checked once for that quarter: cumulative obligations under 75% of their cumulative target, or an indicator
 * under 85% of its cumulative target, raise one `behind_plan` alert naming each shortfall. The quarter is
 * remembered (plan_alert_quarters) whether or not it was behind, so a later run raises nothing again; a new
 * quarter's alert replaces the previous quarter's if that one is still open.
 */
/** Funds are released and spent once a PPA is approved; before that nothing can be behind. */
const EXECUTING = ['approved', 'enacted'] as const;

export async function raiseBehindPlanAlerts(db: Database, now: Date): Promise<{ checked: number; raised: number }> {
  const { year, quarter } = lastClosedCalendarQuarter(manilaToday(now));
  const candidates = await db
    .select({ id: ppas.id, title: ppas.title, fiscalYear: ppas.fiscalYear, budgetLockedAt: ppas.budgetLockedAt })
    .from(ppas)
    .leftJoin(planAlertQuarters, and(eq(planAlertQuarters.ppaId, ppas.id), eq(planAlertQuarters.quarter, quarter)))
    .where(and(eq(ppas.fiscalYear, year), inArray(ppas.approvalStage, [...EXECUTING]), isNull(planAlertQuarters.ppaId)));
  const counts = { checked: 0, raised: 0 };
  for (const ppa of candidates) {
    await db.transaction(async (tx) => {
      const version = versionInForce(await versionsOf(tx, ppa.id), ppa.budgetLockedAt !== null);
      if (!version) return;
      // The mark first: a run racing this one for the same PPA and quarter stops at its primary key.
      const [mark] = await tx.insert(planAlertQuarters).values({ ppaId: ppa.id, quarter }).onConflictDoNothing().returning();
      if (!mark) return;
      counts.checked += 1;
      const [classes, indicators, ledger, done] = await Promise.all([
        financialPlanOf(tx, version.id),
        indicatorsOf(tx, version.id),
        monthlyLedger(tx, ppa.id, ppa.fiscalYear),
        tx.select().from(indicatorAccomplishments).where(eq(indicatorAccomplishments.ppaId, ppa.id)),
      ]);
      const upTo = <T>(values: readonly T[], n: number) => values.slice(0, n);
      const sum = (values: readonly bigint[]) => values.reduce((s, v) => s + v, 0n);
      const alert = behindPlanAlert({
        title: ppa.title,
        fiscalYear: ppa.fiscalYear,
        quarter,
        obligations: { target: sum(upTo(planTotals(classes).obligations, quarter)), actual: sum(upTo(ledger.obligations, quarter * 3)) },
        indicators: indicators.map((i) => ({
          name: i.name,
          unit: i.unit,
          target: sum(upTo([i.q1Target, i.q2Target, i.q3Target, i.q4Target], quarter).map(centavosOf)),
          actual: sum(done.filter((d) => d.indicatorKey === i.key && d.quarter <= quarter).map((d) => centavosOf(d.accomplished))),
        })),
      });
      if (!alert) return;
      await tx
        .update(alerts)
        .set({ resolvedAt: sql`clock_timestamp()` })
        .where(and(eq(alerts.ppaId, ppa.id), eq(alerts.type, 'behind_plan'), isNull(alerts.resolvedAt), isNull(alerts.workItemId)));
      const [raised] = await tx
        .insert(alerts)
        .values({ ppaId: ppa.id, type: 'behind_plan', ...alert })
        .returning({ id: alerts.id });
      await tx
        .update(planAlertQuarters)
        .set({ alertId: raised!.id })
        .where(and(eq(planAlertQuarters.ppaId, ppa.id), eq(planAlertQuarters.quarter, quarter)));
      await enqueueEvent(tx, { name: 'alert/raised', data: { ppaId: ppa.id, alertId: raised!.id } });
      counts.raised += 1;
    });
  }
  await publishAfterCommit(db);
  return counts;
}
