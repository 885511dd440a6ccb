import type { Database, DatabaseHandle } from '@/db';
import { getMetrics, setGaugeSource } from '../../lib/metrics';
import { operationsHooks } from '../../lib/operations-hooks';
import { getLogger } from '../../lib/logger';
import { getMaintenance } from './maintenance';
import { queueFigures } from './queues';
import { recordSlowOperation } from './slow-operations';

/**
 * Wires this process's operations (server/main.ts, once the database is ready): slow statements and requests
 * are recorded on this database, and the queue gauges of /api/metrics read it at scrape time.
 */
export function startOperations(handle: Pick<DatabaseHandle, 'db' | 'driver'>): void {
  const db: Database = handle.db;
  getMetrics().poolSize.set(handle.driver === 'postgres' ? 10 : 1);
  operationsHooks().onSlowOperation = (operation) => {
    recordSlowOperation(db, operation).catch((error: unknown) => getLogger().error({ err: error }, 'could not record a slow operation'));
  };
  setGaugeSource('queues', async () => {
    const [queues, maintenance] = await Promise.all([queueFigures(db), getMaintenance(db)]);
    return { ...queues, maintenanceOn: maintenance.on ? 1 : 0 };
  });
}
