import type { PGlite, Transaction as PgliteTransaction } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { getMetrics, statementOperation } from '../server/lib/metrics';
import { operationsHooks, slowQueryMs } from '../server/lib/operations-hooks';
import { currentRequestId } from '../server/lib/request-context';

/**
 * Times every statement at the driver (postgres.js and PGlite alike), below Drizzle, so raw `sql` and the
 * query builder are timed the same: the duration histogram by operation, the statements in flight, and a
 * statement slower than SLOW_QUERY_MS handed to the operations services (logged with the request id that sent
 * it, recorded, alerted: server/services/operations/slow-operations.ts).
 */
function statementFinished(sqlText: string, startedAt: number, requestId: string | undefined): void {
  const ms = performance.now() - startedAt;
  const metrics = getMetrics();
  metrics.statementsInFlight.dec();
  metrics.statementDuration.observe({ operation: statementOperation(sqlText) }, ms / 1000);
  if (ms >= slowQueryMs()) operationsHooks().onSlowOperation?.({ kind: 'query', statement: sqlText, ms, requestId });
}

function timePromise<T>(sqlText: string, run: () => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const requestId = currentRequestId();
  getMetrics().statementsInFlight.inc();
  return run().then(
    (value) => {
      statementFinished(sqlText, startedAt, requestId);
      return value;
    },
    (error: unknown) => {
      statementFinished(sqlText, startedAt, requestId);
      throw error;
    },
  );
}

/**
 * postgres.js runs a query when it is first awaited (its query object is a lazy promise that Drizzle turns into
 * `.values()` first): the clock starts then, and stops when it settles, however often it is awaited.
 */
function timeQuery<Q extends PromiseLike<unknown>>(query: Q, sqlText: string): Q {
  const originalThen = query.then;
  let startedAt: number | null = null;
  // Read as the statement starts, in its caller's context: the driver settles it from its socket's.
  let requestId: string | undefined;
  let finished = false;
  const finish = () => {
    if (finished || startedAt === null) return;
    finished = true;
    statementFinished(sqlText, startedAt, requestId);
  };
  Object.defineProperty(query, 'then', {
    configurable: true,
    writable: true,
    value(this: Q, onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) {
      if (startedAt === null) {
        startedAt = performance.now();
        requestId = currentRequestId();
        getMetrics().statementsInFlight.inc();
      }
      return originalThen.call(
        this,
        (value) => {
          finish();
          return onFulfilled ? onFulfilled(value) : value;
        },
        (reason: unknown) => {
          finish();
          if (onRejected) return onRejected(reason);
          throw reason;
        },
      );
    },
  });
  return query;
}

/** A postgres.js client whose `unsafe` statements (all Drizzle sends), in transactions too, are timed. */
export function timedPostgres(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: object) => timeQuery(target.unsafe(query, parameters as never, options as never), query);
      }
      if (property === 'begin') {
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: Sql) => work(timedPostgres(tx)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * A proxy of a PGlite instance or transaction whose `query` and `exec` are timed. Every other method is bound
 * to the instance itself: PGlite keeps private fields, which a method called on the proxy could not reach.
 */
function timeQueries<T extends object>(client: T, overrides: Record<string, unknown> = {}): T {
  const target = client as unknown as Record<string | symbol, unknown>;
  const timedMethod = (name: 'query' | 'exec') => {
    const method = (target[name] as (...a: unknown[]) => Promise<unknown>).bind(client);
    return (sqlText: string, ...rest: unknown[]) => timePromise(sqlText, () => method(sqlText, ...rest));
  };
  const own: Record<string | symbol, unknown> = { query: timedMethod('query'), exec: timedMethod('exec'), ...overrides };
  return new Proxy(client, {
    get(_target, property) {
      if (property in own) return own[property];
      const value = target[property];
      return typeof value === 'function' && property !== 'constructor' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
    },
  });
}

/** The embedded database with its statements, in transactions too, timed (the instance itself is left as is). */
export function timedPglite(client: PGlite): PGlite {
  const transaction = client.transaction.bind(client);
  return timeQueries(client, {
    transaction: <T>(work: (tx: PgliteTransaction) => Promise<T>) => transaction((tx) => work(timeQueries(tx))),
  });
}
