import { router } from '../trpc';
import { ppaRouter } from './ppa';

export const appRouter = router({
  ppa: ppaRouter,
});

export type AppRouter = typeof appRouter;
