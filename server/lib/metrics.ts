import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processSingleton } from './process-singletons';

/**
 * The process's Prometheus metrics (GET /api/metrics, docs/operations.md). One registry per process (a process
 * singleton: Next's bundle and the custom server each load this module), and every label value bounded: a
 * route pattern, a procedure path, an operation id, a job id, never an id or a raw URL. Each instance is
 * scraped on its own; Prometheus adds the `instance` label.
 */

/** Seconds; from a cheap cached read (1 ms) to the slow-request limit and past it. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10];
const STATEMENT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900];

/** Read at scrape time (outbox and email queues, co-editing rooms): each gauge asks its source when scraped. */
export type GaugeSource = () => Promise<Record<string, number>> | Record<string, number>;

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  const sources = new Map<string, GaugeSource>();
  const polled = (name: string, help: string, source: string, key: string) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const read = sources.get(source);
        if (!read) return;
        const values = await Promise.resolve(read()).catch(() => null);
        if (values && key in values) this.set(values[key]!);
      },
    });
  return {
    registry,
    sources,
    httpRequests: new Counter({
      name: 'ppa_http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status code.',
      labelNames: ['route', 'method', 'status'] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: 'ppa_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (until the last byte is written), by route pattern and method.',
      labelNames: ['route', 'method'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    procedureDuration: new Histogram({
      name: 'ppa_procedure_duration_seconds',
      help: 'tRPC procedure calls (browser and REST alike), by procedure path, type and outcome.',
      labelNames: ['procedure', 'type', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    }),
    statementDuration: new Histogram({
      name: 'ppa_db_statement_duration_seconds',
      help: 'Database statements, by their first keyword (select, insert, update, delete, other).',
      labelNames: ['operation'] as const,
      buckets: STATEMENT_BUCKETS,
      registers: [registry],
    }),
    statementsInFlight: new Gauge({
      name: 'ppa_db_statements_in_flight',
      help: 'Statements sent to the database and not yet answered (how much of the pool is in use).',
      registers: [registry],
    }),
    poolSize: new Gauge({ name: 'ppa_db_pool_size', help: 'Connections the pool may open (1 for the embedded database).', registers: [registry] }),
    slowStatements: new Counter({ name: 'ppa_db_slow_statements_total', help: 'Statements slower than SLOW_QUERY_MS.', registers: [registry] }),
    slowRequests: new Counter({
      name: 'ppa_http_slow_requests_total',
      help: 'Requests slower than 2 s, by route pattern.',
      labelNames: ['route'] as const,
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'ppa_job_runs_total',
      help: 'Background job runs, by job (job_name: Prometheus keeps `job` for the scrape job), trigger and outcome.',
      labelNames: ['job_name', 'trigger', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'ppa_job_run_duration_seconds',
      help: 'Background job run time, by job (job_name) and outcome.',
      labelNames: ['job_name', 'outcome'] as const,
      buckets: JOB_BUCKETS,
      registers: [registry],
    }),
    emailDeliveries: new Counter({
      name: 'ppa_email_deliveries_total',
      help: 'Email send attempts, by outcome (sent, failed).',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    rateLimitRefusals: new Counter({
      name: 'ppa_rate_limit_refusals_total',
      help: 'Requests refused by a rate or failure limit, by limit.',
      labelNames: ['limit'] as const,
      registers: [registry],
    }),
    maintenanceRefusals: new Counter({ name: 'ppa_maintenance_refusals_total', help: 'Writes refused because maintenance mode is on.', registers: [registry] }),
    outboxPending: polled('ppa_outbox_pending', 'Outbox events not yet sent.', 'queues', 'outboxPending'),
    outboxOldestAge: polled('ppa_outbox_oldest_age_seconds', 'Age of the oldest unsent outbox event (0 when none waits).', 'queues', 'outboxOldestAgeSeconds'),
    emailPending: polled('ppa_email_pending', 'Emails not yet sent.', 'queues', 'emailPending'),
    emailFailing: polled('ppa_email_failing', 'Unsent emails whose last attempt failed.', 'queues', 'emailFailing'),
    maintenanceOn: polled('ppa_maintenance_mode', '1 while maintenance mode is on.', 'queues', 'maintenanceOn'),
    collabRooms: polled('ppa_collab_rooms', 'Co-editing drafts open on this instance.', 'collab', 'rooms'),
    collabConnections: polled('ppa_collab_connections', 'Co-editing connections to this instance.', 'collab', 'connections'),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** This process's metrics, created the first time any module copy asks. */
export function getMetrics(): Metrics {
  return processSingleton('metrics', createMetrics);
}

/** Lets a part that owns a figure (the queues in the database, the co-editing server) answer at scrape time. */
export function setGaugeSource(name: 'queues' | 'collab', source: GaugeSource | undefined): void {
  if (source) getMetrics().sources.set(name, source);
  else getMetrics().sources.delete(name);
}

/** A statement's first keyword, the bounded label of its timing. */
export function statementOperation(sqlText: string): 'select' | 'insert' | 'update' | 'delete' | 'other' {
  const match = /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete)\b/i.exec(sqlText);
  return match ? (match[1]!.toLowerCase() as 'select' | 'insert' | 'update' | 'delete') : 'other';
}
