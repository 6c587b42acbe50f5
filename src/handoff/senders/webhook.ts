// Target 1: a signed webhook. POSTs the submission as JSON (metadata, data keyed by FIM ids, files as
// signed links or inline base64) with an HMAC signature over timestamp and body, the delivery id as
// Idempotency-Key (the same on every retry) and the attempt number. Any 2xx is delivered.
import type { BlobStore } from '../../platform/storage/index.ts';
import type { LinkSigner } from '../links.ts';
import { type FileEntry, type PackageFile, type SubmissionPackage, submissionDocument } from '../package.ts';
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

async function fileEntry(deps: WebhookDeps, d: WebhookDelivery, file: PackageFile, content?: Buffer): Promise<FileEntry> {
  const { storageKey: _key, ...entry } = file;
  if (d.settings.attachments === 'links') return { ...entry, url: deps.links.link(d.deliveryId, file.id) };
  const data = content ?? (await deps.blobs.get(file.storageKey));
  if (!data) throw new DeliveryError(`attachment ${file.filename} is missing from storage`);
  return { ...entry, content: data.toString('base64') };
}

export async function webhookBody(deps: WebhookDeps, d: WebhookDelivery): Promise<string> {
  const attachments = await Promise.all(d.pkg.attachments.map((f) => fileEntry(deps, d, f)));
  return JSON.stringify(submissionDocument(d.pkg, d.deliveryId, attachments, await fileEntry(deps, d, d.pkg.receipt, d.pkg.receiptPdf)));
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
