import { z } from './zod';
import { ALERT_SEVERITIES, APPROVAL_STAGES, PPA_SECTORS } from '../domain/types';

/**
 * The portfolio dashboard's request and response (GET /api/v1/portfolio). Amounts are peso strings with two
 * decimals, percentages numbers with two decimals (null when there is nothing to divide by).
 */

/** A MOA by its code (MSSD, MAFAR…), as the filters and the REST API name it. */
export const zMoaCode = z
  .string({ error: 'Give the MOA by its code, like MSSD.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9-]{2,20}$/, 'Give the MOA by its code, like MSSD.');

export const zFiscalYear = z
  .number({ error: 'Enter the fiscal year, like 2026.' })
  .int('Enter the fiscal year, like 2026.')
  .min(2000, 'The fiscal year must be between 2000 and 2100.')
  .max(2100, 'The fiscal year must be between 2000 and 2100.');

export const zPortfolioRequest = z.object({
  /** Default: the current year in Manila. */
  fiscalYear: zFiscalYear.optional(),
  moa: zMoaCode.optional(),
  sector: z.enum(PPA_SECTORS, { error: 'Choose a sector: economic, social, infrastructure, environment, governance or peace_security.' }).optional(),
});
export type PortfolioRequest = z.output<typeof zPortfolioRequest>;

const zPercent = z.number().nullable();

/** The money of a group of PPAs and what follows from it (docs/domain-rules.md, "Money"). */
export const zPortfolioFigures = z.object({
  ppaCount: z.number(),
  ceiling: z.string(),
  allocation: z.string(),
  obligations: z.string(),
  disbursements: z.string(),
  /** disbursements − allocation: positive means over budget. */
  variance: z.string(),
  variancePercent: zPercent,
  /** disbursements ÷ allocation. */
  utilisation: zPercent,
  /** obligations ÷ allocation. */
  obligationRate: zPercent,
  /** disbursements ÷ obligations. */
  disbursementRate: zPercent,
  /** allocation − obligations. */
  unobligated: z.string(),
});
export type PortfolioFigures = z.infer<typeof zPortfolioFigures>;

export const zPortfolioResponse = z.object({
  fiscalYear: z.number(),
  moa: z.string().nullable(),
  sector: z.enum(PPA_SECTORS).nullable(),
  /** The fiscal years the caller has PPAs in, newest first (for the year filter). */
  fiscalYears: z.array(z.number()),
  totals: zPortfolioFigures,
  byMoa: z.array(zPortfolioFigures.extend({ moaId: z.string(), moaCode: z.string(), moaName: z.string() })),
  bySector: z.array(zPortfolioFigures.extend({ sector: z.enum(PPA_SECTORS) })),
  byStage: z.array(zPortfolioFigures.extend({ approvalStage: z.enum(APPROVAL_STAGES) })),
  /** PPAs in a review stage, longest waiting first (at most 10). */
  longestInReview: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      moaCode: z.string(),
      approvalStage: z.enum(APPROVAL_STAGES),
      stageEnteredAt: z.string(),
      daysInStage: z.number(),
    }),
  ),
  /** PPAs whose disbursements exceed their allocation, largest overrun first (at most 10). */
  topOverruns: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      moaCode: z.string(),
      allocation: z.string(),
      disbursements: z.string(),
      variance: z.string(),
      utilisation: zPercent,
    }),
  ),
  openAlerts: z.object({
    total: z.number(),
    bySeverity: z.object(Object.fromEntries(ALERT_SEVERITIES.map((s) => [s, z.number()])) as Record<(typeof ALERT_SEVERITIES)[number], z.ZodNumber>),
  }),
});
export type PortfolioResponse = z.infer<typeof zPortfolioResponse>;
