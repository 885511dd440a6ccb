import { z } from 'zod';
import { changeAlert, listAlerts } from '../../services/alerts/manage-alerts';
import { protectedProcedure, router } from '../../trpc';
import { zId } from '../shared.types';
import { zAlert, zListAlertsRequest } from './alert.types';

const tags = ['Alerts'];

export const alertRouter = router({
  list: protectedProcedure
    .meta({ openapi: { method: 'GET', path: '/alerts', protect: true, tags, summary: 'Alerts on PPAs the caller may see (?ppaId=&open=true)' } })
    .input(zListAlertsRequest)
    .output(z.array(zAlert))
    .query(({ ctx, input }) => listAlerts({ db: ctx.db, viewer: ctx.viewer, ...input })),

  acknowledge: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/alerts/{id}/acknowledge', protect: true, tags, summary: 'Acknowledge an alert' } })
    .input(z.object({ id: zId }))
    .output(zAlert)
    .mutation(({ ctx, input }) => changeAlert({ db: ctx.db, viewer: ctx.viewer, alertId: input.id, action: 'acknowledge' })),

  resolve: protectedProcedure
    .meta({ openapi: { method: 'POST', path: '/alerts/{id}/resolve', protect: true, tags, summary: 'Resolve an alert' } })
    .input(z.object({ id: zId }))
    .output(zAlert)
    .mutation(({ ctx, input }) => changeAlert({ db: ctx.db, viewer: ctx.viewer, alertId: input.id, action: 'resolve' })),
});
