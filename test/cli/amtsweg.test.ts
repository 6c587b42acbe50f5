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
    assert.match(seeded.stdout, /Seeded Musterstadt: 12 offices, 42 services, 3 online forms\./);
  });

  it('imports a code list and a FIM schema as a form draft', () => {
    const fim = path.resolve(root, '../shared/data/fim');
    const list = amtsweg('import', 'codelist', path.join(fim, 'codelists/C60000016_Staat_genericode.xml'));
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /Imported code list urn:de:bund:destatis:bevoelkerungsstatistik:schluessel:staat \(version 2020-05-11\): 197 entries\./);
    // The demo published version 1; a new import opens version 2 as a draft.
    const form = amtsweg('import', 'fim', path.join(fim, 'schemas/S00000009_Gewerbeanmeldung_xdf2.xml'), '--id', 'gewerbeanmeldung');
    assert.equal(form.status, 0, form.stderr);
    assert.match(form.stdout, /to do .*rechtsformen.*amtsweg import codelist/);
    assert.match(form.stdout, /Imported "Gewerbe Anmeldung" as draft version 2 of form gewerbeanmeldung: 5 steps, \d+ to-dos\./);
    const bad = amtsweg('import', 'fim', path.join(fim, 'synthetic/v3/empty-id-node.xml'), '--id', 'kaputt');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /amtsweg: Die ID ist leer \(datenfeldgruppe\/identifikation\/id\)/);
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

  it('creates staff accounts and verifies the audit log', () => {
    const created = amtsweg('user', 'create', '--email', 'sb@musterstadt.example', '--name', 'Sina S', '--role', 'sachbearbeitung', '--org', 'strassenverkehr');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created sb@musterstadt\.example \(sachbearbeitung\)\. Initial password: \S{16,}/);
    const again = amtsweg('user', 'create', '--email', 'SB@musterstadt.example', '--name', 'Sina S', '--role', 'sachbearbeitung');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /amtsweg: email: taken/);
    const badOffice = amtsweg('user', 'create', '--email', 'x@musterstadt.example', '--name', 'X', '--role', 'sachbearbeitung', '--org', 'mond');
    assert.match(badOffice.stderr, /unknown Organisationseinheit: mond/);
    const verified = amtsweg('audit', 'verify');
    assert.equal(verified.status, 0, verified.stderr);
    assert.match(verified.stdout, /Audit log intact: 1 entries\./);
  });

  it('creates access for a Fachverfahren with pull targets, the secret printed once', () => {
    const created = amtsweg('integration', 'create', '--name', 'Parkraum-FV', '--service', 'bewohnerparkausweis', '--pull');
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /client_id: +aw-[A-Za-z0-9_-]{12}\n {2}client_secret: [A-Za-z0-9_-]{43}\n/);
    assert.match(created.stdout, /Submissions of this service now wait at GET \/api\/v1\/handoff\/submissions\./);
    const wrong = amtsweg('integration', 'create', '--name', 'X', '--service', 'gibtsnicht', '--operations', 'alles');
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, /unknown operation: alles/);
  });

  it('runs the job worker only on PostgreSQL, saying why otherwise', () => {
    const worker = amtsweg('worker');
    assert.equal(worker.status, 1);
    assert.match(worker.stderr, /a separate worker needs DATABASE_URL \(PostgreSQL\)/);
  });
});
