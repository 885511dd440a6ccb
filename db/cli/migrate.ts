// npm run db:migrate — apply pending migrations to the configured database (DATABASE_URL or DATA_DIR).
import { openDatabaseForCli } from './open-for-cli';
import { say } from '../terminal';

const { handle, release } = openDatabaseForCli();
try {
  await handle.migrate();
  say(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
  release();
}
