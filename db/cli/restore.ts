// npm run db:restore -- FILE [--force] — restore a db:backup file into the configured database (DATABASE_URL or DATA_DIR).
import { BackupError, backupTargetFromEnv, restoreDatabase } from '../backup';
import { complain, say } from '../terminal';

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((a) => a !== '--force');
try {
  if (files.length !== 1 || files[0]!.startsWith('-')) throw new BackupError('Usage: npm run db:restore -- FILE [--force]');
  const file = files[0]!;
  const target = backupTargetFromEnv();
  const { movedAsideTo } = await restoreDatabase(target, file, { force });
  say(`Restored ${file} into the ${'url' in target ? 'PostgreSQL database (DATABASE_URL)' : `embedded database in ${target.dataDir}`}.`);
  if (movedAsideTo) say(`The previous embedded database was moved to ${movedAsideTo}.`);
  say('Start the app: it applies any migrations newer than the backup.');
} catch (error) {
  // Refusals (app running, no such file, not a backup) are for a person to read: one line, no stack.
  complain(`db:restore: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
