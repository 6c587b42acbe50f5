// Drafts expire: the pages warn in the last days, saving keeps a draft for another period, the owner
// is mailed once before it ends, and an expired draft is deleted with its files.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../support/app.ts';
import { Browser } from '../support/browser.ts';
import { PNG, parkingToUploads, postUploads } from '../support/journeys.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp('demo');
});
after(async () => t.close());

const DAY = 86_400_000;

async function draftFor(b: Browser, email: string) {
  const page = await parkingToUploads(b, { vorname: email });
  await postUploads(b, page, [{ name: 'fahrzeugschein', filename: `${email}.png`, type: 'image/png', data: PNG }], { _action: 'save' });
  const row = await t.database.db
    .selectFrom('applications')
    .select('id')
    .where('answers', '@>', JSON.stringify({ vorname: email }))
    .executeTakeFirstOrThrow();
  await t.database.db.updateTable('applications').set({ email }).where('id', '=', row.id).execute();
  return row.id;
}

const expireIn = (id: string, ms: number) =>
  t.database.db
    .updateTable('applications')
    .set({ expires_at: new Date(Date.now() + ms) })
    .where('id', '=', id)
    .execute();

describe('draft expiry', () => {
  it('warns on the pages of a draft about to expire, until a save keeps it longer', async () => {
    const b = new Browser(t.app);
    const id = await draftFor(b, 'bald@example.org');
    const fresh = await b.get('/antrag/bewohnerparkausweis/schritt/nachweise');
    assert.doesNotMatch(fresh.html, /bald gelöscht/);
    await expireIn(id, 2 * DAY);
    const step = await b.get('/antrag/bewohnerparkausweis/schritt/fahrzeug');
    assert.match(step.html, /Ihr Entwurf wird bald gelöscht/);
    assert.match(step.html, /bleibt er wieder 30 Tage erhalten/);
    const saved = await b.post(step.url, { kennzeichen: 'MS-AB 123', zone: 'A', halter: 'firma', gueltig_ab: '01.12.2026', _action: 'save' }, step.html);
    assert.equal(saved.url, '/antrag/bewohnerparkausweis/gespeichert');
    const row = await t.database.db.selectFrom('applications').select('expires_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok((row.expires_at as Date).getTime() > Date.now() + 29 * DAY, 'saving keeps it for another 30 days');
    assert.doesNotMatch((await b.get('/antrag/bewohnerparkausweis/schritt/fahrzeug')).html, /bald gelöscht/);
  });

  it('mails the owner once before the end and deletes an expired draft with its files', async () => {
    const soon = await draftFor(new Browser(t.app), 'warnen@example.org');
    const gone = new Browser(t.app);
    const expired = await draftFor(gone, 'weg@example.org');
    await expireIn(soon, 2 * DAY);
    await expireIn(expired, -1000);
    const blobsBefore = await t.database.db.selectFrom('uploads').select('storage_key').where('application_id', '=', expired).execute();
    assert.equal(blobsBefore.length, 1);

    await t.app.jobs.housekeeping();
    await t.app.jobs.housekeeping();
    await t.app.jobs.drain();
    const mails = await t.database.db
      .selectFrom('mails')
      .select(['recipient', 'subject'])
      .where('recipient', 'in', ['warnen@example.org', 'weg@example.org'])
      .execute();
    assert.deepEqual(
      mails.map((m) => m.recipient),
      ['warnen@example.org'],
      'one warning, none for the expired draft',
    );
    assert.equal(await t.database.db.selectFrom('applications').select('id').where('id', '=', expired).executeTakeFirst(), undefined);
    assert.equal(await t.database.db.selectFrom('uploads').select('id').where('application_id', '=', expired).executeTakeFirst(), undefined);
    const blob = await t.database.db
      .selectFrom('blobs')
      .select('key')
      .where('key', '=', blobsBefore[0]?.storage_key as string)
      .executeTakeFirst();
    assert.equal(blob, undefined, 'the stored file is gone too');
    const page = await gone.get('/antrag/bewohnerparkausweis/schritt/fahrzeug');
    assert.equal(page.url, '/antrag/bewohnerparkausweis', 'the old link starts afresh');
  });
});
