import { router } from '../trpc';
import { alertRouter } from './alert';
import { apiTokenRouter } from './api-token';
import { budgetRouter } from './budget';
import { collabRouter } from './collab';
import { historyRouter } from './history';
import { moaRouter } from './moa';
import { notificationRouter } from './notification';
import { planRouter } from './plan';
import { portfolioRouter } from './portfolio';
import { ppaRouter } from './ppa';
import { reportRouter } from './report';
import { userRouter } from './user';
import { workItemRouter } from './work-item';

export const appRouter = router({
  alert: alertRouter,
  apiToken: apiTokenRouter,
  collab: collabRouter,
  moa: moaRouter,
  ppa: ppaRouter,
  // Right after ppa: the order of procedures is the order of paths in the OpenAPI document.
  budget: budgetRouter,
  plan: planRouter,
  user: userRouter,
  workItem: workItemRouter,
  notification: notificationRouter,
  portfolio: portfolioRouter,
  report: reportRouter,
  history: historyRouter,
});

export type AppRouter = typeof appRouter;
