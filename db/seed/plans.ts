import { eq } from 'drizzle-orm';
import type { Transaction } from '../index';
import { indicatorAccomplishments, planDisbursementTargets, planIndicators, planObligationTargets, planVersions } from '../schema';
import { distributeByWeight, distributeEqually } from '../../server/domain/distribution';
import { parsePesos, toPesoString } from '../../server/domain/money';
import type { AppropriationClass } from '../../server/domain/types';
import type { AuditRecord } from '../../server/domain/audit-records';
import { stableId } from './stable-id';

/** An audit row of the plans, as the app writes it (server/services/plans/), at its moment in the demo's past. */
export interface PlanAudit extends AuditRecord {
  actorId: string;
  at: Date;
}

/**
 * The demo PPAs' Budget Execution Documents (docs/domain-rules.md, "Plans and targets"): every PPA that has
 * reached budget review has a balanced Financial Plan and indicators; a locked budget has a locked plan; the
 * executed ones have accomplishments, so the S-curve, the quarter cards and the reports show real figures.
 */

interface SeedIndicator {
  name: string;
  unit: string;
  targets: [string, string, string, string];
  /** Accomplished per quarter (null: not recorded), with the explanation a shortfall of more than 15% needs. */
  done: ([string, string | null] | null)[];
}

/** Livelihood Training: planned so its seeded ledger (db/seed/demo-data.ts) is behind from Q3 on. */
const LIVELIHOOD_PLAN = {
  obligations: ['750000.00', '2500000.00', '1250000.00', '500000.00'],
  disbursements: ['0.00', '0.00', '300000.00', '200000.00', '200000.00', '1500000.00', '0.00', '600000.00', '900000.00', '300000.00', '500000.00', '500000.00'],
  indicators: [
    {
      name: 'OBC women trained',
      unit: 'persons',
      targets: ['0', '150', '150', '100'],
      done: [null, ['140', null], ['90', 'Two batches moved to October: Typhoon Kristine closed the training hall for three weeks.'], null],
    },
    { name: 'Starter kits distributed', unit: 'kits', targets: ['0', '100', '200', '100'], done: [null, ['100', null], ['180', null], null] },
  ] satisfies SeedIndicator[],
};

/** Every other PPA: obligations weighted toward the first half, each quarter's disbursed evenly over its months. */
function genericPlan(allocation: string, executed: boolean) {
  const quarters = distributeByWeight(parsePesos(allocation), [30n, 30n, 25n, 15n]);
  const months = quarters.flatMap((q) => distributeEqually(q, 3));
  const done = (shares: number[]): SeedIndicator['done'] =>
    executed
      ? shares.map((share, i) => [String(share), share < 255 ? `Q${i + 1}: beneficiary validation by the LGUs took longer than planned.` : null])
      : [null, null, null, null];
  return {
    obligations: quarters.map(toPesoString),
    disbursements: months.map(toPesoString),
    indicators: [
      { name: 'Beneficiaries served', unit: 'persons', targets: ['300', '300', '300', '300'], done: done([300, 290, 240, 310]) },
    ] satisfies SeedIndicator[],
  };
}

export async function seedPlans(
  tx: Transaction,
  options: {
    key: string;
    ppaId: string;
    allocation: string;
    allotmentClass: AppropriationClass;
    plannerId: string;
    createdAt: Date;
    locked: { at: Date; byId: string } | null;
    executed: boolean;
  },
): Promise<PlanAudit[]> {
  const plan = options.key === 'mssd-livelihood' ? LIVELIHOOD_PLAN : genericPlan(options.allocation, options.executed);
  const versionId = stableId(`ppa:${options.key}:plan:1`);
  // Lines first, then the lock: a locked version takes no new lines.
  await tx.insert(planVersions).values({ id: versionId, ppaId: options.ppaId, version: 1, createdById: options.plannerId, createdAt: options.createdAt });
  await tx
    .insert(planObligationTargets)
    .values(plan.obligations.map((amount, i) => ({ versionId, allotmentClass: options.allotmentClass, quarter: i + 1, amount })));
  await tx
    .insert(planDisbursementTargets)
    .values(plan.disbursements.map((amount, i) => ({ versionId, allotmentClass: options.allotmentClass, month: i + 1, amount })));
  const indicators = plan.indicators.map((indicator, i) => ({
    versionId,
    key: stableId(`ppa:${options.key}:indicator:${indicator.name}`),
    name: indicator.name,
    unit: indicator.unit,
    annualTarget: String(indicator.targets.reduce((s, t) => s + Number(t), 0)),
    q1Target: indicator.targets[0],
    q2Target: indicator.targets[1],
    q3Target: indicator.targets[2],
    q4Target: indicator.targets[3],
    sortOrder: i,
  }));
  await tx.insert(planIndicators).values(indicators);
  const accomplishments = plan.indicators.flatMap((indicator, i) =>
    indicator.done.flatMap((done, q) =>
      done
        ? [
            {
              ppaId: options.ppaId,
              indicatorKey: indicators[i]!.key,
              quarter: q + 1,
              accomplished: done[0],
              explanation: done[1],
              recordedById: options.plannerId,
            },
          ]
        : [],
    ),
  );
  if (accomplishments.length) await tx.insert(indicatorAccomplishments).values(accomplishments);
  const audit: PlanAudit[] = [
    {
      entityType: 'plan',
      entityId: versionId,
      action: 'save_financial_plan',
      before: null,
      after: { classes: [{ allotmentClass: options.allotmentClass, obligations: plan.obligations, disbursements: plan.disbursements }] },
      actorId: options.plannerId,
      at: options.createdAt,
    },
    {
      entityType: 'plan',
      entityId: versionId,
      action: 'save_indicators',
      before: { indicators: [] },
      after: {
        indicators: indicators.map((i) => ({
          key: i.key,
          name: i.name,
          unit: i.unit,
          annualTarget: i.annualTarget,
          quarterTargets: [i.q1Target, i.q2Target, i.q3Target, i.q4Target],
        })),
      },
      actorId: options.plannerId,
      at: new Date(options.createdAt.getTime() + 60_000),
    },
  ];
  if (options.locked) {
    await tx.update(planVersions).set({ lockedAt: options.locked.at, lockedById: options.locked.byId }).where(eq(planVersions.id, versionId));
    // Written right after the budget's own lock row (seed.ts writes that one 2 ms after the decision).
    audit.push({
      entityType: 'plan',
      entityId: versionId,
      action: 'lock',
      after: { version: 1 },
      actorId: options.locked.byId,
      at: new Date(options.locked.at.getTime() + 3),
    });
  }
  return audit;
}
