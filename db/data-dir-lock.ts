import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { complain } from './terminal';

/**
 * PGlite is one process's database. The app holds this lock while it runs on the embedded database, and
 * command-line tools refuse to open the same folder meanwhile instead of corrupting it.
 */
export function lockFilePath(dataDir: string): string {
  return path.join(dataDir, 'app.lock');
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a live process holding the folder, or null. */
export function dataDirHolder(dataDir: string): number | null {
  const file = lockFilePath(dataDir);
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid) ? pid : null;
}

/** The refusal a person reads when the app (or another tool) holds the embedded database. */
export class DataDirInUseError extends Error {
  constructor(dataDir: string, holder: number) {
    super(`The embedded database in ${dataDir} is in use by process ${holder}. Stop the app first (or set DATABASE_URL).`);
    this.name = 'DataDirInUseError';
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  const holder = dataDirHolder(dataDir);
  if (holder !== null) throw new DataDirInUseError(dataDir, holder);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(lockFilePath(dataDir), String(process.pid));
  return () => rmSync(lockFilePath(dataDir), { force: true });
}

/**
 * For commands a person types (`npm run dev`, the database tools): the lock, or the refusal as one line on
 * stderr and exit code 1 instead of a stack trace.
 */
export function acquireDataDirLockOrExit(dataDir: string): () => void {
  try {
    return acquireDataDirLock(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error;
    complain(error.message);
    process.exit(1);
  }
}
