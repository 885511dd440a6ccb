import type { callerFor } from './viewers';

type Caller = Awaited<ReturnType<typeof callerFor>>;

/** The one indicator the helpers give a PPA: 100 persons, 25 a quarter. */
export const TEST_INDICATOR = { name: 'Beneficiaries trained', unit: 'persons', annualTarget: '100', quarterTargets: ['25', '25', '25', '25'] };

/**
 * Gives a PPA the Budget Execution Documents that budget review requires (docs/domain-rules.md, "Plans and
 * targets"): the Financial Plan proposed from its work items (balanced against its allocation) and one
 * indicator. `caller` must be a planner of the PPA's MOA or an admin; the budget must not be locked yet.
 */
export async function giveBalancedPlans(caller: Caller, ppaId: string) {
  const { classes } = await caller.plan.proposeFinancialPlan({ id: ppaId });
  await caller.plan.saveFinancialPlan({ id: ppaId, classes });
  return caller.plan.saveIndicators({ id: ppaId, indicators: [TEST_INDICATOR] });
}
