import path from 'node:path';
import { databaseTargetFromEnv, openDatabase, type DatabaseHandle } from '../index';
import { acquireDataDirLockOrExit } from '../data-dir-lock';

/**
 * Opens the configured database for a command-line tool; on PGlite, refuses while the app holds it, with
 * one line to read and exit code 1 (not a stack trace).
 */
export function openDatabaseForCli(): { handle: DatabaseHandle; release: () => void } {
  const target = databaseTargetFromEnv();
  const release = 'dataDir' in target ? acquireDataDirLockOrExit(path.dirname(target.dataDir)) : () => {};
  return { handle: openDatabase(target), release };
}
