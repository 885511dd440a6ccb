// npm run db:migrate — apply pending migrations to the configured database (DATABASE_URL or DATA_DIR).
import { openDatabaseForCli } from './open-for-cli';

const { handle, release } = openDatabaseForCli();
try {
  await handle.migrate();
  console.log(`Migrations applied (${handle.driver}).`);
} finally {
  await handle.close();
  release();
}
