// npm run db:seed — migrate, then write the demo data; safe to run again (rows already there are kept).
import { openDatabaseForCli } from './open-for-cli';
import { seedDemoData } from '../seed/seed';
import { say } from '../terminal';

const { handle, release } = openDatabaseForCli();
try {
  await handle.migrate();
  await seedDemoData(handle.db);
  say(`Demo data seeded (${handle.driver}). Demo password: see README "Demo accounts".`);
} finally {
  await handle.close();
  release();
}
