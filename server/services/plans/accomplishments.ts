import { runUseCase } from '../effects/use-case';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '@/db';
import { indicatorAccomplishments } from '@/db/schema';
import { needsExplanation, parseQuantity, quantityText, quarterDates, EXPLANATION_SHORTFALL_PERCENT, type Quarter } from '../../domain/plans';
import { percentOf } from '../../domain/money';
import { manilaDay } from '../../domain/schedule';
import type { Viewer } from '../../domain/types';
import type { PlanResponse, RecordAccomplishmentRequest } from '../../contracts/plans';
import { AppError } from '../../errors';
import { writeAudit } from '../audit';
import { assertSignedIn, findPlanPpaForChange } from '../access';
import { readPlan } from './read-plan';
import { indicatorsOf, versionInForce, versionsOf } from './versions';

/**
 * Records (or corrects) what an indicator achieved in a quarter that has begun. More than 15% below the
 * quarter's target needs an explanation. Allowed after the lock too: accomplishments are execution, not plan.
 */
export async function recordAccomplishment(options: { db: Database; viewer: Viewer; input: RecordAccomplishmentRequest; now?: Date }): Promise<PlanResponse> {
  const { db, viewer, input } = options;
  assertSignedIn(viewer);
  const now = options.now ?? new Date();
  return runUseCase(db, async (tx) => {
    const ppa = await findPlanPpaForChange(tx, viewer, input.id);
    const version = versionInForce(await versionsOf(tx, ppa.id), ppa.budgetLockedAt !== null);
    const indicator = version ? (await indicatorsOf(tx, version.id)).find((i) => i.key === input.indicatorKey) : undefined;
    if (!indicator) throw AppError.notFound('That indicator');
    const quarter = input.quarter as Quarter;
    if (quarterDates(ppa.fiscalYear, quarter).start > manilaDay(now)) {
      throw AppError.badField('quarter', `Q${quarter} ${ppa.fiscalYear} has not begun yet: record it once the quarter starts.`);
    }
    const target = parseQuantity([indicator.q1Target, indicator.q2Target, indicator.q3Target, indicator.q4Target][quarter - 1]!)!;
    const accomplished = parseQuantity(input.accomplished)!;
    const explanation = input.explanation?.trim() || null;
    if (needsExplanation(accomplished, target) && !explanation) {
      const share = percentOf(accomplished, target, 1) ?? 0;
      throw AppError.badField(
        'explanation',
        `${quantityText(accomplished)} of ${quantityText(target)} ${indicator.unit} is ${share}% of the Q${quarter} target, more than ${EXPLANATION_SHORTFALL_PERCENT}% short: explain the shortfall.`,
      );
    }
    const [before] = await tx
      .select()
      .from(indicatorAccomplishments)
      .where(
        and(
          eq(indicatorAccomplishments.ppaId, ppa.id),
          eq(indicatorAccomplishments.indicatorKey, indicator.key),
          eq(indicatorAccomplishments.quarter, quarter),
        ),
      );
    const values = { accomplished: input.accomplished, explanation, recordedById: viewer.userId, recordedAt: sql`clock_timestamp()` };
    await tx
      .insert(indicatorAccomplishments)
      .values({ ppaId: ppa.id, indicatorKey: indicator.key, quarter, ...values })
      .onConflictDoUpdate({ target: [indicatorAccomplishments.ppaId, indicatorAccomplishments.indicatorKey, indicatorAccomplishments.quarter], set: values });
    await writeAudit(tx, viewer, {
      ppaId: ppa.id,
      entityType: 'plan',
      entityId: indicator.key,
      action: 'record_accomplishment',
      before: before ? { indicator: indicator.name, quarter, accomplished: before.accomplished, explanation: before.explanation } : null,
      after: { indicator: indicator.name, quarter, accomplished: input.accomplished, explanation },
    });
    return readPlan(tx, viewer, ppa, now);
  });
}
