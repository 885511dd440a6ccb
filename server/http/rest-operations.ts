import type { AnyProcedure } from '@trpc/server';
import type { Database } from '@/db';
import { getMetrics } from '../lib/metrics';
import { labelCurrentRoute } from '../lib/request-context';
import { getMaintenance, MAINTENANCE_CODE, maintenanceMessage } from '../services/operations/maintenance';
import type { ProcedureMeta } from '../trpc';

/** The 503 every refused write gets while maintenance mode is on (REST and the other plain-HTTP edges). */
export function maintenanceResponse(message: string): Response {
  getMetrics().maintenanceRefusals.inc();
  return Response.json({ code: MAINTENANCE_CODE, message }, { status: 503, headers: { 'retry-after': '60', 'cache-control': 'no-store' } });
}

/**
 * For a REST route found (server/http/rest-handler.ts): names the request's route for its metrics by the
 * operation's path pattern, and while maintenance mode is on answers a write (anything but GET) 503 before its
 * body is read. Null: go on.
 */
export async function restRouteRefusal(db: Database, route: { method: string; procedure: AnyProcedure }): Promise<Response | null> {
  const meta = route.procedure._def.meta as ProcedureMeta | undefined;
  if (meta?.openapi) labelCurrentRoute(`${route.method} /api/v1${meta.openapi.path}`);
  if (route.method === 'GET' || meta?.maintenance === 'allowed') return null;
  const state = await getMaintenance(db);
  return state.on ? maintenanceResponse(maintenanceMessage(state)) : null;
}
