import { router } from '../trpc';
import { alertsRouter } from './alerts';
import { apiTokensRouter } from './api-tokens';
import { budgetRouter } from './budget';
import { collabRouter } from './collab';
import { historyRouter } from './history';
import { moaRouter } from './moa';
import { modificationsRouter } from './modifications';
import { notificationsRouter } from './notifications';
import { plansRouter } from './plans';
import { portfolioRouter } from './portfolio';
import { ppaRouter } from './ppa';
import { reportsRouter } from './reports';
import { systemRouter } from './system';
import { usersRouter } from './users';
import { workItemsRouter } from './work-items';

/**
 * Each router file is named as its service folder (server/services/<noun>/); the keys are the procedure paths
 * the browser and the OpenAPI operation ids use (`workItem.update`), which stay as published.
 */
export const appRouter = router({
  alert: alertsRouter,
  apiToken: apiTokensRouter,
  collab: collabRouter,
  moa: moaRouter,
  ppa: ppaRouter,
  // Right after ppa: the order of procedures is the order of paths in the OpenAPI document.
  budget: budgetRouter,
  plan: plansRouter,
  user: usersRouter,
  workItem: workItemsRouter,
  notification: notificationsRouter,
  portfolio: portfolioRouter,
  report: reportsRouter,
  history: historyRouter,
  system: systemRouter,
  modification: modificationsRouter,
});

export type AppRouter = typeof appRouter;
