// The administration pages of the hand-off: a failed delivery shows its error, is sent again from
// its page (audited) and reaches the target; a waiting one can be cancelled; what its status does
// not allow is refused with a note. Access for a Fachverfahren and a target are set up through the
// pages, with errors next to the fields, and the credentials shown once work.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Browser } from '../support/browser.ts';
import { type HandoffHarness, handoffHarness } from '../support/handoff.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.ts';
import { staffSignedIn } from '../support/staff.ts';

let h: HandoffHarness;
let receiver: WebhookReceiver;

before(async () => {
  h = await handoffHarness({ HANDOFF_MAX_ATTEMPTS: '2' });
  receiver = await startWebhookReceiver();
  receiver.secret =
    (await h.addTarget({ kind: 'webhook', name: 'Parkraumverfahren', settings: { url: receiver.url, attachments: 'links' } })).signingSecret ?? '';
});

after(async () => {
  await receiver.close();
  await h.close();
});

describe('deliveries pages', () => {
  it('show a failed delivery with its error; sending it again reaches the target and is audited', async () => {
    receiver.down(Number.POSITIVE_INFINITY);
    const reference = await h.submit();
    await h.workUntil(async () => (await h.deliveriesOf(reference))[0]?.state === 'failed');
    const [delivery] = await h.deliveriesOf(reference);
    const admin = new Browser(h.t.app);
    await staffSignedIn(admin, h.t.database.db, 'admin@musterstadt.example', ['administration'], []);

    const list = await admin.get('/backoffice/zustellungen?status=failed');
    assert.equal(list.status, 200);
    assert.ok(list.html.includes(reference));
    assert.match(list.html, /HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/hook/);
    assert.match(list.html, /Fehlgeschlagen \(1\)/);

    let page = await admin.get(`/backoffice/zustellungen/${delivery?.id}`);
    assert.match(page.html, /Erneut zustellen/);
    receiver.down(0);
    page = await admin.post(`/backoffice/zustellungen/${delivery?.id}/erneut`, {}, page.html);
    assert.match(page.url, /\?erledigt=erneut$/);
    assert.match(page.html, /Die Zustellung wird erneut versucht\./);
    await h.workUntil(async () => (await h.deliveriesOf(reference))[0]?.state === 'delivered');
    assert.equal(receiver.received.filter((r) => r.key === delivery?.id).length, 1);
    const audited = await h.t.database.db.selectFrom('audit_log').select(['action', 'object_id']).where('action', '=', 'handoff.retry').execute();
    assert.deepEqual(audited, [{ action: 'handoff.retry', object_id: delivery?.id }]);

    page = await admin.get(`/backoffice/zustellungen/${delivery?.id}`);
    assert.doesNotMatch(page.html, /Erneut zustellen|Zustellung abbrechen/, 'a delivered one offers nothing');
    page = await admin.post(`/backoffice/zustellungen/${delivery?.id}/abbrechen`, {}, page.html);
    assert.match(page.url, /\?erledigt=nicht$/);
    assert.match(page.html, /nicht möglich/);
  });

  it('cancel a delivery that waits; its job then does nothing', async () => {
    const reference = await h.submit();
    const [delivery] = await h.deliveriesOf(reference);
    const admin = new Browser(h.t.app);
    await staffSignedIn(admin, h.t.database.db, 'admin2@musterstadt.example', ['administration'], []);
    let page = await admin.get(`/backoffice/zustellungen/${delivery?.id}`);
    page = await admin.post(`/backoffice/zustellungen/${delivery?.id}/abbrechen`, {}, page.html);
    assert.match(page.html, /Die Zustellung ist abgebrochen\./);
    await h.t.app.jobs.drain();
    assert.equal((await h.deliveriesOf(reference))[0]?.state, 'cancelled');
    assert.equal(receiver.received.filter((r) => r.key === delivery?.id).length, 0);
  });
});

describe('integrations pages', () => {
  it('create access for a Fachverfahren whose credentials then work, refusing an incomplete form', async () => {
    const admin = new Browser(h.t.app);
    await staffSignedIn(admin, h.t.database.db, 'admin3@musterstadt.example', ['administration'], []);
    let page = await admin.get('/backoffice/schnittstellen');
    assert.equal(page.status, 200);
    page = await admin.post('/backoffice/schnittstellen', { name: '', operations: 'status:write' }, page.html);
    assert.equal(page.status, 422);
    assert.match(page.html, /Geben Sie einen Namen für den Zugang ein\./);
    assert.match(page.html, /Wählen Sie mindestens eine Leistung aus\./);
    const parking = (await h.t.database.db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow())
      .service_id as string;
    page = await admin.post(
      '/backoffice/schnittstellen',
      { name: 'Parkraum-FV', services: parking, operations: ['submissions:read', 'status:write'] },
      page.html,
    );
    assert.equal(page.status, 200);
    const clientId = /<code class="bo-secret">(aw-[^<]+)<\/code>/.exec(page.html)?.[1];
    const secret = /<code class="bo-secret">([A-Za-z0-9_-]{43})<\/code>/.exec(page.html)?.[1];
    assert.ok(clientId && secret, 'client id and secret are shown once');
    const token = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }).toString(),
    });
    assert.equal(token.json().scope, 'submissions:read status:write');
    const again = await admin.get('/backoffice/schnittstellen');
    assert.ok(!again.html.includes(secret), 'the secret is not shown again');
    const audited = await h.t.database.db.selectFrom('audit_log').select('action').where('action', '=', 'integration.create').execute();
    assert.equal(audited.length, 1);
    // The audit log names the Fachverfahren for its calls.
    const log = await admin.get('/backoffice/protokoll?person=Parkraum-FV');
    assert.match(log.html, /<td>Parkraum-FV<\/td>[\s\S]*?api\.token/);
  });

  it('set up a webhook target in two steps; its secret, shown once, signs the deliveries', async () => {
    const admin = new Browser(h.t.app);
    await staffSignedIn(admin, h.t.database.db, 'admin4@musterstadt.example', ['administration'], []);
    const parking = (await h.t.database.db.selectFrom('forms').select('service_id').where('id', '=', 'bewohnerparkausweis').executeTakeFirstOrThrow())
      .service_id as string;
    let page = await admin.get('/backoffice/schnittstellen/ziele/neu?leistung=&art=');
    assert.equal(page.status, 422);
    assert.match(page.html, /Wählen Sie eine Leistung aus\./);
    page = await admin.get(`/backoffice/schnittstellen/ziele/neu?leistung=${parking}&art=webhook`);
    assert.equal(page.status, 200);
    assert.match(page.html, /<option value="nachname">/);
    const second = await startWebhookReceiver();
    try {
      page = await admin.post(
        '/backoffice/schnittstellen/ziele',
        { leistung: parking, art: 'webhook', name: 'Zweites Verfahren', url: 'ftp://x', attachments: 'links' },
        page.html,
      );
      assert.equal(page.status, 422);
      assert.match(page.html, /muss eine vollständige Adresse sein/);
      assert.match(page.html, /value="Zweites Verfahren"/, 'what was typed stays');
      page = await admin.post(
        '/backoffice/schnittstellen/ziele',
        {
          leistung: parking,
          art: 'webhook',
          name: 'Zweites Verfahren',
          url: second.url,
          attachments: 'inline',
          conditionField: 'nachname',
          conditionValue: 'Zweit',
        },
        page.html,
      );
      assert.equal(page.status, 200);
      second.secret = /<code class="bo-secret">(whsec_[^<]+)<\/code>/.exec(page.html)?.[1] ?? '';
      assert.ok(second.secret);
      assert.match(page.html, /Nur wenn nachname = „Zweit“/);
      const reference = await h.submit({ nachname: 'Zweit' });
      await h.workUntil(async () => (await h.deliveriesOf(reference)).every((d) => d.state === 'delivered'));
      assert.equal(second.received.length, 1);
      assert.equal(second.received[0]?.signature, 'valid');
    } finally {
      await second.close();
    }
  });
});
