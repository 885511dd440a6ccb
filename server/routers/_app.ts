import { router } from '../trpc';
import { apiTokenRouter } from './api-token';
import { moaRouter } from './moa';
import { ppaRouter } from './ppa';
import { workItemRouter } from './work-item';

export const appRouter = router({
  apiToken: apiTokenRouter,
  moa: moaRouter,
  ppa: ppaRouter,
  workItem: workItemRouter,
});

export type AppRouter = typeof appRouter;
