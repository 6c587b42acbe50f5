// Target 3: a FIT-Connect destination, following the public Submission API flow: an OAuth2 token by
// client credentials, the destination's encryption key, a submission announced with the LeiKa key
// and its attachment ids, every attachment uploaded as JWE, then metadata and data (JWE, RSA-OAEP-256
// + A256GCM to the destination's public key) submitted. The metadata document follows the official
// schema (metadata 1.0.0); the data is the submission data keyed by FIM ids with its schema URI.
import crypto from 'node:crypto';
import { CompactEncrypt, importJWK, type JWK } from 'jose';
import type { BlobStore } from '../../platform/storage/index.ts';
import type { PackageFile, SubmissionPackage } from '../package.ts';
import type { FitConnectSettings } from '../targets.ts';
import { DeliveryError, failureOf } from './errors.ts';

export const METADATA_SCHEMA = 'https://schema.fitko.de/fit-connect/metadata/1.0.0/metadata.schema.json';

type EncryptionKey = Awaited<ReturnType<typeof importJWK>>;

/** Tokens and destination keys, kept per process between deliveries. */
export interface FitConnectClients {
  tokens: Map<string, { token: string; until: number }>;
  keys: Map<string, EncryptionKey>;
}

export const fitConnectClients = (): FitConnectClients => ({ tokens: new Map(), keys: new Map() });

export interface FitConnectDelivery {
  target: { settings: FitConnectSettings };
  clientSecret: string;
  pkg: SubmissionPackage;
  signal: AbortSignal;
}

const sha512 = (data: Buffer | string) => crypto.createHash('sha512').update(data).digest('hex');

async function call(url: string, init: RequestInit, what: string): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: 'manual' }).catch(failureOf(url));
  if (response.ok) return response;
  const text = await response.text().catch(() => '');
  throw new DeliveryError(`FIT-Connect ${what}: HTTP ${response.status}${text ? ` ${text.slice(0, 300)}` : ''}`);
}

async function accessToken(clients: FitConnectClients, d: FitConnectDelivery): Promise<string> {
  const { tokenUrl, clientId, scope } = d.target.settings;
  const cacheKey = `${tokenUrl}\n${clientId}`;
  const cached = clients.tokens.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.token;
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: d.clientSecret, ...(scope ? { scope } : {}) });
  const response = await call(tokenUrl, { method: 'POST', body: form, signal: d.signal }, 'token');
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!body.access_token) throw new DeliveryError('FIT-Connect token: no access_token in the answer');
  // Renewed a minute early, so a token never runs out in the middle of a delivery.
  clients.tokens.set(cacheKey, { token: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 60) - 60) * 1000 });
  return body.access_token;
}

async function destinationKey(clients: FitConnectClients, d: FitConnectDelivery, auth: Record<string, string>): Promise<{ kid: string; key: EncryptionKey }> {
  const base = `${d.target.settings.submissionUrl}/v1/destinations/${d.target.settings.destinationId}`;
  const destination = (await (await call(base, { headers: auth, signal: d.signal }, 'destination')).json()) as { encryptionKid?: string; status?: string };
  const kid = destination.encryptionKid;
  if (!kid) throw new DeliveryError('FIT-Connect destination: no encryption key announced');
  if (destination.status && destination.status !== 'active') throw new DeliveryError(`FIT-Connect destination is ${destination.status}`);
  const cacheKey = `${base}\n${kid}`;
  let key = clients.keys.get(cacheKey);
  if (!key) {
    const jwk = (await (await call(`${base}/keys/${encodeURIComponent(kid)}`, { headers: auth, signal: d.signal }, 'key')).json()) as JWK;
    if (jwk.kty !== 'RSA' || (jwk.alg && jwk.alg !== 'RSA-OAEP-256')) throw new DeliveryError('FIT-Connect key: not an RSA-OAEP-256 key');
    // FIT-Connect marks keys `key_ops: ["wrapKey"]`; WebCrypto wraps the content key with `encrypt`.
    const { key_ops: _ops, use: _use, ...publicJwk } = jwk;
    key = await importJWK(publicJwk, 'RSA-OAEP-256');
    clients.keys.set(cacheKey, key);
  }
  return { kid, key };
}

const encrypt = (data: Buffer | string, kid: string, key: EncryptionKey, contentType?: string) =>
  new CompactEncrypt(typeof data === 'string' ? new TextEncoder().encode(data) : data)
    .setProtectedHeader({ alg: 'RSA-OAEP-256', enc: 'A256GCM', kid, ...(contentType ? { cty: contentType } : {}) })
    .encrypt(key);

export interface AnnouncedFile {
  attachmentId: string;
  purpose: 'form' | 'attachment';
  filename: string;
  mediaType: string;
  sha512: string;
}

const announce = (file: PackageFile, purpose: AnnouncedFile['purpose'], content: Buffer) => ({
  announced: { attachmentId: crypto.randomUUID(), purpose, filename: file.filename, mediaType: file.mediaType, sha512: sha512(content) },
  content,
});

/** The service as FIT-Connect names it: by its LeiKa key. */
const serviceType = (pkg: SubmissionPackage) => ({
  name: pkg.application.service.title,
  identifier: `urn:de:fim:leika:leistung:${pkg.application.service.leikaKey}`,
});

/** The metadata document (FIT-Connect metadata schema 1.0.0). */
export function metadataDocument(pkg: SubmissionPackage, dataJson: string, files: AnnouncedFile[]): Record<string, unknown> {
  const a = pkg.application;
  return {
    $schema: METADATA_SCHEMA,
    contentStructure: {
      data: { hash: { type: 'sha512', content: sha512(dataJson) }, submissionSchema: { schemaUri: pkg.schemaUri, mimeType: 'application/json' } },
      attachments: files.map((f) => ({
        hash: { type: 'sha512', content: f.sha512 },
        purpose: f.purpose,
        filename: f.filename,
        mimeType: f.mediaType,
        attachmentId: f.attachmentId,
      })),
    },
    publicServiceType: serviceType(pkg),
    additionalReferenceInfo: { senderReference: a.reference, applicationDate: a.submittedAt.toISOString().slice(0, 10) },
  };
}

export interface FitConnectDeps {
  blobs: BlobStore;
  fitConnect: FitConnectClients;
}

/** Sends the submission; returns FIT-Connect's submission id. */
export async function sendFitConnect(deps: FitConnectDeps, d: FitConnectDelivery): Promise<string> {
  const { pkg, signal } = d;
  if (!pkg.application.service.leikaKey) throw new DeliveryError('the service has no LeiKa key, which FIT-Connect needs as the service identifier');
  // The receipt is the application as a document (purpose `form`); uploads are attachments.
  const files = [announce(pkg.receipt, 'form', pkg.receiptPdf)];
  for (const file of pkg.attachments) {
    const content = await deps.blobs.get(file.storageKey);
    if (!content) throw new DeliveryError(`attachment ${file.filename} is missing from storage`);
    files.push(announce(file, 'attachment', content));
  }
  const token = await accessToken(deps.fitConnect, d);
  const auth = { authorization: `Bearer ${token}` };
  const { kid, key } = await destinationKey(deps.fitConnect, d, auth);
  const base = d.target.settings.submissionUrl;
  const created = (await (
    await call(
      `${base}/v1/submissions`,
      {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          destinationId: d.target.settings.destinationId,
          announcedAttachments: files.map((f) => f.announced.attachmentId),
          serviceType: serviceType(pkg),
        }),
        signal,
      },
      'create submission',
    )
  ).json()) as { submissionId?: string };
  const submissionId = created.submissionId;
  if (!submissionId) throw new DeliveryError('FIT-Connect create submission: no submissionId in the answer');
  for (const f of files) {
    const body = await encrypt(f.content, kid, key);
    await call(
      `${base}/v1/submissions/${submissionId}/attachments/${f.announced.attachmentId}`,
      { method: 'PUT', headers: { ...auth, 'content-type': 'application/jose' }, body, signal },
      'upload attachment',
    );
  }
  const dataJson = JSON.stringify(pkg.data);
  const metadata = metadataDocument(
    pkg,
    dataJson,
    files.map((f) => f.announced),
  );
  const submit = {
    encryptedMetadata: await encrypt(JSON.stringify(metadata), kid, key, 'application/json'),
    encryptedData: await encrypt(dataJson, kid, key, 'application/json'),
  };
  await call(
    `${base}/v1/submissions/${submissionId}`,
    { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(submit), signal },
    'submit',
  );
  return submissionId;
}
