import { setTimeout as pause } from 'node:timers/promises';
import { lostConcurrencyRace } from '../server/lib/database-error';

/** How many times a transaction runs at most when it keeps losing races: the first run and two more. */
export const TRANSACTION_ATTEMPTS = 3;

type Runner = { transaction: (...args: never[]) => Promise<unknown> };

/**
 * Makes `db.transaction` the one transaction runner that runs a transaction again when PostgreSQL rolled it back
 * for losing a race with another (a deadlock, a serialization failure), at most TRANSACTION_ATTEMPTS times, after a
 * short random pause so the two do not collide again. Callbacks leave what reaches the outside world for after the
 * commit (the outbox, server/services/effects/use-case.ts) or make it idempotent (the outbox's sends carry event ids), so a second run
 * repeats nothing anyone sees. What still fails is thrown, and server/errors.ts answers it 409, never 500. Savepoints
 * (`tx.transaction`) are not retried on their own: their transaction is.
 */
export function retryLostRaces<D extends Runner>(db: D, attempts = TRANSACTION_ATTEMPTS): D {
  const run = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
  const retrying = async (...args: unknown[]) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run(...args);
      } catch (error) {
        if (attempt >= attempts || !lostConcurrencyRace(error)) throw error;
        await pause(5 + Math.random() * 20 * attempt);
      }
    }
  };
  db.transaction = retrying as D['transaction'];
  return db;
}
