import type { DatabaseHandle } from '@/db';
import { prepareDatabase } from '@/db/prepare';
import { toAppError } from '../../errors';
import type { HealthReport } from './health';

/** Where the start is, as GET /api/health tells it until the app is ready. */
export type StartupProgress = Pick<HealthReport, 'database' | 'migrations'>;

/** Waits after the nth failed attempt (1-based): 1 s, 2 s, 4 s … at most 30 s. */
export function startupRetryDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

export interface PrepareWhenReachableOptions {
  seedIfEmpty: boolean;
  /** One line per failed attempt. */
  log: (line: string) => void;
  /** Told where the start is after each attempt. */
  onProgress?: (progress: StartupProgress) => void;
  retryDelayMs?: (attempt: number) => number;
}

/**
 * prepareDatabase (migrations, demo data on an empty database), tried until it succeeds: a database that is
 * down, unreachable or slower than its timeouts when the app starts is waited for, with growing pauses and one
 * log line per attempt, rather than ending the process. The app meanwhile listens and says 503 on /api/health.
 */
export async function prepareDatabaseWhenReachable(
  handle: DatabaseHandle,
  options: PrepareWhenReachableOptions,
): Promise<{ seeded: boolean; attempts: number }> {
  const delay = options.retryDelayMs ?? startupRetryDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const { seeded } = await prepareDatabase(handle, { seedIfEmpty: options.seedIfEmpty });
      options.onProgress?.({ database: 'ok', migrations: 'current' });
      return { seeded, attempts: attempt };
    } catch (error) {
      const unreachable = toAppError(error)?.code === 'SERVICE_UNAVAILABLE';
      options.onProgress?.(unreachable ? { database: 'unreachable', migrations: 'unknown' } : { database: 'ok', migrations: 'pending' });
      const wait = delay(attempt);
      options.log(
        `Database not ready (attempt ${attempt}, ${unreachable ? 'not answering' : 'migrating failed'}: ${describe(error)}); trying again in ${formatSeconds(wait)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/** The error's own words and code, through drizzle's wrapper, on one line and without SQL parameters. */
function describe(error: unknown): string {
  let inner = error as { message?: string; code?: string; cause?: unknown } | undefined;
  for (let depth = 0; inner?.cause && depth < 5; depth++) inner = inner.cause as typeof inner;
  const message = String(inner?.message ?? error)
    .split('\n')[0]!
    .slice(0, 200);
  return inner?.code && !message.includes(inner.code) ? `${inner.code} ${message}` : message;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
