interface DatabaseErrorLike {
  code?: unknown;
  cause?: unknown;
  constraint_name?: unknown;
  constraint?: unknown;
}

/** The PostgreSQL error somewhere in the cause chain (drizzle wraps the driver's), if any: its SQLSTATE and constraint. */
export function databaseErrorIn(error: unknown): { code: string; constraint: string | null } | null {
  for (let e = error as DatabaseErrorLike | undefined, depth = 0; e && depth < 5; e = e.cause as DatabaseErrorLike | undefined, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: (e.constraint_name ?? e.constraint ?? null) as string | null };
    }
  }
  return null;
}

/**
 * PostgreSQL gave up a transaction because of another one running at the same time, and rolled it back whole:
 * a deadlock (40P01) or a serialization failure (40001). Running it again is safe.
 */
export function lostConcurrencyRace(error: unknown): boolean {
  const code = databaseErrorIn(error)?.code;
  return code === '40P01' || code === '40001';
}

/**
 * Errors that mean "the database is not there or not answering", not "this request is wrong": the connection
 * could not be made or was lost (postgres.js and Node socket codes, SQLSTATE class 08), the statement ran past
 * DATABASE_STATEMENT_TIMEOUT_MS (57014), the server is shutting down or starting (57P01–57P03), or it has no
 * connection left (53300).
 */
// Not CONNECTION_ENDED: that is the app's own pool, closed (a shutdown, a bug), not the database's absence.
const UNAVAILABLE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  '57014',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as DatabaseErrorLike | undefined, depth = 0; e && depth < 5; e = e.cause as DatabaseErrorLike | undefined, depth++) {
    if (typeof e.code === 'string' && (UNAVAILABLE_CODES.has(e.code) || /^08[0-9A-Z]{3}$/.test(e.code))) return true;
  }
  return false;
}
