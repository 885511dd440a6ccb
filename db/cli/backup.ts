// npm run db:backup -- FILE — write a backup of the configured database (DATABASE_URL or DATA_DIR) to FILE.
import { backupDatabase, backupTargetFromEnv, BackupError } from '../backup';
import { complain, say } from '../terminal';

const args = process.argv.slice(2);
try {
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new BackupError('Usage: npm run db:backup -- FILE');
  const file = args[0]!;
  const target = backupTargetFromEnv();
  const { bytes } = await backupDatabase(target, file);
  const what = 'url' in target ? 'the PostgreSQL database (pg_dump custom format)' : `the embedded database in ${target.dataDir} (PGlite dump)`;
  say(`Backed up ${what} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).`);
} catch (error) {
  // Refusals (app running, no such file, not a backup) are for a person to read: one line, no stack.
  complain(`db:backup: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
