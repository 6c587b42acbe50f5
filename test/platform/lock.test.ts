import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DataDirLockedError, lockDataDir } from '../../src/platform/db/lock.ts';

describe('data directory lock', () => {
  it('refuses a second holder with a clear message', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-lock-'));
    const release = lockDataDir(dir);
    assert.throws(
      () => lockDataDir(dir),
      (e: unknown) => e instanceof DataDirLockedError && /in use by another Amtsweg process/.test(e.message),
    );
    release();
    const again = lockDataDir(dir);
    again();
  });

  it('takes over a lock left by a process that no longer runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'amtsweg.lock'), dead.stdout.trim());
    const release = lockDataDir(dir);
    assert.equal(fs.readFileSync(path.join(dir, 'amtsweg.lock'), 'utf8'), String(process.pid));
    release();
  });

  it('stops a second server process on the same directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-lock-'));
    const release = lockDataDir(dir);
    const root = path.resolve(import.meta.dirname, '../..');
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: '', PORT: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    release();
    assert.equal(second.status, 1);
    assert.match(second.stderr, /is in use by another Amtsweg process/);
  });
});
