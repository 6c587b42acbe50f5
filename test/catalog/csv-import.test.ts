// Importing a municipality's service list from CSV: columns mapped from the headings (and changed in
// the preview), every broken row reported with its line, nothing written before the editor
// confirms, then only the good rows – as drafts – and the import audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { checkRows, guessMapping } from '../../src/catalog/index.ts';
import { parseCsv } from '../../src/platform/csv.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, csrfToken, multipartBody } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

const CSV = [
  'Bezeichnung,Zuständiges Amt,LeiKa-Schlüssel,Rechtsgrundlage,Suchbegriffe,Online-Link',
  'Sondernutzung für Werbeanlagen,ordnungsamt,99108012005001,§ 18 StrWG NRW,Werbung; Plakat,https://online.example/werbung',
  'Brauchtumsfeuer anzeigen,ordnungsamt,,Landesimmissionsschutzgesetz,Osterfeuer,',
  ',ordnungsamt,,,,',
  'Fundsache melden,Amt für Unbekanntes,,,,',
  'Gewerbeanmeldung,,,,,',
  'Kita-Platz tauschen,,12345,,,ftp://x',
  'Brauchtumsfeuer anzeigen,,,,,',
  '"kaputt,zeile',
].join('\n');

describe('CSV import of the service list', () => {
  let t: TestApp;
  let editor: Browser;
  before(async () => {
    t = await createTestApp('demo');
    editor = new Browser(t.app);
    await staffSignedIn(editor, t.database.db, 'redaktion@musterstadt.example', ['redaktion'], []);
  });
  after(() => t.close());

  it('guesses the mapping from German headings and reports each broken row', async () => {
    const parsed = parseCsv(CSV);
    const mapping = guessMapping(parsed.header);
    assert.deepEqual(mapping, {
      title: 'Bezeichnung',
      legalBasis: 'Rechtsgrundlage',
      leikaKey: 'LeiKa-Schlüssel',
      organisation: 'Zuständiges Amt',
      keywords: 'Suchbegriffe',
      onlineServiceUrl: 'Online-Link',
    });
    const { importContext } = await import('../../src/catalog/index.ts');
    const rows = checkRows(parsed.records, mapping, await importContext(t.database.db));
    assert.deepEqual(
      rows.map((r) => [r.line, r.problems]),
      [
        [2, []],
        [3, []],
        [4, ['title']],
        [5, ['organisation']],
        [6, ['exists']],
        [7, ['leikaKey', 'url']],
        [8, ['duplicate']],
      ],
    );
    assert.equal(parsed.malformed.length, 1);
  });

  it('previews, writes nothing until confirmed, then imports the good rows as drafts', async () => {
    const db = t.database.db;
    const before = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM services`.execute(db)).rows[0]?.n);
    let page = await editor.get('/backoffice/zuordnung/import');
    const { payload, contentType } = multipartBody({}, [{ name: 'file', filename: 'leistungen.csv', type: 'text/csv', data: Buffer.from(CSV) }]);
    page = await editor.request('POST', `/backoffice/zuordnung/import?_csrf=${encodeURIComponent(csrfToken(page.html))}`, payload, {
      'content-type': contentType,
    });
    assert.equal(page.status, 200);
    assert.ok(/Ohne Fehler und bereit zum Import: 2\. Mit Fehlern, werden übersprungen: 6\./.test(page.html), 'the preview counts good and broken rows');
    assert.ok(
      /<td>5<\/td><th scope="row">Fundsache melden<\/th><td>fundsache-melden<\/td><td>Die Organisationseinheit ist unbekannt/.test(page.html),
      /<td>5<\/td><th scope="row">Fundsache melden<\/th><td>fundsache-melden<\/td><td>Die Organisationseinheit ist unbekannt/.source.slice(0, 60),
    );
    assert.ok(/Die Zeile ist nicht lesbar/.test(page.html), /Die Zeile ist nicht lesbar/.source.slice(0, 60));
    const after = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM services`.execute(db)).rows[0]?.n);
    assert.equal(after, before, 'nothing written by the preview');

    // Unmapping the LeiKa column makes row 7 importable except for its address.
    const csv = /name="csv" value="([^"]+)"/.exec(page.html)?.[1] as string;
    const mapping = {
      'map-title': 'Bezeichnung',
      'map-organisation': 'Zuständiges Amt',
      'map-legalBasis': 'Rechtsgrundlage',
      'map-keywords': 'Suchbegriffe',
      'map-onlineServiceUrl': 'Online-Link',
    };
    page = await editor.post('/backoffice/zuordnung/import/vorschau', { csv, ...mapping }, page.html);
    assert.ok(
      /<td>7<\/td><th scope="row">Kita-Platz tauschen<\/th><td>kita-platz-tauschen<\/td><td>Die Adresse des Onlinedienstes/.test(page.html),
      /<td>7<\/td><th scope="row">Kita-Platz tauschen<\/th><td>kita-platz-tauschen<\/td><td>Die Adresse des Onlinedienstes/.source.slice(0, 60),
    );

    page = await editor.post('/backoffice/zuordnung/import/bestaetigen', { csv, ...mapping, 'map-leikaKey': 'LeiKa-Schlüssel' }, page.html);
    assert.ok(/Als Entwurf angelegt: 2\./.test(page.html), 'two drafts created');
    const created = await db
      .selectFrom('services')
      .select(['slug', 'status', 'leika_key', 'ozg_id', 'keywords', 'online_service_url'])
      .where('slug', 'in', ['sondernutzung-fuer-werbeanlagen', 'brauchtumsfeuer-anzeigen'])
      .orderBy('slug')
      .execute();
    assert.deepEqual(created, [
      { slug: 'brauchtumsfeuer-anzeigen', status: 'draft', leika_key: null, ozg_id: null, keywords: ['Osterfeuer'], online_service_url: null },
      {
        slug: 'sondernutzung-fuer-werbeanlagen',
        status: 'draft',
        leika_key: '99108012005001',
        ozg_id: 10348,
        keywords: ['Werbung', 'Plakat'],
        online_service_url: 'https://online.example/werbung',
      },
    ]);
    assert.ok(/Leistungen ohne Zuordnung \(1\)[\s\S]*Brauchtumsfeuer anzeigen/.test(page.html), 'the unmatched one waits for matching');
    const audited = await db.selectFrom('audit_log').select('details').where('action', '=', 'catalog.import').executeTakeFirstOrThrow();
    assert.equal((audited.details as { imported: number }).imported, 2);
  });

  it('says what is wrong with an empty or missing file', async () => {
    let page = await editor.get('/backoffice/zuordnung/import');
    const { payload, contentType } = multipartBody({}, [{ name: 'file', filename: 'leer.csv', type: 'text/csv', data: Buffer.from('Bezeichnung\n') }]);
    page = await editor.request('POST', `/backoffice/zuordnung/import?_csrf=${encodeURIComponent(csrfToken(page.html))}`, payload, {
      'content-type': contentType,
    });
    assert.equal(page.status, 422);
    assert.ok(/Die Datei enthält keine Zeilen mit Leistungen\./.test(page.html), /Die Datei enthält keine Zeilen mit Leistungen\./.source.slice(0, 60));
  });
});
