import { editorProcedure, protectedProcedure, router } from '../trpc';
import { zGetPpaRequest } from '../contracts/ppa';
import {
  zPortfolioSCurve,
  zPlanResponse,
  zProposedFinancialPlan,
  zRecordAccomplishmentRequest,
  zSaveFinancialPlanRequest,
  zSaveIndicatorsRequest,
} from '../contracts/plans';
import { PLAN_WRITER_REFUSAL } from '../services/access';
import { recordAccomplishment } from '../services/plans/accomplishments';
import { getPlan } from '../services/plans/read-plan';
import { portfolioSCurve } from '../services/plans/portfolio-curve';
import { zPortfolioRequest } from '../contracts/portfolio';
import { manilaYear } from '../domain/schedule';
import { proposeFinancialPlan, saveFinancialPlan, saveIndicators } from '../services/plans/save-plan';

const tags = ['Plans and targets'];
const writerProcedure = editorProcedure(PLAN_WRITER_REFUSAL);

/**
 * A PPA's Budget Execution Documents (docs/domain-rules.md, "Plans and targets"): the Financial Plan, the
 * Physical Plan's indicators and their accomplishments by quarter, with the S-curve and quarter cards.
 * Roles here; the PPA's MOA and the budget lock in the services (server/services/plans/access.ts).
 */
export const plansRouter = router({
  get: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ppas/{id}/plan',
        protect: true,
        tags,
        summary: 'The PPA’s Financial and Physical Plan, accomplishments, quarter cards and S-curve',
      },
    })
    .input(zGetPpaRequest)
    .output(zPlanResponse)
    .query(({ ctx, input }) => getPlan({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  saveFinancialPlan: writerProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/ppas/{id}/plan/financial',
        protect: true,
        tags,
        summary: 'Replace the Financial Plan (obligations by quarter, disbursements by month, per allotment class); it must balance',
      },
    })
    .input(zSaveFinancialPlanRequest)
    .output(zPlanResponse)
    .mutation(({ ctx, input }) => saveFinancialPlan({ db: ctx.db, viewer: ctx.viewer, input })),

  proposeFinancialPlan: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/ppas/{id}/plan/financial/proposal',
        protect: true,
        tags,
        summary: 'A balanced Financial Plan proposed from the work items’ dates and amounts (nothing is saved)',
      },
    })
    .input(zGetPpaRequest)
    .output(zProposedFinancialPlan)
    .query(({ ctx, input }) => proposeFinancialPlan({ db: ctx.db, viewer: ctx.viewer, ppaId: input.id })),

  saveIndicators: writerProcedure
    .meta({
      openapi: {
        method: 'PUT',
        path: '/ppas/{id}/plan/indicators',
        protect: true,
        tags,
        summary: 'Replace the Physical Plan’s output indicators (quarterly targets sum to the annual target)',
      },
    })
    .input(zSaveIndicatorsRequest)
    .output(zPlanResponse)
    .mutation(({ ctx, input }) => saveIndicators({ db: ctx.db, viewer: ctx.viewer, input })),

  portfolioSCurve: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/portfolio/s-curve',
        protect: true,
        tags,
        summary: 'Planned vs actual obligations and disbursements, cumulative by month, over the PPAs the portfolio counts (?fiscalYear=&moa=&sector=)',
      },
    })
    .input(zPortfolioRequest)
    .output(zPortfolioSCurve)
    .query(({ ctx, input }) =>
      portfolioSCurve({ db: ctx.db, viewer: ctx.viewer, fiscalYear: input.fiscalYear ?? manilaYear(), filters: { moaCode: input.moa, sector: input.sector } }),
    ),

  recordAccomplishment: writerProcedure
    .meta({
      openapi: {
        method: 'POST',
        path: '/ppas/{id}/plan/accomplishments',
        protect: true,
        tags,
        summary: 'Record an indicator’s accomplishment for a quarter (an explanation when more than 15% short)',
      },
    })
    .input(zRecordAccomplishmentRequest)
    .output(zPlanResponse)
    .mutation(({ ctx, input }) => recordAccomplishment({ db: ctx.db, viewer: ctx.viewer, input })),
});
