// The `amtsweg` command as an operator runs it (a child process on a fresh PGlite directory).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amtsweg-cli-'));

function amtsweg(...args: string[]) {
  return spawnSync(process.execPath, ['bin/amtsweg.js', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('amtsweg CLI', () => {
  it('migrate, import ozg (twice: idempotent), seed demo', () => {
    const migrate = amtsweg('migrate');
    assert.equal(migrate.status, 0, migrate.stderr);
    assert.match(migrate.stdout, /Applied migrations: 0001_catalog/);

    for (let run = 0; run < 2; run++) {
      const imported = amtsweg('import', 'ozg');
      assert.equal(imported.status, 0, imported.stderr);
      assert.match(imported.stderr, /LeiKa: 5248\/5248/, 'progress is reported');
      assert.match(imported.stdout, /skipped ozg_leika_zuordnung\.csv:5250: duplicate entry/);
      assert.match(imported.stdout, /Imported 14 Themenfelder, 55 Lebenslagen, 557 OZG-Leistungen, 5248 LeiKa-Leistungen; 1 rows skipped\./);
    }

    const seeded = amtsweg('seed', 'demo');
    assert.equal(seeded.status, 0, seeded.stderr);
    assert.match(seeded.stdout, /Seeded Musterstadt: 12 offices, 42 services\./);
  });

  it('explains mistakes without a stack trace', () => {
    const unknown = amtsweg('frobnicate');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
    assert.match(unknown.stderr, /Usage: amtsweg/);

    const missing = amtsweg('import', 'ozg', '--from', path.join(dataDir, 'nowhere'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /amtsweg: Cannot read .*themenfelder\.csv/);
    assert.ok(!/\n\s+at /.test(missing.stderr), missing.stderr);
  });
});
