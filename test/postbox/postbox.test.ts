import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NoPostboxError } from '../../src/postbox/index.ts';
import { lastMailTo, registerAndSignIn } from '../support/accounts.ts';
import { createTestApp, type TestApp, textOf } from '../support/app.ts';
import { Browser, formAction, multipartBody, type Page } from '../support/browser.ts';
import { PDF, PNG, submitParking } from '../support/journeys.ts';

describe('postbox', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp('demo');
  });
  after(() => t.close());
  const db = () => t.database.db;

  /** A signed-in citizen with a submitted application; returns the application id. */
  async function citizenWithApplication(email: string): Promise<{ b: Browser; applicationId: string }> {
    const b = new Browser(t.app);
    await registerAndSignIn(b, db(), email);
    await submitParking(b, email);
    const list = await b.get('/konto/antraege');
    const applicationId = /href="\/konto\/antraege\/([0-9a-f-]{36})"/.exec(list.html)?.[1] as string;
    return { b, applicationId };
  }

  function postMultipart(b: Browser, page: Page, fragment: string, fields: Record<string, string>, files: Parameters<typeof multipartBody>[1]) {
    const { payload, contentType } = multipartBody(fields, files);
    return b.request('POST', formAction(page.html, fragment), payload, { 'content-type': contentType });
  }

  test('a notice arrives: unread in the header, a mail without content, read and archived', async () => {
    const { b, applicationId } = await citizenWithApplication('post@example.org');
    await t.app.postbox.send({
      applicationId,
      kind: 'bescheid',
      subject: 'Bescheid über Ihren Bewohnerparkausweis',
      body: 'Sehr geehrte Frau Muster,\n\nIhr Antrag ist bewilligt.\n\nMit freundlichen Grüßen',
      attachments: [{ filename: 'Bescheid.pdf', mediaType: 'application/pdf', data: PDF }],
    });
    const mail = await lastMailTo(db(), 'post@example.org');
    assert.equal(mail.subject, 'Neue Nachricht in Ihrem Postfach');
    assert.doesNotMatch(mail.body, /bewilligt|Bescheid über/);
    assert.match(mail.body, /\/konto\/postfach/);

    let page = await b.get('/konto/postfach');
    assert.match(page.html, /Mein Konto<span class="kern-sr-only">: post@example.org<\/span> \(1 ungelesen\)/);
    assert.match(page.html, /<span class="kern-sr-only">Ungelesen: <\/span>Bescheid über Ihren Bewohnerparkausweis/);
    const id = /href="\/konto\/postfach\/([0-9a-f-]{36})"/.exec(page.html)?.[1] as string;
    page = await b.get(`/konto/postfach/${id}`);
    assert.equal(textOf(page.html, 'h1'), 'Bescheid über Ihren Bewohnerparkausweis');
    assert.match(page.html, /Ihr Antrag ist bewilligt/);
    assert.doesNotMatch(page.html, /ungelesen\)/, 'read now');
    const fileHref = /href="(\/konto\/postfach\/[^"]+\/anhaenge\/[^"]+)"/.exec(page.html)?.[1] as string;
    const file = await b.get(fileHref);
    assert.equal(file.response.headers['content-type'], 'application/pdf');
    assert.equal(file.response.rawPayload.length, PDF.length);

    page = await b.post(`/konto/postfach/${id}/archivieren`, { archiv: 'ja' }, page.html);
    assert.equal(page.url, '/konto/postfach');
    assert.match(page.html, /Ihr Postfach ist leer/);
    page = await b.get('/konto/postfach?archiv=1');
    assert.match(page.html, /Bescheid über Ihren Bewohnerparkausweis/);
  });

  test('a reply with a file lands with the application; an empty reply or a wrong file is refused and nothing is kept', async () => {
    const { b, applicationId } = await citizenWithApplication('reply@example.org');
    const messageId = await t.app.postbox.send({ applicationId, subject: 'Rückfrage zum Kennzeichen', body: 'Bitte bestätigen Sie das Kennzeichen.' });
    let page = await b.get(`/konto/postfach/${messageId}`);
    const blobsBefore = (await db().selectFrom('blobs').select('key').execute()).length;
    page = await postMultipart(b, page, '/antwort', { body: '  ' }, [
      { name: 'anhaenge', filename: 'notiz.txt', type: 'text/plain', data: Buffer.from('hello world, not a pdf') },
    ]);
    assert.equal(page.status, 422);
    assert.match(page.html, /Geben Sie eine Nachricht ein/);
    assert.match(page.html, /„notiz.txt“ hat kein erlaubtes Dateiformat/);
    assert.equal((await db().selectFrom('blobs').select('key').execute()).length, blobsBefore);

    page = await postMultipart(b, page, '/antwort', { body: 'Das Kennzeichen ist MS-AB 123.' }, [
      { name: 'anhaenge', filename: 'schein.png', type: 'image/png', data: PNG },
    ]);
    assert.equal(page.url, `/konto/postfach/${messageId}?gesendet=1`);
    assert.match(page.html, /Ihre Nachricht ist bei der Verwaltung eingegangen/);
    assert.match(page.html, /Das Kennzeichen ist MS-AB 123/);
    const stored = await db().selectFrom('messages').selectAll().where('reply_to', '=', messageId).executeTakeFirstOrThrow();
    assert.equal(stored.direction, 'from_citizen');
    assert.equal(stored.application_id, applicationId);
    assert.equal(stored.subject, 'AW: Rückfrage zum Kennzeichen');
    const files = await db().selectFrom('message_attachments').selectAll().where('message_id', '=', stored.id).execute();
    assert.deepEqual(
      files.map((f) => [f.filename, f.media_type]),
      [['schein.png', 'image/png']],
    );
  });

  test('a Nachforderung leads to an upload page whose files join the application', async () => {
    const { b, applicationId } = await citizenWithApplication('docs@example.org');
    const messageId = await t.app.postbox.send({
      applicationId,
      kind: 'nachforderung',
      subject: 'Nachweis fehlt',
      body: 'Bitte reichen Sie die Meldebescheinigung nach.',
    });
    let page = await b.get(`/konto/postfach/${messageId}`);
    assert.match(page.html, new RegExp(`href="/konto/postfach/${messageId}/nachreichen"`));
    page = await b.get(`/konto/postfach/${messageId}/nachreichen`);
    assert.equal(textOf(page.html, 'h1'), 'Unterlagen nachreichen');
    page = await postMultipart(b, page, '/nachreichen', {}, []);
    assert.equal(page.status, 422);
    assert.match(page.html, /Wählen Sie mindestens eine Datei aus/);
    page = await postMultipart(b, page, '/nachreichen', {}, [
      { name: 'unterlagen', filename: 'meldebescheinigung.pdf', type: 'application/pdf', data: PDF },
      { name: 'unterlagen', filename: 'seite2.png', type: 'image/png', data: PNG },
    ]);
    assert.equal(page.url, `/konto/postfach/${messageId}?gesendet=1`);
    const detail = await b.get(`/konto/antraege/${applicationId}`);
    assert.match(detail.html, /meldebescheinigung\.pdf/);
    assert.match(detail.html, /seite2\.png/);
    const uploads = await db()
      .selectFrom('uploads')
      .select('field_path')
      .where('application_id', '=', applicationId)
      .where('field_path', 'like', 'nachforderung/%')
      .execute();
    assert.equal(uploads.length, 2);
  });

  test('no mail when the citizen turned notifications off; an application without an account has no postbox', async () => {
    const { b, applicationId } = await citizenWithApplication('quiet@example.org');
    const settings = await b.get('/konto/einstellungen');
    await b.post('/konto/einstellungen/benachrichtigung', {}, settings.html);
    const before = (await lastMailTo(db(), 'quiet@example.org')).id;
    await t.app.postbox.send({ applicationId, subject: 'Hinweis', body: 'Text' });
    assert.equal((await lastMailTo(db(), 'quiet@example.org')).id, before);

    const anonymous = new Browser(t.app);
    await submitParking(anonymous, 'anon@example.org');
    const row = await db().selectFrom('applications').select('id').where('email', '=', 'anon@example.org').executeTakeFirstOrThrow();
    await assert.rejects(t.app.postbox.send({ applicationId: row.id, subject: 'x', body: 'y' }), NoPostboxError);
  });

  test('another citizen gets 404 on every postbox route of someone else’s message', async () => {
    const { applicationId } = await citizenWithApplication('mine@example.org');
    const id = await t.app.postbox.send({
      applicationId,
      kind: 'nachforderung',
      subject: 'Geheim',
      body: 'Nur für mich',
      attachments: [{ filename: 'a.pdf', mediaType: 'application/pdf', data: PDF }],
    });
    const fileId = (await db().selectFrom('message_attachments').select('id').where('message_id', '=', id).executeTakeFirstOrThrow()).id;
    const other = new Browser(t.app);
    const page = await registerAndSignIn(other, db(), 'notmine@example.org');
    for (const path of ['', '/nachreichen', `/anhaenge/${fileId}`]) {
      const res = await other.get(`/konto/postfach/${id}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(res.html, /Nur für mich|Geheim/);
    }
    assert.equal((await other.post(`/konto/postfach/${id}/archivieren`, { archiv: 'ja' }, page.html)).status, 404);
    const { payload, contentType } = multipartBody({ body: 'Hallo' }, []);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    for (const path of ['antwort', 'nachreichen']) {
      const res = await other.request('POST', `/konto/postfach/${id}/${path}?_csrf=${encodeURIComponent(token)}`, payload, { 'content-type': contentType });
      assert.equal(res.status, 404, path);
    }
    assert.match((await other.get('/konto/postfach')).html, /Ihr Postfach ist leer/);
    const replies = await db().selectFrom('messages').select('id').where('reply_to', '=', id).execute();
    assert.equal(replies.length, 0);
  });
});
