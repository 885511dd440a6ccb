import { protectedProcedure, router } from '../trpc';
import { getPortfolio } from '../services/portfolio/portfolio';
import { zPortfolioRequest, zPortfolioResponse } from '../contracts/portfolio';

/**
 * The portfolio dashboard's figures, also served as REST (GET /api/v1/portfolio). Every signed-in role may
 * ask; what it covers is the caller's scope (planners and viewers: their MOA), applied by the service.
 */
export const portfolioRouter = router({
  get: protectedProcedure
    .meta({
      openapi: {
        method: 'GET',
        path: '/portfolio',
        protect: true,
        tags: ['Portfolio and reports'],
        summary: 'Totals, by MOA, sector and approval stage, longest in review, top overruns and open alerts for a fiscal year',
        description:
          'Over the PPAs the caller may see. A planner or viewer asking for another MOA (moa=) gets an empty portfolio, not an error; ' +
          'an unknown fiscal year or MOA code gives zeros. A malformed filter is a 400.',
      },
    })
    .input(zPortfolioRequest)
    .output(zPortfolioResponse)
    .query(({ ctx, input }) => getPortfolio({ db: ctx.db, viewer: ctx.viewer, input })),
});
