// The case as a file for the records (Akte): a PDF summary (facts, answers, history, notes), the
// history as JSON, every attachment, the receipt and every notice, in one ZIP.
import yazl from 'yazl';
import { cleanFilename } from '../../applications/index.ts';
import { type FormDefinition, summarise } from '../../forms/index.ts';
import { formatMoment, translator } from '../../platform/i18n/index.ts';
import { createPdf } from '../../platform/pdf/index.ts';

export interface CaseFile {
  reference: string;
  service: string;
  applicant: string;
  status: string;
  submittedAt: Date;
  definition: FormDefinition | undefined;
  answers: Record<string, unknown>;
  history: { status: string; note: string; at: Date; by: string | null }[];
  notes: { body: string; at: Date; by: string | null }[];
  notices: { id: string; outcome: string; issuedAt: Date; sha256: string; data: Buffer }[];
  uploads: { id: string; filename: string; data: Buffer }[];
  receipt?: Buffer;
}

async function summaryPdf(file: CaseFile, municipality: string): Promise<Buffer> {
  const t = translator('de');
  const pdf = createPdf({ title: `${t('bo.export.title')} ${file.reference}`, lang: 'de', author: municipality, subject: file.service });
  pdf.heading(`${t('bo.export.title')} ${file.reference}`, 1);
  pdf.entry(t('bo.inbox.service'), file.service);
  pdf.entry(t('bo.inbox.applicant'), file.applicant);
  pdf.entry(t('bo.inbox.status'), file.status);
  pdf.entry(t('bo.inbox.received'), formatMoment(file.submittedAt, 'de'));
  pdf.heading(t('bo.case.history'), 2);
  for (const h of file.history)
    pdf.entry(
      formatMoment(h.at, 'de'),
      `${t(`case.status.${h.status}` as 'case.status.eingegangen')}${h.by ? `, ${h.by}` : ''}${h.note ? ` – ${h.note}` : ''}`,
    );
  if (file.notes.length > 0) {
    pdf.heading(t('bo.case.notes'), 2);
    for (const n of file.notes) pdf.entry(`${formatMoment(n.at, 'de')}${n.by ? `, ${n.by}` : ''}`, n.body);
  }
  if (file.definition) {
    const names = new Map(file.uploads.map((u) => [u.id, u.filename]));
    for (const section of summarise(file.definition, file.answers as never, { lang: 'de', uploadName: (r) => names.get(r) ?? r })) {
      pdf.heading(section.title, 2);
      for (const row of section.rows) {
        if (row.heading) pdf.heading(row.label, 3);
        else pdf.entry(row.label, row.value ?? t('form.notAnswered'));
      }
    }
  }
  return pdf.finish(municipality, t('bo.export.title'));
}

export async function caseZip(file: CaseFile, municipality: string): Promise<NodeJS.ReadableStream> {
  const zip = new yazl.ZipFile();
  const at = new Date();
  zip.addBuffer(await summaryPdf(file, municipality), `${file.reference}.pdf`, { mtime: at });
  const history = {
    reference: file.reference,
    history: file.history,
    notes: file.notes,
    notices: file.notices.map(({ data: _, ...n }) => n),
  };
  zip.addBuffer(Buffer.from(JSON.stringify(history, null, 2)), 'verlauf.json', { mtime: at });
  if (file.receipt) zip.addBuffer(file.receipt, `Eingangsbestaetigung-${file.reference}.pdf`, { mtime: at, compress: false });
  for (const [i, n] of file.notices.entries()) zip.addBuffer(n.data, `bescheide/${i + 1}-${n.outcome}.pdf`, { mtime: at, compress: false });
  for (const u of file.uploads) zip.addBuffer(u.data, `anlagen/${u.id}-${cleanFilename(u.filename).replace(/[:*?|]/g, '_')}`, { mtime: at, compress: false });
  zip.end();
  return zip.outputStream;
}
