// Target 1: a signed webhook. POSTs the submission as JSON (metadata, data keyed by FIM ids, files as
// signed links or inline base64) with an HMAC signature over timestamp and body, the delivery id as
// Idempotency-Key (the same on every retry) and the attempt number. Any 2xx is delivered.
import type { BlobStore } from '../../platform/storage/index.ts';
import type { LinkSigner } from '../links.ts';
import type { PackageFile, SubmissionPackage } from '../package.ts';
import { SIGNATURE_HEADER, signatureHeader } from '../signature.ts';
import type { WebhookSettings } from '../targets.ts';
import { DeliveryError, failureOf } from './errors.ts';

export interface WebhookDelivery {
  deliveryId: string;
  attempt: number;
  settings: WebhookSettings;
  secret: string;
  pkg: SubmissionPackage;
  signal: AbortSignal;
}

export interface WebhookDeps {
  blobs: BlobStore;
  links: LinkSigner;
}

async function fileEntry(deps: WebhookDeps, d: WebhookDelivery, file: PackageFile, content?: Buffer) {
  const { storageKey: _key, ...entry } = file;
  if (d.settings.attachments === 'links') return { ...entry, url: deps.links.link(d.deliveryId, file.id) };
  const data = content ?? (await deps.blobs.get(file.storageKey));
  if (!data) throw new DeliveryError(`attachment ${file.filename} is missing from storage`);
  return { ...entry, content: data.toString('base64') };
}

/** The JSON body; documented in docs/integration.md and the OpenAPI document. */
export async function webhookBody(deps: WebhookDeps, d: WebhookDelivery): Promise<string> {
  const pkg = d.pkg;
  const a = pkg.application;
  return JSON.stringify({
    type: 'application.submitted',
    deliveryId: d.deliveryId,
    application: {
      id: a.id,
      reference: a.reference,
      submittedAt: a.submittedAt.toISOString(),
      language: a.lang,
      service: { id: a.service.id, name: a.service.title, leikaKey: a.service.leikaKey },
      form: { id: a.formId, version: a.formVersion, submissionSchema: pkg.schemaUri },
    },
    data: pkg.data,
    attachments: await Promise.all(pkg.attachments.map((f) => fileEntry(deps, d, f))),
    receipt: await fileEntry(deps, d, pkg.receipt, pkg.receiptPdf),
  });
}

export async function sendWebhook(deps: WebhookDeps, d: WebhookDelivery): Promise<void> {
  const body = await webhookBody(deps, d);
  const response = await fetch(d.settings.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Amtsweg-Handoff/1',
      'idempotency-key': d.deliveryId,
      'amtsweg-delivery': d.deliveryId,
      'amtsweg-attempt': String(d.attempt),
      [SIGNATURE_HEADER]: signatureHeader(d.secret, body),
    },
    body,
    redirect: 'manual',
    signal: d.signal,
  }).catch(failureOf(d.settings.url));
  const text = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299)
    throw new DeliveryError(`HTTP ${response.status} from ${d.settings.url}${text ? `: ${text.slice(0, 300)}` : ''}`);
}
