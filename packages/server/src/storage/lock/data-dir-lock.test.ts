import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { acquireDataDirLock, DataDirLockedError } from './data-dir-lock.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'bosun-lock-'));
}

describe('data dir lock', () => {
  it('refuses a second owner while the first holds it, and frees it on release', () => {
    const dir = tempDir();
    try {
      const lock = acquireDataDirLock(dir);
      // The same process holding it again counts as another owner only through the pid file: simulate a live other pid.
      writeFileSync(join(dir, 'bosun.lock'), `${process.ppid}\n`);
      assert.throws(() => acquireDataDirLock(dir), (e: Error) => e instanceof DataDirLockedError && e.message.includes(`pid ${process.ppid}`));
      writeFileSync(join(dir, 'bosun.lock'), `${process.pid}\n`);
      lock.release();
      assert.equal(existsSync(join(dir, 'bosun.lock')), false);
      acquireDataDirLock(dir).release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tempDir();
    try {
      const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
      writeFileSync(join(dir, 'bosun.lock'), `${dead.stdout}\n`);
      const lock = acquireDataDirLock(dir);
      assert.equal(readFileSync(join(dir, 'bosun.lock'), 'utf8').trim(), String(process.pid));
      lock.release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
