// Signed webhooks: a submission reaches the target exactly once though the target is down at first,
// a target that stays down ends as a failed delivery that can be sent again, attachments come as
// signed links (audited) or inline, and the receiver can check the signature.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { linkSigner } from '../../src/handoff/links.ts';
import { retryDelivery } from '../../src/handoff/store.ts';
import { type HandoffHarness, handoffHarness, testConfig } from '../support/handoff.ts';
import { PNG } from '../support/journeys.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/receivers.ts';

let h: HandoffHarness;
let receiver: WebhookReceiver;

before(async () => {
  h = await handoffHarness();
  receiver = await startWebhookReceiver();
  const created = await h.addTarget({ kind: 'webhook', name: 'Parkraumverfahren', settings: { url: receiver.url, attachments: 'links' } });
  receiver.secret = created.signingSecret ?? '';
});

after(async () => {
  await receiver.close();
  await h.close();
});

const deliveryOf = async (reference: string) => {
  const [delivery] = await h.deliveriesOf(reference);
  assert.ok(delivery, `a delivery for ${reference}`);
  return delivery;
};

describe('webhook target', () => {
  it('delivers exactly once when the target is down for the first three attempts', async () => {
    receiver.down(3);
    const before = receiver.requests;
    const reference = await h.submit();
    await h.workUntil(async () => (await deliveryOf(reference)).state === 'delivered');
    const delivery = await deliveryOf(reference);
    assert.equal(receiver.requests - before, 4, 'three refused attempts and one that was taken');
    const got = receiver.received.filter((r) => r.key === delivery.id);
    assert.equal(got.length, 1);
    assert.equal(got[0]?.attempt, 4);
    assert.equal(delivery.attempts, 4);
    assert.equal(delivery.last_error, null);

    const body = got[0]?.body as {
      application: Record<string, unknown>;
      data: Record<string, unknown>;
      attachments: { url: string; sha256: string; filename: string }[];
      receipt: { url: string };
    };
    assert.equal(body.application.reference, reference);
    assert.equal((body.application.service as { name: string }).name, 'Bewohnerparkausweis');
    assert.ok(JSON.stringify(body.data).includes('MS-AB 123'));
    assert.deepEqual(body.attachments.map((a) => a.filename).sort(), ['arbeitgeber.pdf', 'fahrzeugschein.png']);
    // The links fetch the very files (through the signed URL), and each fetch is audited.
    const png = body.attachments.find((a) => a.filename === 'fahrzeugschein.png');
    const pngUrl = new URL(png?.url ?? '');
    const download = await h.t.app.inject({ url: pngUrl.pathname + pngUrl.search });
    assert.equal(download.statusCode, 200);
    assert.deepEqual(download.rawPayload, PNG);
    assert.equal(download.headers['cache-control'], 'no-store');
    assert.equal(download.headers['access-control-allow-origin'], undefined);
    const receipt = new URL(body.receipt.url);
    const pdf = await h.t.app.inject({ url: receipt.pathname + receipt.search });
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok(pdf.rawPayload.subarray(0, 5).toString() === '%PDF-');
    const audited = await h.t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'handoff.file.read')
      .where('object_id', '=', delivery.application_id)
      .execute();
    assert.ok(audited.length >= 2);
  });

  it('refuses a tampered or expired file link', async () => {
    const last = receiver.received.at(-1)?.body as { attachments: { url: string }[] };
    const url = new URL(last.attachments[0]?.url ?? '');
    const signature = url.searchParams.get('signature') ?? '';
    url.searchParams.set('signature', `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`);
    const tampered = await h.t.app.inject({ url: url.pathname + url.search });
    assert.equal(tampered.statusCode, 403);
    assert.match(String(tampered.headers['content-type']), /application\/problem\+json/);
    url.searchParams.set('signature', signature);
    url.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 86_400));
    const extended = await h.t.app.inject({ url: url.pathname + url.search });
    assert.equal(extended.statusCode, 403, 'a changed expiry breaks the signature');
    const [, , , , , deliveryId, , fileId] = url.pathname.split('/');
    const old = new URL(linkSigner(testConfig.sessionSecret, testConfig.publicUrl, 7).link(deliveryId ?? '', fileId ?? '', Date.now() - 8 * 86_400_000));
    const expired = await h.t.app.inject({ url: old.pathname + old.search });
    assert.equal(expired.statusCode, 410);
  });

  it('leaves a delivery failed after the last attempt and sends it again on retry', async () => {
    receiver.down(Number.POSITIVE_INFINITY);
    const reference = await h.submit();
    await h.workUntil(async () => (await deliveryOf(reference)).state === 'failed');
    const failed = await deliveryOf(reference);
    assert.equal(failed.attempts, 4);
    assert.match(failed.last_error ?? '', /HTTP 503 from http:\/\/127\.0\.0\.1:\d+\/hook: down for maintenance/);
    assert.equal(receiver.received.filter((r) => r.key === failed.id).length, 0);

    receiver.down(0);
    assert.equal(await retryDelivery(h.t.database.db, failed.id, 4), true);
    assert.equal(await retryDelivery(h.t.database.db, failed.id, 4), false, 'a queued delivery is not queued twice');
    await h.workUntil(async () => (await deliveryOf(reference)).state === 'delivered');
    assert.equal(receiver.received.filter((r) => r.key === failed.id).length, 1);
  });
});
