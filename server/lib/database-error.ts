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
