// The e-mail target: the office gets a mail naming reference and service – no personal data in the
// subject – with the sealed receipt attached; a target with a condition only gets the submissions
// whose answers meet it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type HandoffHarness, handoffHarness } from '../support/handoff.ts';
import { startSmtpServer } from '../support/smtp.ts';

let h: HandoffHarness;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const OFFICE = 'strassenverkehr@musterstadt.example';
const FLEET = 'fuhrpark@musterstadt.example';

before(async () => {
  smtp = await startSmtpServer();
  h = await handoffHarness({ SMTP_URL: smtp.url });
  await h.addTarget({ kind: 'email', settings: { address: OFFICE } });
  await h.addTarget({ kind: 'email', name: 'Nur Sonderfälle', settings: { address: FLEET }, onlyIf: { field: 'nachname', value: 'Sonderfall' } });
});

after(async () => {
  await h.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));

describe('e-mail target', () => {
  it('mails the office the receipt, with nothing personal in the subject', async () => {
    const reference = await h.submit({ vorname: 'Hannelore', nachname: 'Kramp' });
    await h.workUntil(async () => (await h.deliveriesOf(reference)).every((d) => d.state === 'delivered'));
    const deliveries = await h.deliveriesOf(reference);
    assert.equal(deliveries.length, 1, 'the conditional target is left out');
    const mail = mailsTo(OFFICE).find((m) => m.raw.includes(reference));
    assert.ok(mail);
    const subject = /^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? '';
    assert.match(subject, new RegExp(`${reference}: Bewohnerparkausweis`));
    assert.doesNotMatch(subject, /Hannelore|Kramp/);
    const attachment = new RegExp(
      `Content-Type: application/pdf;\\s+name=Eingangsbestaetigung-${reference}\\.pdf\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;`,
    );
    assert.ok(attachment.test(mail.raw), 'the receipt is attached as a PDF');
    assert.equal(deliveries[0]?.remote_id !== null, true, 'the outbox mail is kept on the delivery');
  });

  it('sends to a conditional target only when the answers meet its condition', async () => {
    const reference = await h.submit({ nachname: 'Sonderfall' });
    await h.workUntil(async () => (await h.deliveriesOf(reference)).every((d) => d.state === 'delivered'));
    assert.equal((await h.deliveriesOf(reference)).length, 2);
    assert.ok(mailsTo(FLEET).some((m) => m.raw.includes(reference)));
  });
});
