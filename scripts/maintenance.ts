// npm run maintenance -- on [--message TEXT] | off | status — maintenance mode for every instance (docs/deploy.md).
import { sql } from 'drizzle-orm';
import { openDatabaseForCli } from '../db/cli/open-for-cli';
import { rowsOf } from '../db';
import { getMaintenance, MAINTENANCE_CACHE_MS, setMaintenance } from '../server/services/operations/maintenance';
import { parseMaintenanceArgs } from './maintenance-args';

const command = parseMaintenanceArgs(process.argv.slice(2));
if ('error' in command) {
  console.error(command.error);
  process.exit(2);
}
// On the embedded database the app must be stopped (one process owns .data/); on DATABASE_URL it runs any time.
const { handle, release } = openDatabaseForCli();
try {
  const [table] = rowsOf<{ present: boolean }>(await handle.db.execute(sql`select to_regclass('public.maintenance_mode') is not null as present`));
  if (!table?.present) {
    console.error('This database has no maintenance switch yet: it predates this version. Run `npm run db:migrate` with this version first.');
    process.exitCode = 1;
  } else if (command.action === 'status') {
    const state = await getMaintenance(handle.db);
    console.log(state.on ? `Maintenance mode is ON${state.message ? `: ${state.message}` : ''}` : 'Maintenance mode is off');
  } else {
    const state = await setMaintenance(handle.db, command.action === 'on' ? { on: true, message: command.message } : { on: false });
    // Each instance reads the switch at most every MAINTENANCE_CACHE_MS: after this wait, all of them refuse writes.
    await new Promise((resolve) => setTimeout(resolve, MAINTENANCE_CACHE_MS + 500));
    console.log(state.on ? 'Maintenance mode is ON: every instance now refuses writes.' : 'Maintenance mode is off: writes are accepted again.');
  }
} finally {
  await handle.close();
  release();
}
