import { protectedProcedure, router } from '../trpc';
import { budgetExecutionReport, coaVarianceReport, toFileDownload } from '../services/reports/report-workbooks';
import { zFileDownload, zReportRequest } from '../contracts/reports';
import { physicalReport, saaodbReport } from '../services/reports/plan-workbooks';

const tags = ['Portfolio and reports'];
const scope =
  'Over the PPAs the caller may see: a planner or viewer asking for another MOA (moa=) gets a report with no PPAs, not an error. ' +
  'Served over REST as the .xlsx file itself; amounts are numbers with a ₱ format.';

/** The MFBM and COA workbooks (docs/domain-rules.md, "Portfolio and reports"), for every signed-in role. */
export const reportsRouter = router({
  budgetExecution: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/reports/budget-execution.xlsx',
        protect: true,
        tags,
        summary: 'MFBM Budget Execution Report (XLSX) for a fiscal year, optionally one MOA',
        description: scope,
      },
    })
    .input(zReportRequest)
    .output(zFileDownload)
    .query(async ({ ctx, input }) => toFileDownload(await budgetExecutionReport({ db: ctx.db, viewer: ctx.viewer, input }))),

  coaVariance: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/reports/coa-variance.xlsx',
        protect: true,
        tags,
        summary: 'COA Variance Report (XLSX: Budget Variance, Activity Breakdown, Audit Trail) for a fiscal year, optionally one MOA',
        description: scope,
      },
    })
    .input(zReportRequest)
    .output(zFileDownload)
    .query(async ({ ctx, input }) => toFileDownload(await coaVarianceReport({ db: ctx.db, viewer: ctx.viewer, input }))),

  physicalReport: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/reports/physical-report-of-operation.xlsx',
        protect: true,
        tags,
        summary: 'Quarterly Physical Report of Operation (XLSX): indicators, targets, accomplishments, variance, explanations',
        description: scope,
      },
    })
    .input(zReportRequest)
    .output(zFileDownload)
    .query(async ({ ctx, input }) => toFileDownload(await physicalReport({ db: ctx.db, viewer: ctx.viewer, input }))),

  saaodb: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/reports/saaodb-by-quarter.xlsx',
        protect: true,
        tags,
        summary: 'Statement of Appropriations, Allotments, Obligations, Disbursements and Balances by quarter (XLSX)',
        description: scope,
      },
    })
    .input(zReportRequest)
    .output(zFileDownload)
    .query(async ({ ctx, input }) => toFileDownload(await saaodbReport({ db: ctx.db, viewer: ctx.viewer, input }))),
});
