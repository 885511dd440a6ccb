import path from 'node:path';
import { databaseTargetFromEnv, openDatabase, type DatabaseHandle } from '../index';
import { acquireDataDirLock } from '../data-dir-lock';

/** Opens the configured database for a command-line tool; on PGlite, refuses while the app holds it. */
export function openDatabaseForCli(): { handle: DatabaseHandle; release: () => void } {
  const target = databaseTargetFromEnv();
  const release = 'dataDir' in target ? acquireDataDirLock(path.dirname(target.dataDir)) : () => {};
  return { handle: openDatabase(target), release };
}
