import postgres from 'postgres';
import { ADVISORY_LOCKS } from '@/db/prepare';
import { getLogger } from '../../lib/logger';

/**
 * Which instance of a deployment runs the in-process scheduler's jobs (docs/deploy.md): every instance keeps
 * the schedule, but when a job falls due only the leader runs it, so each cron runs once per deployment.
 */
export interface SchedulerLeadership {
  /** Whether this instance leads now, taking the lead if nobody holds it. Never throws: false when unsure. */
  lead(): Promise<boolean>;
  /** Gives the lead up (shutdown), so another instance takes it at once. */
  close(): Promise<void>;
}

/** One process on its own database (PGlite, or a single instance): it always leads. */
export const soleLeadership: SchedulerLeadership = {
  lead: async () => true,
  close: async () => {},
};

/** How often a follower tries to take the lead, so a leader that died is replaced well within a minute. */
export const LEADERSHIP_POLL_MS = 15_000;

/**
 * Leadership on PostgreSQL: a session advisory lock (ADVISORY_LOCKS.scheduler) held on a connection of its
 * own. PostgreSQL frees it the moment that connection ends, so a leader that crashes or is killed is replaced
 * on the next try (every `pollMs`, or when a job falls due), with no lease to expire. A leader whose
 * connection broke and came back finds the lock no longer its own and competes again like anyone else.
 */
export function advisoryLockLeadership(
  databaseUrl: string,
  options: { pollMs?: number; log?: (line: string) => void; applicationName?: string } = {},
): SchedulerLeadership {
  const log = options.log ?? ((line: string) => getLogger().info(line));
  // One connection that lives as long as the process: no idle timeout, no maximum lifetime.
  const sql = postgres(databaseUrl, {
    max: 1,
    idle_timeout: 0,
    max_lifetime: 0,
    onnotice: () => {},
    connection: { application_name: options.applicationName ?? 'ppa-tracker scheduler leadership' },
  });
  let leading = false;
  let closed = false;
  let attempt: Promise<boolean> | null = null;

  const tryLead = async (): Promise<boolean> => {
    if (closed) return false;
    try {
      // Already ours on this very connection (a reconnected one holds nothing), or free to take now.
      const [row] = await sql<{ leads: boolean }[]>`
        select case
          when exists (
            select 1 from pg_locks
            where locktype = 'advisory' and pid = pg_backend_pid() and granted
              and classid = ${ADVISORY_LOCKS.namespace}::oid and objid = ${ADVISORY_LOCKS.scheduler}::oid and objsubid = 2
          ) then true
          else pg_try_advisory_lock(${ADVISORY_LOCKS.namespace}::int, ${ADVISORY_LOCKS.scheduler}::int)
        end as leads`;
      return row?.leads === true;
    } catch (error) {
      log(`scheduler leadership: the database did not answer (${String(error)}); not leading until it does`);
      return false;
    }
  };

  const lead = async (): Promise<boolean> => {
    const leads = await (attempt ??= tryLead().finally(() => (attempt = null)));
    if (leads !== leading && !closed)
      log(leads ? 'scheduler: this instance now runs the scheduled jobs' : 'scheduler: another instance runs the scheduled jobs');
    leading = leads;
    return leads;
  };

  void lead();
  const poll = setInterval(() => void lead(), options.pollMs ?? LEADERSHIP_POLL_MS);
  poll.unref();

  return {
    lead,
    async close() {
      closed = true;
      clearInterval(poll);
      await attempt?.catch(() => undefined);
      // Ending the connection frees the lock.
      await sql.end({ timeout: 5 });
    },
  };
}
