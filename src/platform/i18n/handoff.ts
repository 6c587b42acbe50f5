// Messages of the hand-off to Fachverfahren (deliveries, targets, integrations), German first.

export const handoffDe = {
  'handoff.status.subject': 'Neuigkeiten zu Ihrem Antrag {reference}',
  'handoff.mail.subject': 'Neuer Online-Antrag {reference}: {service}',
  'handoff.mail.body':
    'Ein neuer Online-Antrag ist eingegangen.\n\nAktenzeichen: {reference}\nLeistung: {service}\nEingegangen: {received}\nAnlagen der Antragstellerin oder des Antragstellers: {attachments}\n\nDie Eingangsbestätigung mit allen Angaben ist angehängt. Im Backoffice: {url}\n\nDiese Nachricht wurde von Amtsweg automatisch versandt.',
};

export const handoffEn: Record<keyof typeof handoffDe, string> = {
  'handoff.status.subject': 'News about your application {reference}',
  'handoff.mail.subject': 'New online application {reference}: {service}',
  'handoff.mail.body':
    'A new online application has arrived.\n\nReference: {reference}\nService: {service}\nReceived: {received}\nAttachments from the applicant: {attachments}\n\nThe receipt with all answers is attached. In the back office: {url}\n\nThis message was sent automatically by Amtsweg.',
};
