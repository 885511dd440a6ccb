import { TRPCError } from '@trpc/server';
import type { Database } from '@/db';
import { getMetrics } from './lib/metrics';
import { MaintenanceError, refuseWritesInMaintenance } from './services/operations/maintenance';

/** What a procedure may declare about maintenance mode: `allowed` keeps it working (the admin's own switch, sign-in). */
export interface MaintenanceMeta {
  maintenance?: 'allowed';
}

/**
 * Runs before every procedure (server/trpc.ts), browser and REST alike: times it for /api/metrics by its path
 * (a bounded label: the router's own names), and while maintenance mode is on refuses a mutation with 503
 * MAINTENANCE before it reads its input, unless it is `allowed`.
 */
export async function observeProcedure<R extends { ok: boolean }>(options: {
  ctx: { db: Database };
  type: 'query' | 'mutation' | 'subscription';
  path: string;
  meta: MaintenanceMeta | undefined;
  next: () => Promise<R>;
}): Promise<R> {
  const startedAt = performance.now();
  let outcome = 'error';
  try {
    if (options.type === 'mutation' && options.meta?.maintenance !== 'allowed') {
      await refuseWritesInMaintenance(options.ctx.db).catch((error: unknown) => {
        if (!(error instanceof MaintenanceError)) throw error;
        getMetrics().maintenanceRefusals.inc();
        outcome = 'maintenance';
        throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
      });
    }
    const result = await options.next();
    outcome = result.ok ? 'ok' : 'error';
    return result;
  } finally {
    if (options.type !== 'subscription') {
      getMetrics().procedureDuration.observe({ procedure: options.path, type: options.type, outcome }, (performance.now() - startedAt) / 1000);
    }
  }
}
