import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, closeSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { acquireDataDirLock } from './data-dir-lock';
import { databaseTargetFromEnv } from './index';
import { environment, processEnvironment } from '../server/lib/config';

/** A database to back up or restore: PostgreSQL by URL, or the embedded PGlite's data folder. */
export type BackupTarget = { url: string } | { dataDir: string };

export type BackupFormat = 'pg_dump' | 'pglite';

/** A refusal or failure the command line prints as it is: one line, no stack. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export function backupTargetFromEnv(env: Record<string, string | undefined> = environment()): BackupTarget {
  const target = databaseTargetFromEnv(env);
  if ('memory' in target) throw new BackupError('An in-memory database cannot be backed up.');
  return target;
}

/** PostgreSQL: `pg_dump` custom format. Embedded: PGlite's own dump of the data folder (a gzipped tar). */
export async function backupDatabase(target: BackupTarget, file: string): Promise<{ format: BackupFormat; bytes: number }> {
  const folder = path.dirname(path.resolve(file));
  if (!existsSync(folder)) throw new BackupError(`The folder ${folder} does not exist.`);
  // Written beside the file and renamed when complete, so a failed backup never leaves a truncated file
  // under the name an operator would later restore from.
  const partial = `${file}.partial`;
  try {
    if ('url' in target) {
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '-f', partial], target.url);
    } else {
      if (!existsSync(path.join(target.dataDir, 'PG_VERSION'))) throw new BackupError(`There is no embedded database in ${target.dataDir}.`);
      await withEmbeddedLock(target.dataDir, async () => {
        const pg = new PGlite(target.dataDir);
        try {
          // PGlite 0.5's dumpDataDir on a database still starting up never settles: wait for it first.
          await pg.waitReady;
          const dump = await pg.dumpDataDir('gzip');
          writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
        } finally {
          await pg.close();
        }
      });
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { format: 'url' in target ? 'pg_dump' : 'pglite', bytes: statSync(file).size };
}

/**
 * Restores a backup made by backupDatabase. PostgreSQL: pg_restore into the database, replacing the
 * objects the backup holds, in one transaction (a failure leaves the database as it was). Embedded: a new
 * data folder from the dump; an existing database is only replaced with `force`, and then moved aside.
 */
export async function restoreDatabase(target: BackupTarget, file: string, options: { force?: boolean } = {}): Promise<{ movedAsideTo?: string }> {
  const format = backupFormatOf(file);
  if ('url' in target) {
    if (format === 'pglite') throw new BackupError(`${file} is a backup of the embedded database; restore it with DATABASE_URL unset.`);
    await runPgTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', file], target.url);
    return {};
  }
  if (format === 'pg_dump') throw new BackupError(`${file} is a PostgreSQL backup; restore it with DATABASE_URL set to the target database.`);
  const dump = readPgliteDump(file);
  return withEmbeddedLock(target.dataDir, async () => {
    const { dataDir } = target;
    let movedAsideTo: string | undefined;
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      if (!options.force) {
        throw new BackupError(`${dataDir} already holds a database. Add --force to move it aside (to ${dataDir}.before-restore-<time>) and restore over it.`);
      }
      movedAsideTo = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(dataDir, movedAsideTo);
    }
    mkdirSync(dataDir, { recursive: true });
    try {
      const pg = new PGlite(dataDir, { loadDataDir: new Blob([new Uint8Array(dump)], { type: 'application/x-gzip' }) });
      try {
        await pg.query('select 1');
      } finally {
        await pg.close();
      }
    } catch (error) {
      // Put things back as they were rather than leave a half-written data folder in the app's way.
      rmSync(dataDir, { recursive: true, force: true });
      if (movedAsideTo) renameSync(movedAsideTo, dataDir);
      throw error;
    }
    return { movedAsideTo };
  });
}

/** Which kind of backup the file is, from its first bytes; refuses anything else. */
export function backupFormatOf(file: string): BackupFormat {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`${file} does not exist.`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') === 'PGDMP') return 'pg_dump';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  throw new BackupError(`${file} is not a backup made by db:backup.`);
}

/** The dump's bytes, once they are known to hold a PostgreSQL data folder (checked before anything is moved). */
function readPgliteDump(file: string): Buffer {
  const dump = readFileSync(file);
  let tar: Buffer;
  try {
    tar = gunzipSync(dump);
  } catch {
    throw new BackupError(`${file} is not a backup made by db:backup (not a readable archive).`);
  }
  const names = tarEntryNames(tar);
  if (!names.some((name) => name.replace(/^\.?\//, '') === 'PG_VERSION')) {
    throw new BackupError(`${file} is not a backup made by db:backup (no database folder in the archive).`);
  }
  // PGlite writes each entry under the data folder as named: a crafted `..` must not reach outside it.
  if (names.some((name) => name.split('/').includes('..'))) {
    throw new BackupError(`${file} is not a backup made by db:backup (it names files outside the database folder).`);
  }
  return dump;
}

function tarEntryNames(tar: Buffer): string[] {
  const names: string[] = [];
  for (let offset = 0; offset + 512 <= tar.length;) {
    const field = (start: number, length: number) => tar.toString('latin1', offset + start, offset + start + length).replace(/\0.*$/s, '');
    const name = field(0, 100);
    if (!name) break;
    if (field(257, 5) !== 'ustar') return [];
    names.push(name);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return names;
}

async function withEmbeddedLock<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  // The lock lives in DATA_DIR, beside the data folder (db/cli/open-for-cli.ts takes the same one).
  const release = acquireDataDirLock(path.dirname(dataDir));
  try {
    return await work();
  } finally {
    release();
  }
}

/** Runs pg_dump or pg_restore against the database at `url`; its own error text becomes the message. */
function runPgTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  // The password travels in the environment, not on the command line where `ps` shows it to everyone.
  const connection = new URL(url);
  const password = decodeURIComponent(connection.password);
  connection.password = '';
  // The tool inherits the whole environment (PATH, PG* settings), as a child process does.
  const env = { ...processEnvironment(), ...(password ? { PGPASSWORD: password } : {}) };
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${connection.toString()}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        new BackupError(
          error.code === 'ENOENT'
            ? `${tool} was not found: install the PostgreSQL client tools (the server's major version or newer).`
            : `${tool} failed: ${error.message}`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed: ${stderr.trim() || `exit code ${code}`}`));
    });
  });
}
