import { z } from 'zod';
import { changeAlert, listAlerts } from '../services/alerts/manage-alerts';
import { protectedProcedure, roleProcedure, router } from '../trpc';
import { zId } from '../contracts/shared';
import { zAlert, zListAlertsRequest } from '../contracts/alert';

const tags = ['Alerts'];
/** Anyone who follows a PPA's execution acknowledges and resolves its alerts; viewers only read them. */
const followerProcedure = roleProcedure(['admin', 'planner', 'mfbm_reviewer', 'executive'], 'Viewers can read alerts but not acknowledge or resolve them.');

export const alertsRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/alerts', protect: true, tags, summary: 'Alerts on PPAs the caller may see (?ppaId=&open=true)' } })
    .input(zListAlertsRequest)
    .output(z.array(zAlert))
    .query(({ ctx, input }) => listAlerts({ db: ctx.db, viewer: ctx.viewer, ...input })),

  acknowledge: followerProcedure
    .meta({ openapi: { method: 'POST', path: '/alerts/{id}/acknowledge', protect: true, tags, summary: 'Acknowledge an alert' } })
    .input(z.object({ id: zId }))
    .output(zAlert)
    .mutation(({ ctx, input }) => changeAlert({ db: ctx.db, viewer: ctx.viewer, alertId: input.id, action: 'acknowledge' })),

  resolve: followerProcedure
    .meta({ openapi: { method: 'POST', path: '/alerts/{id}/resolve', protect: true, tags, summary: 'Resolve an alert' } })
    .input(z.object({ id: zId }))
    .output(zAlert)
    .mutation(({ ctx, input }) => changeAlert({ db: ctx.db, viewer: ctx.viewer, alertId: input.id, action: 'resolve' })),
});
