// The editorial workflow: an editor creates and changes services as versions; a second person
// approves (four eyes) or returns them with a comment; the portal shows only approved versions;
// archiving withdraws a service; every step is audited and the history shows a readable diff.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { diffContent, parseFee, readContent, slugOf } from '../../src/catalog/editorial.ts';
import { fieldsOf, liveContent, type ServiceContent } from '../../src/catalog/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser, type Page } from '../support/browser.ts';
import { staffSignedIn } from '../support/staff.ts';

const names = { organisations: new Map([['o1', 'Bürgeramt']]), forms: new Map([['hundesteuer', 'Hundesteuer']]), lebenslagen: new Map([[1, 'Umzug']]) };
const facts = { leikaOzgId: undefined, ozgKnown: false };

describe('editorial domain', () => {
  it('reads fees in German notation and refuses what is not an amount', () => {
    assert.equal(parseFee('12,50'), 1250);
    assert.equal(parseFee('1.234,5 €'), 123450);
    assert.equal(parseFee('37'), 3700);
    assert.equal(parseFee(''), null);
    assert.equal(parseFee('zwölf'), undefined);
    assert.equal(parseFee('12,505'), undefined);
  });

  it('makes slugs from German titles', () => {
    assert.equal(slugOf('Hund anmelden (Hundesteuer) – Ärger & Straße'), 'hund-anmelden-hundesteuer-aerger-strasse');
  });

  it('names every problem of the form by field, and keeps links only of safe schemes', () => {
    const { errors } = readContent(
      {
        title: '',
        summary: 'x',
        description: 'Text\n[Klick](javascript:alert(1))',
        fee: 'viel',
        organisationId: 'nope',
        online: 'url',
        onlineServiceUrl: 'http://example.org',
        leikaKey: '123',
      },
      names,
      facts,
    );
    assert.deepEqual(
      errors.map((e) => `${e.field}:${e.code}${e.line ? `@${e.line}` : ''}`),
      ['title:required', 'description:link@2', 'fee:fee', 'organisationId:unknownOrganisation', 'online:url', 'leikaKey:leikaKey'],
    );
    const ok = readContent(
      {
        title: 'Hund anmelden',
        summary: 'Kurz',
        description: '## Ablauf\n- [Satzung](https://example.org/satzung.pdf)',
        organisationId: 'o1',
        online: 'form',
        formId: 'hundesteuer',
        leikaKey: '99 0000 0000 0000'.replace(/ /g, ''),
        keywords: 'Hund, Hundesteuer\nHund',
        lebenslageIds: ['1', '99'],
      },
      names,
      { leikaOzgId: 42, ozgKnown: false },
    );
    assert.deepEqual(ok.errors, []);
    assert.equal(ok.content.ozgId, 42, 'the OZG-ID follows the LeiKa key');
    assert.deepEqual(ok.content.keywords, ['Hund', 'Hundesteuer']);
    assert.deepEqual(ok.content.lebenslageIds, [1], 'unknown Lebenslagen are dropped');
  });

  it('diffs word by word and names list items added and removed', () => {
    const before = { ...readContent({ title: 'Hund anmelden', summary: 'Die Steuer für Hunde.', organisationId: 'o1', online: 'none' }, names, facts).content };
    const after: ServiceContent = { ...before, summary: 'Die Steuer für alle Hunde.', keywords: ['Hundesteuer'] };
    const changes = diffContent(before, after, names);
    assert.deepEqual(
      changes.map((c) => c.field),
      ['summary', 'keywords'],
    );
    const summary = changes[0];
    assert.ok(summary?.kind === 'text');
    assert.deepEqual(
      summary.parts.filter((p) => p.change).map((p) => `${p.change}:${p.text}`),
      ['added:alle '],
    );
    assert.deepEqual(changes[1], { field: 'keywords', kind: 'list', added: ['Hundesteuer'], removed: [] });
  });
});

describe('editorial workflow', () => {
  let t: TestApp;
  let editor: Browser;
  let lead: Browser;
  let organisationId: string;
  const base = '/backoffice/redaktion';
  before(async () => {
    t = await createTestApp('demo');
    editor = new Browser(t.app);
    lead = new Browser(t.app);
    await staffSignedIn(editor, t.database.db, 'redakteurin@musterstadt.example', ['redaktion']);
    await staffSignedIn(lead, t.database.db, 'teamleitung@musterstadt.example', ['teamleitung']);
    organisationId = (await t.database.db.selectFrom('organisations').select('id').orderBy('name').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  const fields = (over: Record<string, string | string[]> = {}) => ({
    title: 'Fischereischein beantragen',
    summary: 'Den Fischereischein brauchen Sie zum Angeln.',
    description: '## Ablauf\nSie beantragen den Schein **persönlich**.\n- Prüfung ablegen\n- [Infos](https://example.org/fische)',
    prerequisites: 'Bestandene Fischerprüfung',
    requiredDocuments: 'Personalausweis\nPrüfungszeugnis',
    fee: '30,00',
    feeText: '',
    processingTime: 'sofort',
    deadlines: '',
    legalBasis: '§ 31 LFischG NRW',
    organisationId,
    online: 'none',
    formId: '',
    onlineServiceUrl: '',
    leikaKey: '',
    ozgId: '',
    keywords: 'Angelschein\nAngeln',
    ...over,
  });

  async function create(title: string): Promise<{ id: string; page: Page }> {
    let page = await editor.get(`${base}/neu`);
    page = await editor.post(`${base}/neu`, fields({ title }), page.html);
    assert.equal(page.status, 200, page.html.slice(0, 400));
    const id = /\/backoffice\/redaktion\/([0-9a-f-]{36})/.exec(page.url)?.[1];
    assert.ok(id, page.url);
    return { id, page };
  }

  it('keeps a bad form with every message next to its field and in the summary; nothing is written', async () => {
    const before = await t.database.db
      .selectFrom('services')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    let page = await editor.get(`${base}/neu`);
    page = await editor.post(
      `${base}/neu`,
      fields({ title: '', fee: 'dreißig', description: 'Siehe [hier](javascript:alert(1))', slug: 'Mit Leerzeichen' }),
      page.html,
    );
    assert.equal(page.status, 422);
    for (const text of [
      'Geben Sie „Bezeichnung“ an.',
      'Die Adresse darf nur Kleinbuchstaben',
      'Geben Sie die Gebühr als Betrag in Euro an',
      'in Zeile 1 einen Link, der nicht mit http://, https:// oder mailto: beginnt',
    ])
      assert.ok(page.html.includes(text), text);
    assert.ok(page.html.includes('href="#fee"') && page.html.includes('id="fee-error"'), 'summary links to the field, message above it');
    assert.ok(page.html.includes('Siehe [hier](javascript:alert(1))'), 'the typed text is kept');
    const now = await t.database.db
      .selectFrom('services')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(now.n), Number(before.n));
  });

  it('creates a draft that the portal does not show; the author cannot approve it, a second person can', async () => {
    const { id, page } = await create('Fischereischein beantragen');
    assert.ok(page.html.includes('Der Entwurf ist gespeichert.'));
    assert.ok(page.html.includes('Offene Fassung 1: Entwurf'));
    const slug = 'fischereischein-beantragen';
    assert.equal((await t.app.inject({ url: `/leistungen/${slug}` })).statusCode, 404);

    let p = await editor.post(`${base}/${id}/pruefung`, { note: 'Bitte Gebühr prüfen' }, page.html);
    assert.ok(p.html.includes('Die Fassung ist zur Prüfung gegeben.'));
    assert.ok(p.html.includes('Sie haben an dieser Fassung mitgearbeitet.'), 'the author is told a second person approves');
    assert.ok(!p.html.includes(`${base}/${id}/freigeben`), 'no approve button for the author');
    const refused = await editor.post(`${base}/${id}/freigeben`, { comment: '' }, p.html);
    assert.equal(refused.status, 403);
    assert.equal((await t.app.inject({ url: `/leistungen/${slug}` })).statusCode, 404);

    p = await lead.get(`${base}/${id}`);
    assert.ok(p.html.includes('Bitte Gebühr prüfen'), 'the note reaches the reviewer');
    p = await lead.post(`${base}/${id}/freigeben`, { comment: 'Passt.' }, p.html);
    assert.ok(p.html.includes('Die Fassung ist freigegeben und im Portal veröffentlicht.'));
    const portal = await t.app.inject({ url: `/leistungen/${slug}` });
    assert.equal(portal.statusCode, 200);
    assert.ok(portal.body.includes('<strong>persönlich</strong>'), 'rich text rendered');
    assert.ok(portal.body.includes('href="https://example.org/fische"'));
    const row = await t.database.db
      .selectFrom('services')
      .select(['status', 'last_reviewed', 'fee_cents', 'keywords'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'published');
    assert.equal(row.fee_cents, 3000);
    assert.deepEqual(row.keywords, ['Angelschein', 'Angeln']);
    assert.equal(row.last_reviewed, new Date().toISOString().slice(0, 10), 'approval counts as review');
    const actions = await t.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('object_id', '=', id).orderBy('at').execute();
    assert.deepEqual(
      actions.map((a) => a.action),
      ['catalog.service_created', 'catalog.review_requested', 'catalog.version_published'],
    );
  });

  it('keeps the published text live while a change is edited, returned with a comment and approved; the history diffs it', async () => {
    const { id, page } = await create('Angelkarte');
    let p = await editor.post(`${base}/${id}/pruefung`, { note: '' }, page.html);
    p = await lead.get(`${base}/${id}`);
    await lead.post(`${base}/${id}/freigeben`, { comment: '' }, p.html);

    p = await editor.get(`${base}/${id}/bearbeiten`);
    assert.ok(p.html.includes('Beim Speichern entsteht eine neue Fassung'));
    p = await editor.post(
      `${base}/${id}/bearbeiten`,
      fields({ title: 'Angelkarte', summary: 'Die Angelkarte brauchen Sie zum Angeln am Stadtsee.', fee: '35' }),
      p.html,
    );
    assert.ok(p.html.includes('Offene Fassung 2: Entwurf'));
    assert.ok(p.html.includes('(veröffentlichte Fassung bleibt sichtbar)'));
    assert.ok(p.html.includes('brauchen Sie zum Angeln <ins><span class="kern-sr-only"> eingefügt: </span>am Stadtsee</ins>.'), 'summary diff, word by word');
    const feeDiff = '<del><span class="kern-sr-only"> gelöscht: </span>30</del><ins><span class="kern-sr-only"> eingefügt: </span>35</ins>,00 €';
    assert.ok(p.html.includes(feeDiff), 'fee diff');
    const portal = await t.app.inject({ url: '/leistungen/angelkarte' });
    assert.ok(portal.body.includes('Den Fischereischein brauchen Sie zum Angeln.'), 'citizens still see the published version');

    p = await editor.post(`${base}/${id}/pruefung`, { note: '' }, p.html);
    p = await lead.get(`${base}/${id}`);
    const empty = await lead.post(`${base}/${id}/zurueckgeben`, { returnComment: '' }, p.html);
    assert.equal(empty.status, 422);
    assert.ok(empty.html.includes('Schreiben Sie, was an der Fassung zu ändern ist.'));
    p = await lead.post(`${base}/${id}/zurueckgeben`, { returnComment: 'Bitte Öffnungszeiten ergänzen' }, empty.html);
    assert.ok(p.html.includes('Die Fassung ist zur Überarbeitung zurückgegeben.'));
    p = await editor.get(`${base}/${id}`);
    assert.ok(p.html.includes('Offene Fassung 2: Entwurf'));
    assert.ok(p.html.includes('Kommentar: Bitte Öffnungszeiten ergänzen'));

    p = await editor.get(`${base}/${id}/bearbeiten`);
    p = await editor.post(
      `${base}/${id}/bearbeiten`,
      {
        ...fields({ title: 'Angelkarte', summary: 'Die Angelkarte gilt am Stadtsee, Mo–Fr 8–16 Uhr.', fee: '35' }),
        lock: /name="lock" value="(\d+)"/.exec(p.html)?.[1] ?? '',
      },
      p.html,
    );
    p = await editor.post(`${base}/${id}/pruefung`, { note: 'Ergänzt' }, p.html);
    p = await lead.get(`${base}/${id}`);
    p = await lead.post(`${base}/${id}/freigeben`, { comment: 'Danke' }, p.html);
    assert.ok((await t.app.inject({ url: '/leistungen/angelkarte' })).body.includes('Mo–Fr 8–16 Uhr'));

    assert.ok(p.html.includes('Fassung 2 ansehen') && p.html.includes('Fassung 1 ansehen'));
    const v2 = await lead.get(`${base}/${id}/fassungen/2`);
    assert.equal(v2.status, 200);
    assert.ok(v2.html.includes('Kommentar: Bitte Öffnungszeiten ergänzen') && v2.html.includes('Kommentar: Danke'));
    assert.ok(v2.html.includes(feeDiff), 'the version shows its changes against the one before');
  });

  it('refuses a save over another editor’s save, keeping the typed entries', async () => {
    const { id } = await create('Bootsliegeplatz');
    const other = new Browser(t.app);
    await staffSignedIn(other, t.database.db, 'redaktion2@musterstadt.example', ['redaktion']);
    const mine = await editor.get(`${base}/${id}/bearbeiten`);
    const theirs = await other.get(`${base}/${id}/bearbeiten`);
    await other.post(`${base}/${id}/bearbeiten`, { ...fields({ title: 'Bootsliegeplatz' }), lock: '1' }, theirs.html);
    const p = await editor.post(`${base}/${id}/bearbeiten`, { ...fields({ title: 'Bootsliegeplatz', summary: 'Meine Fassung' }), lock: '1' }, mine.html);
    assert.equal(p.status, 422);
    assert.ok(p.html.includes('Jemand anderes hat diesen Entwurf gespeichert'));
    assert.ok(p.html.includes('Meine Fassung'));
    assert.ok(p.html.includes('name="lock" value="2"'), 'saving again is a deliberate overwrite');
  });

  it('archives a published service: gone from the portal and the feed as withdrawn; the reason is required', async () => {
    const { id, page } = await create('Hafengebühr');
    await editor.post(`${base}/${id}/pruefung`, { note: '' }, page.html);
    let p = await lead.get(`${base}/${id}`);
    p = await lead.post(`${base}/${id}/freigeben`, { comment: '' }, p.html);
    assert.equal((await t.app.inject({ url: '/leistungen/hafengebuehr' })).statusCode, 200);
    p = await editor.get(`${base}/${id}`);
    const noReason = await editor.post(`${base}/${id}/archivieren`, { reason: '' }, p.html);
    assert.equal(noReason.status, 422);
    p = await editor.post(`${base}/${id}/archivieren`, { reason: 'Hafen geschlossen' }, noReason.html);
    assert.ok(p.html.includes('Die Leistung ist archiviert.'));
    assert.equal((await t.app.inject({ url: '/leistungen/hafengebuehr' })).statusCode, 404);
    const feed = await t.app.inject({ url: '/api/v1/federation/services?since=2000-01-01T00:00:00Z' });
    const item = (feed.json() as { items: { id: string; status: string }[] }).items.find((i) => i.id === id);
    assert.equal(item?.status, 'zurueckgezogen');
    const list = await editor.get(`${base}?status=archived`);
    assert.ok(list.html.includes('Hafengebühr'));
  });

  it('moves the computed Reifegrad when an approved version unlinks and links the online form', async () => {
    const hund = await t.database.db.selectFrom('services').select('id').where('slug', '=', 'hundesteuer').executeTakeFirstOrThrow();
    const level = async () =>
      ((await t.app.inject({ url: '/api/v1/ozg/status' })).json() as { services: { id: string; reifegrad: number }[] }).services.find((s) => s.id === hund.id)
        ?.reifegrad;
    const publishWith = async (online: Record<string, string>) => {
      let p = await editor.get(`${base}/${hund.id}/bearbeiten`);
      const live = await liveContent(t.database.db, hund.id);
      const current = Object.fromEntries(Object.entries(fieldsOf(live?.content as ServiceContent)).map(([k, v]) => [k, v ?? '']));
      p = await editor.post(`${base}/${hund.id}/bearbeiten`, { ...current, ...online }, p.html);
      assert.ok(p.html.includes('Der Entwurf ist gespeichert.'), p.html.slice(0, 2000));
      p = await editor.post(`${base}/${hund.id}/pruefung`, { note: '' }, p.html);
      p = await lead.get(`${base}/${hund.id}`);
      p = await lead.post(`${base}/${hund.id}/freigeben`, { comment: '' }, p.html);
      assert.ok(p.html.includes('Die Fassung ist freigegeben'));
    };
    const linked = await level();
    assert.ok((linked ?? 0) >= 2, 'the demo service has an online form');
    await publishWith({ online: 'none', formId: '' });
    assert.equal(await level(), 1, 'information only');
    await publishWith({ online: 'form', formId: 'hundesteuer' });
    assert.equal(await level(), linked, 'the form is back');
  });

  it('takes no new applications for an archived service; a draft begun before goes on', async () => {
    const citizen = new Browser(t.app);
    const start = await citizen.get('/antrag/hundesteuer');
    assert.equal(start.status, 200);
    const begun = await citizen.post('/antrag/hundesteuer', {}, start.html);
    assert.ok(begun.url.startsWith('/antrag/hundesteuer/schritt/'), begun.url);
    const hund = await t.database.db.selectFrom('services').select('id').where('slug', '=', 'hundesteuer').executeTakeFirstOrThrow();
    let p = await editor.get(`${base}/${hund.id}`);
    p = await editor.post(`${base}/${hund.id}/archivieren`, { reason: 'Satzung aufgehoben' }, p.html);
    assert.ok(p.html.includes('Die Leistung ist archiviert.'));
    const stranger = new Browser(t.app);
    const refused = await stranger.get('/antrag/hundesteuer');
    assert.equal(refused.status, 410);
    assert.ok(refused.html.includes('Diese Leistung wird nicht mehr angeboten'));
    assert.equal((await citizen.get('/antrag/hundesteuer')).status, 200, 'the draft begun before goes on');
  });

  it('lets only editors and team leads in; case workers get 403', async () => {
    const worker = new Browser(t.app);
    await staffSignedIn(worker, t.database.db, 'sachbearbeitung@musterstadt.example', ['sachbearbeitung']);
    assert.equal((await worker.get(base)).status, 403);
    assert.equal((await lead.get(base)).status, 200);
    assert.equal((await lead.get(`${base}/neu`)).status, 403, 'team leads review, editors write');
  });
});
