// Target 2: the office's mailbox. A plain-text mail naming the reference number and the service
// (never personal data in the subject), with the sealed receipt attached. Sent within the delivery,
// so a refusing mail server shows up as a failed attempt and is retried like any target; the mail
// is written to the outbox once and every retry sends that same mail.
import { formatMoment, translator } from '../../platform/i18n/index.ts';
import type { OutgoingMail } from '../../platform/mail/index.ts';
import type { SubmissionPackage } from '../package.ts';
import type { EmailSettings } from '../targets.ts';

export function officeMail(settings: EmailSettings, pkg: SubmissionPackage, publicUrl: string): OutgoingMail {
  const t = translator('de');
  const a = pkg.application;
  return {
    to: settings.address,
    subject: t('handoff.mail.subject', { reference: a.reference, service: a.service.title }),
    body: t('handoff.mail.body', {
      reference: a.reference,
      service: a.service.title,
      received: formatMoment(a.submittedAt, 'de'),
      attachments: pkg.attachments.length,
      url: `${publicUrl}/backoffice/vorgaenge/${a.id}`,
    }),
    attachments: [{ blobKey: pkg.receipt.storageKey, filename: pkg.receipt.filename, mediaType: pkg.receipt.mediaType }],
  };
}
