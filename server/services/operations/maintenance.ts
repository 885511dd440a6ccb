import { eq } from 'drizzle-orm';
import type { Database, Queryable } from '@/db';
import { maintenanceMode } from '@/db/schema';
import { getLogger } from '../../lib/logger';

/**
 * Maintenance mode (docs/deploy.md "Upgrade"): while on, every write is refused with 503
 * `{ code: "MAINTENANCE", message }` (tRPC mutations, REST writes, form actions; the co-editing form turns
 * read-only) and every page shows a banner; reads go on. The switch is a row in the database, so every instance
 * sees it; each instance reads it at most every MAINTENANCE_CACHE_MS (a write may slip through on an instance
 * for that long after it is turned on; `npm run maintenance -- on` waits that long before it returns).
 */
export interface MaintenanceState {
  on: boolean;
  message: string;
  changedAt: Date | null;
}

export const MAINTENANCE_CACHE_MS = 2_000;
export const MAINTENANCE_CODE = 'MAINTENANCE';
export const DEFAULT_MAINTENANCE_MESSAGE =
  'PPA Tracker is being upgraded. You can look at everything, but changes cannot be saved until it is done; try again in a few minutes.';

const OFF: MaintenanceState = { on: false, message: '', changedAt: null };

/** A refused write: the one error every edge turns into 503 MAINTENANCE. */
export class MaintenanceError extends Error {
  readonly code = MAINTENANCE_CODE;
  constructor(message: string) {
    super(message);
    this.name = 'MaintenanceError';
  }
}

/** What a refused writer is told: the admin's message when there is one, else the default. */
export function maintenanceMessage(state: MaintenanceState): string {
  return state.message.trim() || DEFAULT_MAINTENANCE_MESSAGE;
}

// Per database (tests open several in one process); plain module state is fine: a copy that reads it 2 s later
// than another refuses the same writes.
const cache = new WeakMap<object, { state: MaintenanceState; readAt: number; reading?: Promise<MaintenanceState> }>();
/** Switches made through this copy, per database: a read that started before one must not overwrite it. */
const switches = new WeakMap<object, number>();

async function readState(db: Queryable): Promise<MaintenanceState> {
  const [row] = await db.select().from(maintenanceMode).where(eq(maintenanceMode.id, 1));
  return row ? { on: row.on, message: row.message, changedAt: row.changedAt } : OFF;
}

/**
 * The switch as this instance knows it (read at most every MAINTENANCE_CACHE_MS). A database that cannot be
 * read counts as "off": the write would fail anyway, with the database's own 503.
 */
export async function getMaintenance(db: Database, now: number = Date.now()): Promise<MaintenanceState> {
  const cached = cache.get(db);
  if (cached && now - cached.readAt < MAINTENANCE_CACHE_MS) return cached.state;
  if (cached?.reading) return cached.reading;
  const switchesBefore = switches.get(db) ?? 0;
  const reading = readState(db).catch((error: unknown) => {
    getLogger().warn({ err: error }, 'maintenance mode: could not read the switch; treating it as off');
    return cached?.state ?? OFF;
  });
  cache.set(db, { state: cached?.state ?? OFF, readAt: cached?.readAt ?? 0, reading });
  const state = await reading;
  // The switch was turned here while this read was on its way: what the read found may be older than it.
  if ((switches.get(db) ?? 0) !== switchesBefore) return cache.get(db)?.state ?? state;
  cache.set(db, { state, readAt: now });
  return state;
}

/** Throws MaintenanceError while maintenance mode is on. */
export async function refuseWritesInMaintenance(db: Database): Promise<void> {
  const state = await getMaintenance(db);
  if (state.on) throw new MaintenanceError(maintenanceMessage(state));
}

/** Turns maintenance mode on or off for every instance (the admin's switch and the CLI). */
export async function setMaintenance(db: Database, options: { on: boolean; message?: string; changedById?: string | null }): Promise<MaintenanceState> {
  const values = { on: options.on, message: options.on ? (options.message ?? '').trim() : '', changedAt: new Date(), changedById: options.changedById ?? null };
  const [row] = await db
    .insert(maintenanceMode)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: maintenanceMode.id, set: values })
    .returning();
  const state = { on: row!.on, message: row!.message, changedAt: row!.changedAt };
  switches.set(db, (switches.get(db) ?? 0) + 1);
  cache.set(db, { state, readAt: Date.now() });
  getLogger().warn({ on: state.on, message: state.message, changedById: options.changedById ?? null }, `maintenance mode ${state.on ? 'on' : 'off'}`);
  return state;
}

/** Forgets what this process read (tests that switch it through another database handle). */
export function forgetMaintenanceState(db: Database): void {
  cache.delete(db);
}

/**
 * The switch as last read, without waiting (the co-editing server decides on each message synchronously); a
 * stale reading is refreshed in the background, so it lags the database by at most about MAINTENANCE_CACHE_MS.
 */
export function maintenanceKnown(db: Database, now: number = Date.now()): boolean {
  const cached = cache.get(db);
  if (!cached || (now - cached.readAt >= MAINTENANCE_CACHE_MS && !cached.reading)) void getMaintenance(db, now);
  return cached?.state.on ?? false;
}
