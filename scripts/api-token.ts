// npm run api-token -- <user email> [token name] — print a new personal API token for that user.
import { openDatabaseForCli } from '../db/cli/open-for-cli';
import { prepareDatabase } from '../db/prepare';
import { shouldSeedDemoData } from '../server/bootstrap';
import { createApiToken } from '../server/services/api-tokens/api-tokens';
import { findViewerByEmail } from '../server/services/auth/viewers';

const [email, ...nameParts] = process.argv.slice(2);
if (!email) {
  console.error('Usage: npm run api-token -- <user email> [token name]');
  process.exit(2);
}
const { handle, release } = openDatabaseForCli();
try {
  await prepareDatabase(handle, { seedIfEmpty: shouldSeedDemoData(process.env) });
  const viewer = await findViewerByEmail(handle.db, email);
  if (!viewer) {
    console.error(`No user with the email ${email}.`);
    process.exitCode = 1;
  } else {
    const created = await createApiToken({ db: handle.db, viewer, name: nameParts.join(' ') || 'Command line' });
    console.log(created.token);
  }
} finally {
  await handle.close();
  release();
}
