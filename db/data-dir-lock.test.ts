import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, dataDirHolder, lockFilePath } from './data-dir-lock';

describe('embedded database lock', () => {
  it('refuses a second process while the holder is alive, and frees the folder on release', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ppa-lock-'));
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(lockFilePath(dir), String(holder.pid));
      expect(dataDirHolder(dir)).toBe(holder.pid);
      expect(() => acquireDataDirLock(dir)).toThrow(`is in use by process ${holder.pid}. Stop the app first`);
    } finally {
      holder.kill();
      await new Promise((r) => holder.once('exit', r));
    }
    // The holder is gone: its stale lock no longer blocks.
    const release = acquireDataDirLock(dir);
    expect(existsSync(lockFilePath(dir))).toBe(true);
    release();
    expect(existsSync(lockFilePath(dir))).toBe(false);
  });

  it('ignores a lock file that does not name a process', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ppa-lock-'));
    writeFileSync(lockFilePath(dir), 'garbage');
    expect(dataDirHolder(dir)).toBeNull();
  });
});
