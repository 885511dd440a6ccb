import { describe, expect, it } from 'vitest';
import { retryLostRaces, TRANSACTION_ATTEMPTS } from './retry-transactions';

/** A runner whose transactions fail with these errors, one per run, then succeed; it counts its runs. */
function runnerFailingWith(...errors: unknown[]) {
  const runner = {
    runs: 0,
    async transaction(callback: () => Promise<string>): Promise<string> {
      const error = errors[runner.runs];
      runner.runs += 1;
      if (error) throw error;
      return callback();
    },
  };
  return runner;
}

// drizzle wraps the driver's error; the SQLSTATE is on the cause.
const deadlock = Object.assign(new Error('Failed query'), { cause: { code: '40P01', message: 'deadlock detected' } });
const serialization = { code: '40001', message: 'could not serialize access due to concurrent update' };

describe('the transaction runner', () => {
  it('runs a transaction that lost a race again, and answers with the run that won', async () => {
    const runner = retryLostRaces(runnerFailingWith(deadlock, serialization));
    await expect(runner.transaction(async () => 'saved')).resolves.toBe('saved');
    expect(runner.runs).toBe(3);
  });

  it('gives up after TRANSACTION_ATTEMPTS runs and throws what the last one threw', async () => {
    const runner = retryLostRaces(runnerFailingWith(...Array(TRANSACTION_ATTEMPTS + 1).fill(deadlock)));
    await expect(runner.transaction(async () => 'saved')).rejects.toBe(deadlock);
    expect(runner.runs).toBe(TRANSACTION_ATTEMPTS);
  });

  it('never runs again what failed for any other reason', async () => {
    const refused = Object.assign(new Error('Failed query'), { cause: { code: '23514', constraint_name: 'work_items_progress_range' } });
    const runner = retryLostRaces(runnerFailingWith(refused));
    await expect(runner.transaction(async () => 'saved')).rejects.toBe(refused);
    expect(runner.runs).toBe(1);
  });
});
