import path from 'node:path';
import { databaseTargetFromEnv, openDatabase, type DatabaseHandle } from '../index';
import { acquireDataDirLock, DataDirInUseError } from '../data-dir-lock';

/**
 * Opens the configured database for a command-line tool; on PGlite, refuses while the app holds it, with
 * one line to read and exit code 1 (not a stack trace).
 */
export function openDatabaseForCli(): { handle: DatabaseHandle; release: () => void } {
  const target = databaseTargetFromEnv();
  let release = () => {};
  try {
    if ('dataDir' in target) release = acquireDataDirLock(path.dirname(target.dataDir));
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  return { handle: openDatabase(target), release };
}
