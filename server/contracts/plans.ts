import { z } from './zod';
import { parseQuantity } from '../domain/plans';
import { APPROPRIATION_CLASSES } from '../domain/types';
import { STRAY_CONTROL_CHARACTERS, zId, zPesoAmount } from './shared';

/** An indicator quantity ("1250", "12.5"): at least zero, at most two decimals. Normalised to "1250.00". */
export const zQuantity = z
  .string()
  .trim()
  .refine((value) => parseQuantity(value) !== null, 'Enter a number of at least 0, with at most two decimals (like 1250 or 12.5).')
  .transform((value) => {
    const hundredths = parseQuantity(value)!;
    return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  });

const zPlainText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}.`)
    .max(max, `Keep the ${what} under ${max} characters.`)
    .refine((value) => !STRAY_CONTROL_CHARACTERS.test(value), `The ${what} contains characters that cannot be kept.`);

export const zQuarter = z.number().int().min(1, 'A quarter is 1 to 4.').max(4, 'A quarter is 1 to 4.');

export const zFinancialPlanClass = z.object({
  allotmentClass: z.enum(APPROPRIATION_CLASSES),
  obligations: z.array(zPesoAmount).length(4, 'Give an obligation target for each of Q1 to Q4.'),
  disbursements: z.array(zPesoAmount).length(12, 'Give a disbursement target for each month, January to December.'),
});
export type FinancialPlanClassInput = z.infer<typeof zFinancialPlanClass>;

/** A Financial Plan class as the server answers it: amounts already normalised ("1500000.00"). */
export const zFinancialPlanClassResponse = z.object({
  allotmentClass: z.enum(APPROPRIATION_CLASSES),
  obligations: z.array(z.string()),
  disbursements: z.array(z.string()),
});

export const zSaveFinancialPlanRequest = z.object({
  id: zId,
  classes: z.array(zFinancialPlanClass).min(1, 'Enter obligation targets for at least one allotment class.').max(APPROPRIATION_CLASSES.length),
});
export type SaveFinancialPlanRequest = z.infer<typeof zSaveFinancialPlanRequest>;

export const zIndicatorInput = z.object({
  /** The indicator's key when it already exists (its accomplishments follow it); absent for a new one. */
  key: zId.optional(),
  name: zPlainText(200, 'indicator name'),
  unit: zPlainText(60, 'unit of measure'),
  annualTarget: zQuantity,
  quarterTargets: z.array(zQuantity).length(4, 'Give a target for each of Q1 to Q4.'),
  workItemId: zId.nullable().optional(),
});
export type IndicatorInput = z.infer<typeof zIndicatorInput>;

export const zSaveIndicatorsRequest = z.object({
  id: zId,
  indicators: z.array(zIndicatorInput).max(50, 'Keep the physical plan to 50 indicators.'),
});
export type SaveIndicatorsRequest = z.infer<typeof zSaveIndicatorsRequest>;

export const zRecordAccomplishmentRequest = z.object({
  id: zId,
  indicatorKey: zId,
  quarter: zQuarter,
  accomplished: zQuantity,
  explanation: z
    .string()
    .trim()
    .max(2000, 'Keep the explanation under 2,000 characters.')
    .refine((value) => !STRAY_CONTROL_CHARACTERS.test(value), 'The explanation contains characters that cannot be kept.')
    .nullable()
    .optional(),
});
export type RecordAccomplishmentRequest = z.infer<typeof zRecordAccomplishmentRequest>;

export const zPlanProblem = z.object({ field: z.string(), message: z.string() });

export const zPlanVersion = z.object({
  id: z.string(),
  version: z.number(),
  basedOnId: z.string().nullable(),
  lockedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const zAccomplishment = z.object({
  quarter: z.number(),
  accomplished: z.string(),
  explanation: z.string().nullable(),
  recordedBy: z.string().nullable(),
  recordedAt: z.string(),
});

export const zIndicator = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  annualTarget: z.string(),
  quarterTargets: z.array(z.string()),
  workItemId: z.string().nullable(),
  workItemTitle: z.string().nullable(),
  accomplishments: z.array(zAccomplishment),
});

export const zQuarterCard = z.object({
  quarter: z.number(),
  closed: z.boolean(),
  obligationTarget: z.string(),
  obligations: z.string(),
  obligationPercent: z.number().nullable(),
  disbursementTarget: z.string(),
  disbursements: z.string(),
  disbursementPercent: z.number().nullable(),
  indicatorsMet: z.number(),
  indicatorsReported: z.number(),
  indicatorsWithTarget: z.number(),
});

export const zSCurvePoint = z.object({
  month: z.number(),
  plannedObligations: z.string(),
  plannedDisbursements: z.string(),
  actualObligations: z.string().nullable(),
  actualDisbursements: z.string().nullable(),
});

export const zPlanResponse = z.object({
  ppaId: z.string(),
  fiscalYear: z.number(),
  allocation: z.string(),
  appropriationClass: z.enum(APPROPRIATION_CLASSES).nullable(),
  /** The version shown: the locked one while the budget is locked, else the latest. Null before any plan. */
  version: zPlanVersion.nullable(),
  versions: z.array(zPlanVersion),
  classes: z.array(zFinancialPlanClassResponse),
  indicators: z.array(zIndicator),
  /** Why the plans do not yet allow budget review; empty when they do. */
  problems: z.array(zPlanProblem),
  /** Whether this viewer may change the plans now (the planner of its MOA or an admin, budget unlocked). */
  editable: z.boolean(),
  /** Whether this viewer may record accomplishments. */
  canRecord: z.boolean(),
  quarters: z.array(zQuarterCard),
  sCurve: z.array(zSCurvePoint),
});
export type PlanResponse = z.infer<typeof zPlanResponse>;

export const zProposedFinancialPlan = z.object({ classes: z.array(zFinancialPlanClassResponse) });

export const zPortfolioSCurve = z.object({
  fiscalYear: z.number(),
  /** The PPAs counted (approved out of budget review, within the filters and what the caller may see). */
  ppaCount: z.number(),
  /** How many of them have a plan. */
  withPlan: z.number(),
  sCurve: z.array(zSCurvePoint),
});
export type PortfolioSCurve = z.infer<typeof zPortfolioSCurve>;
