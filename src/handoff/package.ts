// What every target receives about one submission: the application's metadata, the submission data
// keyed by FIM element ids (valid against the form version's published JSON Schema), the attachments
// with their SHA-256 and the sealed receipt. Built fresh for each attempt from what is stored.
import type { Kysely } from 'kysely';
import { receiptKeyOf, sha256, type UploadRecord, uploadsOf } from '../applications/index.ts';
import { type Answers, type FormVersions, submissionData, submissionSchemaUri } from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { type SubmittedApplication, submittedApplication } from './store.ts';

export interface PackageFile {
  /** The upload's id, or `receipt` for the receipt. */
  id: string;
  /** The form field the file was uploaded in; empty for the receipt. */
  field: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  storageKey: string;
}

export interface SubmissionPackage {
  application: SubmittedApplication;
  schemaUri: string;
  data: Record<string, unknown>;
  attachments: PackageFile[];
  receipt: PackageFile;
  receiptPdf: Buffer;
}

export interface PackageDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  publicUrl: string;
  /** The sealed receipt (made now if its job has not run yet); stored under `receipts/<id>.pdf`. */
  receipt: (applicationId: string) => Promise<Buffer | undefined>;
}

/** The receipt's file name wherever a target receives it. */
export const receiptFilename = (reference: string) => `Eingangsbestaetigung-${reference}.pdf`;

const fileOf = (u: UploadRecord): PackageFile => ({
  id: u.id,
  field: u.fieldPath,
  filename: u.filename,
  mediaType: u.mediaType,
  size: u.sizeBytes,
  sha256: u.sha256,
  storageKey: u.storageKey,
});

export async function buildPackage(deps: PackageDeps, applicationId: string): Promise<SubmissionPackage> {
  const application = await submittedApplication(deps.db, applicationId);
  if (!application) throw new Error(`application ${applicationId} is not a submitted application`);
  const form = await deps.forms.get(application.formId, application.formVersion);
  if (!form) throw new Error(`form ${application.formId}@${application.formVersion} is missing`);
  const [uploads, receiptPdf] = await Promise.all([uploadsOf(deps.db, applicationId), deps.receipt(applicationId)]);
  if (!receiptPdf) throw new Error(`the receipt of ${application.reference} could not be made`);
  return {
    application,
    schemaUri: submissionSchemaUri(deps.publicUrl, application.formId, application.formVersion),
    data: submissionData(form.definition, application.answers as Answers),
    attachments: uploads.map(fileOf),
    receipt: {
      id: 'receipt',
      field: '',
      filename: receiptFilename(application.reference),
      mediaType: 'application/pdf',
      size: receiptPdf.length,
      sha256: sha256(receiptPdf),
      storageKey: receiptKeyOf(applicationId),
    },
    receiptPdf,
  };
}

/** A file as the document lists it: without where we store it, with a link or the content itself. */
export type FileEntry = Omit<PackageFile, 'storageKey'> & ({ url: string } | { content: string });

/**
 * The JSON document of a submission, the same for webhooks and the pull API: metadata, the data
 * keyed by FIM ids, attachments and the receipt (documented in docs/integration.md).
 */
export function submissionDocument(pkg: SubmissionPackage, deliveryId: string, attachments: FileEntry[], receipt: FileEntry) {
  const a = pkg.application;
  return {
    type: 'application.submitted',
    deliveryId,
    application: {
      id: a.id,
      reference: a.reference,
      submittedAt: a.submittedAt.toISOString(),
      language: a.lang,
      service: { id: a.service.id, name: a.service.title, leikaKey: a.service.leikaKey },
      form: { id: a.formId, version: a.formVersion, submissionSchema: pkg.schemaUri },
    },
    data: pkg.data,
    attachments,
    receipt,
  };
}
