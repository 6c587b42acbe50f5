// Outgoing mail: an outbox table, a job that sends through SMTP, and a development outbox page.
export { registerDevOutbox } from './dev-outbox.tsx';
export { MAIL_JOB, type MailSender, type MailSettings, mailJobHandler, mailSender, type OutgoingMail, queueMail, recordMail } from './outbox.ts';
