import { settingValue } from './config';
import { processSingleton } from './process-singletons';

/** A statement or request slower than its limit, as the database layer or the app's server saw it. */
export interface SlowOperation {
  kind: 'query' | 'request';
  /** The SQL text (normalised by whoever records it) or "METHOD route-pattern". */
  statement: string;
  ms: number;
  requestId?: string;
}

/**
 * Where the layers below the services report to the operations services without importing them: the database
 * module (db/statement-timing.ts) and the app's server call `onSlowOperation`; the operations services
 * (server/services/operations/operations-startup.ts) set it. One per process (Next's copy and the server's).
 */
export interface OperationsHooks {
  onSlowOperation?: (operation: SlowOperation) => void;
}

export function operationsHooks(): OperationsHooks {
  return processSingleton('operations', () => ({}) as OperationsHooks);
}

/** SLOW_QUERY_MS: a statement that takes longer is logged and alerted (default 1000 ms). */
export function slowQueryMs(env: Record<string, string | undefined> = { SLOW_QUERY_MS: settingValue('SLOW_QUERY_MS') }): number {
  const raw = env.SLOW_QUERY_MS?.trim();
  if (!raw) return 1000;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : 1000;
}

/** A request that takes longer is logged and alerted like a slow statement. */
export const SLOW_REQUEST_MS = 2000;
