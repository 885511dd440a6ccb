import pino from 'pino';

/**
 * The app's structured log: JSON lines (what a log shipper wants in production), quiet in tests unless
 * LOG_LEVEL says otherwise. Every line about a request carries its `requestId`, the id an error response shows.
 */
function createLogger() {
  const level = process.env.LOG_LEVEL || (process.env.VITEST ? 'silent' : 'info');
  return pino({ level, base: { service: 'ppa-tracker' }, timestamp: pino.stdTimeFunctions.isoTime });
}

const globalKey = Symbol.for('ppa-tracker.logger');
type GlobalWithLogger = typeof globalThis & { [globalKey]?: pino.Logger };

/** One logger for the custom server and Next's copy of this module. */
export function getLogger(): pino.Logger {
  const g = globalThis as GlobalWithLogger;
  g[globalKey] ??= createLogger();
  return g[globalKey];
}

/** Tests read what is logged by putting their own logger in place (undefined: back to the default). */
export function setLogger(logger: pino.Logger | undefined): void {
  (globalThis as GlobalWithLogger)[globalKey] = logger;
}
