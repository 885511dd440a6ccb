/**
 * State that must exist once per process, and why: the one place the app keeps anything on `globalThis`.
 *
 * The app is one Node process (server/main.ts), but it holds two copies of most modules: the custom server
 * loads them through tsx, and Next.js loads its own bundled copy for pages, route handlers and server
 * actions (and, in development, a fresh copy on every reload). A module-level variable is therefore one per
 * copy, not one per process. What must really be one per process lives on `globalThis`, under a
 * `Symbol.for('ppa-tracker.<name>')` key (a registry symbol: the same key in every copy), through the two
 * functions below. Everything else stays plain module state.
 *
 * The singletons, and why each must be one:
 * - `database` (db/index.ts): the PGlite database is one in-process PostgreSQL with one connection over one
 *   data directory; a second instance would open the same files twice. (On PostgreSQL it is one pool.)
 * - `failure-limits` (server/services/rate-limits/failure-limits.ts): without Redis the failed sign-in and
 *   API-token counts are in memory; split between copies (or reset by a reload) they would allow more tries.
 *   With REDIS_URL it is one Redis connection.
 * - `event-sender` (server/services/events/publish.ts): the custom server chooses it (Inngest when
 *   configured); the services that publish after a commit run in Next's copy and must use that choice.
 * - `outbox-queue` (server/services/events/outbox.ts): publishing queues behind the previous publish, in
 *   this process, whichever copy asks, so the same outbox rows are not sent (and their jobs run) twice at
 *   once.
 * - `publishing` (server/services/events/publish.ts): whether a send is running (and one queued behind it)
 *   per database, so a write that commits during a send answers at once, whichever copy it ran in.
 * - `signals` (server/services/effects/signals.ts): the port between use cases and live connections. The
 *   collaboration server (custom server's copy) hears drafts saved and budgets locked by the budget services
 *   (Next's copy); a bell's live count (a subscription served in Next's copy) hears of notifications written by
 *   jobs that may run in the custom server's copy. With REDIS_URL it holds the unread fan-out's connections.
 *
 * - `metrics` (server/lib/metrics.ts): one prom-client registry per process, so /api/metrics (Next's copy) shows
 *   what the custom server's copy counted (requests, statements, jobs) and no metric is registered twice.
 * - `request-context` (server/lib/request-context.ts): the request id of the request being served, set by the
 *   app's server (custom server's copy) and read where statements run (either copy).
 * - `operations` (server/lib/operations-hooks.ts): where the database's statement timing and the app's server
 *   report a slow statement or request; the operations services (custom server's copy) set it at start, and
 *   statements run in Next's copy report to it too.
 *
 * The logger (server/lib/logger.ts) is not one of them: every copy may build its own pino logger from the same
 * environment; the lines are the same.
 */
export type ProcessSingletonName =
  'database' | 'failure-limits' | 'event-sender' | 'outbox-queue' | 'publishing' | 'signals' | 'metrics' | 'request-context' | 'operations';

function keyFor(name: ProcessSingletonName): symbol {
  return Symbol.for(`ppa-tracker.${name}`);
}

type Store = Record<symbol, unknown>;

/** This process's `name`, made by `create` the first time any module copy asks (or after it was cleared). */
export function processSingleton<T>(name: ProcessSingletonName, create: () => T): T {
  const store = globalThis as unknown as Store;
  const key = keyFor(name);
  store[key] ??= create();
  return store[key] as T;
}

/** Puts `value` in place of this process's `name` (tests); `undefined` clears it, so the next use creates it anew. */
export function replaceProcessSingleton<T>(name: ProcessSingletonName, value: T | undefined): void {
  (globalThis as unknown as Store)[keyFor(name)] = value;
}
