// A FIT-Connect-like destination for tests and the benchmark: our own minimal server following the
// public Submission API flow (token by client credentials, destination and its encryption key,
// create submission, upload attachments as JWE, submit encrypted metadata and data). It decrypts
// what arrives with its private key and keeps the plain submission for assertions.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactDecrypt, exportJWK, generateKeyPair } from 'jose';

export interface ReceivedSubmission {
  submissionId: string;
  destinationId: string;
  serviceType: { name?: string; identifier: string };
  metadata: Record<string, unknown>;
  data: Record<string, unknown>;
  /** Decrypted attachments by attachment id. */
  attachments: Map<string, Buffer>;
  /** The protected headers of the data JWE (alg, enc, kid). */
  dataHeader: Record<string, unknown>;
  at: number;
}

export interface FitConnectDestination {
  url: string;
  tokenUrl: string;
  destinationId: string;
  clientId: string;
  clientSecret: string;
  submitted: ReceivedSubmission[];
  /** Requests per step, e.g. `token`, `create`, `attachment`, `submit`. */
  calls: Record<string, number>;
  /** Answer 503 to the next n submit calls. */
  down(n: number): void;
  close(): Promise<void>;
}

interface Pending {
  destinationId: string;
  serviceType: ReceivedSubmission['serviceType'];
  announced: string[];
  attachments: Map<string, Buffer>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const problem = (res: http.ServerResponse, status: number, title: string) =>
  res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title, status }));

export async function startFitConnectDestination(): Promise<FitConnectDestination> {
  const { publicKey, privateKey } = await generateKeyPair('RSA-OAEP-256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RSA-OAEP-256', use: 'enc', key_ops: ['wrapKey'] };
  const tokens = new Set<string>();
  const pending = new Map<string, Pending>();
  let downFor = 0;
  const destination: FitConnectDestination = {
    url: '',
    tokenUrl: '',
    destinationId: crypto.randomUUID(),
    clientId: 'amtsweg-test-sender',
    clientSecret: crypto.randomBytes(24).toString('base64url'),
    submitted: [],
    calls: {},
    down: (n) => {
      downFor = n;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const count = (step: string) => {
    destination.calls[step] = (destination.calls[step] ?? 0) + 1;
  };
  const decrypt = async (jwe: string) => {
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
    return { plaintext: Buffer.from(plaintext), header: protectedHeader as Record<string, unknown> };
  };

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<unknown> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/token') {
      count('token');
      const form = new URLSearchParams(body.toString());
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== destination.clientId ||
        form.get('client_secret') !== destination.clientSecret
      ) {
        return json(res, 401, { error: 'invalid_client' });
      }
      const token = crypto.randomBytes(16).toString('hex');
      tokens.add(token);
      return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 1800, scope: form.get('scope') ?? '' });
    }
    if (!tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) return problem(res, 401, 'no valid access token');
    const base = `/v1/destinations/${destination.destinationId}`;
    if (req.method === 'GET' && url.pathname === base) {
      count('destination');
      return json(res, 200, { destinationId: destination.destinationId, status: 'active', encryptionKid: kid, metadataVersions: ['1.0.0'] });
    }
    if (req.method === 'GET' && url.pathname === `${base}/keys/${kid}`) return json(res, 200, jwk);
    if (req.method === 'POST' && url.pathname === '/v1/submissions') {
      count('create');
      const announce = JSON.parse(body.toString()) as { destinationId: string; announcedAttachments: string[]; serviceType: Pending['serviceType'] };
      if (announce.destinationId !== destination.destinationId) return problem(res, 404, 'unknown destination');
      const submissionId = crypto.randomUUID();
      pending.set(submissionId, {
        destinationId: announce.destinationId,
        serviceType: announce.serviceType,
        announced: announce.announcedAttachments,
        attachments: new Map(),
      });
      return json(res, 201, { destinationId: announce.destinationId, submissionId, caseId: crypto.randomUUID() });
    }
    const attachment = /^\/v1\/submissions\/([^/]+)\/attachments\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'PUT' && attachment) {
      count('attachment');
      const submission = pending.get(attachment[1] ?? '');
      if (!submission?.announced.includes(attachment[2] ?? '')) return problem(res, 404, 'attachment not announced');
      if (req.headers['content-type'] !== 'application/jose') return problem(res, 415, 'expected application/jose');
      submission.attachments.set(attachment[2] ?? '', (await decrypt(body.toString())).plaintext);
      return res.writeHead(204).end();
    }
    const submit = /^\/v1\/submissions\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'PUT' && submit) {
      count('submit');
      if (downFor > 0) {
        downFor--;
        return problem(res, 503, 'temporarily unavailable');
      }
      const submissionId = submit[1] ?? '';
      const submission = pending.get(submissionId);
      if (!submission) return problem(res, 404, 'unknown submission');
      if (submission.announced.some((id) => !submission.attachments.has(id))) return problem(res, 422, 'announced attachments missing');
      const sent = JSON.parse(body.toString()) as { encryptedMetadata: string; encryptedData: string };
      const metadata = await decrypt(sent.encryptedMetadata);
      const data = await decrypt(sent.encryptedData);
      pending.delete(submissionId);
      destination.submitted.push({
        submissionId,
        destinationId: submission.destinationId,
        serviceType: submission.serviceType,
        metadata: JSON.parse(metadata.plaintext.toString()) as Record<string, unknown>,
        data: JSON.parse(data.plaintext.toString()) as Record<string, unknown>,
        attachments: submission.attachments,
        dataHeader: data.header,
        at: Date.now(),
      });
      return json(res, 200, { destinationId: submission.destinationId, submissionId });
    }
    return problem(res, 404, 'not found');
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => problem(res, 400, String((error as Error).message)));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  destination.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  destination.tokenUrl = `${destination.url}/token`;
  return destination;
}
