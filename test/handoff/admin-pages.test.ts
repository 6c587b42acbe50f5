// The deliveries pages for administrators: a failed delivery shows its error, is sent again from its
// page (audited) and reaches the target; a waiting one can be cancelled; what its status does not
// allow is refused with a note.
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
