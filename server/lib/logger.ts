import pino from 'pino';
import { environment } from './config';

/**
 * The app's structured log: JSON lines (what a log shipper wants in production), quiet in tests unless
 * LOG_LEVEL says otherwise. Every line about a request carries its `requestId`, the id an error response shows.
 */
function createLogger() {
  const env = environment();
  const level = env.LOG_LEVEL || (env.VITEST ? 'silent' : 'info');
  return pino({ level, base: { service: 'ppa-tracker' }, timestamp: pino.stdTimeFunctions.isoTime });
}

// Plain module state, not a process singleton (see server/lib/process-singletons.ts): each module copy builds the
// same logger from the same environment, writing the same JSON lines to stdout.
let logger: pino.Logger | undefined;

export function getLogger(): pino.Logger {
  logger ??= createLogger();
  return logger;
}

/** Tests read what is logged by putting their own logger in place (undefined: back to the default). */
export function setLogger(replacement: pino.Logger | undefined): void {
  logger = replacement;
}
