// The integration API for Fachverfahren: the OAuth2 token endpoint (client credentials), the pull
// API for systems that poll for submissions, and status back. Every call is authenticated, checked
// against the integration's operations and services, and audited – refusals too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sniffType, uploadsOf } from '../../applications/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { CASE_STATUSES } from '../../platform/db/schema.ts';
import { API_PREFIX, decodeKeyset, encodeKeyset, type Keyset } from '../../platform/http/api.ts';
import { sendDownload } from '../../platform/http/download.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { BlobStore } from '../../platform/storage/index.ts';
import { type Integration, type IntegrationService, type Operation, TOKEN_SECONDS } from '../integrations.ts';
import { RECEIPT_FILE } from '../links.ts';
import { buildPackage, type PackageDeps, type PackageFile, receiptFilename, submissionDocument } from '../package.ts';
import { StatusError, type StatusService } from '../status.ts';
import * as store from '../store.ts';
import { apiSchemas } from './api-schemas.ts';

export interface IntegrationApiDeps extends PackageDeps {
  blobs: BlobStore;
  integrations: IntegrationService;
  status: StatusService;
  /** INTEGRATION_CERT_HEADER: the header in which the TLS proxy passes the client certificate's SHA-256. */
  certHeader: string | undefined;
  maxNoticeBytes: number;
}

const REFUSALS: Record<string, string> = {
  missing: 'Authenticate with a bearer token from /api/v1/oauth/token or an API key.',
  malformed: 'The credentials are not in a form this API accepts.',
  signature: 'The token signature is not valid.',
  expired: 'The token has expired; get a new one.',
  unknown: 'The credentials belong to no integration.',
  inactive: 'The integration is deactivated.',
  certificate: 'The API key is bound to another client certificate.',
  scope: 'The integration may not use this operation.',
  service: 'The integration is not responsible for this service.',
};

function parseCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const position = decodeKeyset(cursor);
  if (!position) throw new HttpError(400, 'invalid-parameter', 'Invalid parameter', [{ parameter: 'cursor', detail: 'is not a cursor returned by this API' }]);
  return position;
}

export function registerIntegrationApi(app: FastifyInstance, deps: IntegrationApiDeps): void {
  const { db, integrations } = deps;
  const schemas = apiSchemas(deps.maxNoticeBytes);

  const record = (
    integrationId: string,
    action: string,
    objectType: string,
    objectId: string,
    request: FastifyRequest,
    details: Record<string, unknown> = {},
  ) =>
    audit(db, {
      actorType: 'integration',
      actorId: integrationId,
      action,
      objectType,
      objectId,
      details: { ...details, method: request.method, ip: request.ip },
    });

  async function refuse(request: FastifyRequest, reply: FastifyReply, status: 401 | 403, reason: string, integrationId?: string): Promise<never> {
    await record(integrationId ?? 'unknown', 'api.refused', 'api', request.routeOptions.url ?? request.url, request, { reason });
    if (status === 401) reply.header('www-authenticate', `Bearer realm="amtsweg", error="invalid_token"`);
    throw new HttpError(status, status === 401 ? 'unauthorized' : 'forbidden', REFUSALS[reason] ?? reason);
  }

  /**
   * Runs before the parameters are checked (preValidation): who is calling and may they do
   * `operation`? Otherwise 401/403 problem+json, audited – an unauthenticated caller learns nothing
   * from validation errors.
   */
  const allow = (operation: Operation) => async (request: FastifyRequest, reply: FastifyReply) => {
    const cert = deps.certHeader ? request.headers[deps.certHeader] : undefined;
    const result = await integrations.authenticate(request.headers.authorization, typeof cert === 'string' ? cert : undefined, operation);
    if (!result.ok) return refuse(request, reply, result.refusal.status, result.refusal.reason, result.integrationId);
    callers.set(request, result.integration);
  };
  const callers = new WeakMap<FastifyRequest, Integration>();
  const caller = (request: FastifyRequest): Integration => {
    const integration = callers.get(request);
    if (!integration) throw new Error('route without an integration guard');
    return integration;
  };

  app.post<{ Body: Record<string, string> }>(`${API_PREFIX}/oauth/token`, { schema: schemas.token }, async (request, reply) => {
    reply.header('pragma', 'no-cache');
    const body = request.body;
    const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':', 2).map(decodeURIComponent) : [];
    const clientId = basicId ?? body.client_id ?? '';
    const clientSecret = basicSecret ?? body.client_secret ?? '';
    if (body.grant_type !== 'client_credentials')
      return reply.code(400).send({ error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported.' });
    const issued =
      clientId && clientSecret
        ? await integrations.issueToken(clientId, clientSecret, body.scope)
        : { error: 'invalid_client' as const, integrationId: undefined };
    if ('error' in issued) {
      await record(issued.integrationId ?? 'unknown', 'api.token.refused', 'api', request.routeOptions.url ?? '', request, { reason: issued.error, clientId });
      if (issued.error === 'invalid_client') reply.header('www-authenticate', 'Basic realm="amtsweg"');
      return reply.code(issued.error === 'invalid_client' ? 401 : 400).send({ error: issued.error });
    }
    await record(issued.integration.id, 'api.token', 'integration', issued.integration.id, request, { scope: issued.scope });
    return { access_token: issued.token, token_type: 'Bearer', expires_in: TOKEN_SECONDS, scope: issued.scope };
  });

  const base = `${API_PREFIX}/handoff/submissions`;

  app.get<{ Querystring: { status?: 'new' | 'acknowledged'; limit?: number; cursor?: string } }>(
    base,
    { schema: schemas.list, preValidation: allow('submissions:read') },
    async (request) => {
      const integration = caller(request);
      const limit = request.query.limit ?? 50;
      const state = request.query.status === 'acknowledged' ? 'acknowledged' : 'available';
      const rows = await store.pullList(db, integration, state, parseCursor(request.query.cursor), limit + 1);
      const page = rows.slice(0, limit);
      await record(integration.id, 'api.submissions.list', 'integration', integration.id, request, { status: state, ids: page.map((r) => r.id) });
      return {
        items: page.map((s) => ({
          id: s.id,
          applicationId: s.applicationId,
          reference: s.reference,
          submittedAt: s.submittedAt.toISOString(),
          service: { id: s.service.id, name: s.service.title, leikaKey: s.service.leikaKey },
          status: s.state === 'available' ? 'new' : 'acknowledged',
          acknowledgedAt: s.acknowledgedAt?.toISOString() ?? null,
          href: `${deps.publicUrl}${base}/${s.id}`,
        })),
        nextCursor: rows.length > limit && page.length > 0 ? encodeKeyset(page.at(-1) as store.PulledSubmission) : null,
      };
    },
  );

  async function pulled(request: FastifyRequest<{ Params: { id: string } }>) {
    const integration = caller(request);
    const submission = await store.pullOne(db, integration, request.params.id);
    if (!submission) throw new HttpError(404, 'not-found', 'No such submission for this integration.');
    return { integration, submission };
  }

  app.get<{ Params: { id: string } }>(`${base}/:id`, { schema: schemas.one, preValidation: allow('submissions:read') }, async (request) => {
    const { integration, submission } = await pulled(request);
    const pkg = await buildPackage(deps, submission.applicationId);
    const entry = ({ storageKey: _key, ...file }: PackageFile) => ({
      ...file,
      url: `${deps.publicUrl}${base}/${submission.id}/attachments/${encodeURIComponent(file.id)}`,
    });
    await record(integration.id, 'api.submissions.read', 'application', submission.applicationId, request, { deliveryId: submission.id });
    return {
      ...submissionDocument(pkg, submission.id, pkg.attachments.map(entry), entry(pkg.receipt)),
      status: submission.state === 'available' ? 'new' : 'acknowledged',
    };
  });

  app.get<{ Params: { id: string; fileId: string } }>(
    `${base}/:id/attachments/:fileId`,
    { schema: schemas.attachment, preValidation: allow('submissions:read') },
    async (request, reply) => {
      const { integration, submission } = await pulled(request);
      const { fileId } = request.params;
      let file: { filename: string; mediaType: string; data: Buffer } | undefined;
      if (fileId === RECEIPT_FILE) {
        const pdf = await deps.receipt(submission.applicationId);
        if (pdf) file = { filename: receiptFilename(submission.reference), mediaType: 'application/pdf', data: pdf };
      } else {
        const upload = (await uploadsOf(db, submission.applicationId)).find((u) => u.id === fileId);
        const data = upload ? await deps.blobs.get(upload.storageKey) : undefined;
        if (upload && data) file = { filename: upload.filename, mediaType: upload.mediaType, data };
      }
      if (!file) throw new HttpError(404, 'not-found', 'No such file in this submission.');
      await record(integration.id, 'api.submissions.file', 'application', submission.applicationId, request, { deliveryId: submission.id, fileId });
      return sendDownload(reply, file);
    },
  );

  app.post<{ Params: { id: string } }>(`${base}/:id/ack`, { schema: schemas.ack, preValidation: allow('submissions:ack') }, async (request) => {
    const { integration, submission } = await pulled(request);
    await store.acknowledge(db, submission.id);
    const now = await store.pullOne(db, integration, submission.id);
    await record(integration.id, 'api.submissions.ack', 'application', submission.applicationId, request, { deliveryId: submission.id });
    return { id: submission.id, status: 'acknowledged', acknowledgedAt: now?.acknowledgedAt?.toISOString() ?? null };
  });

  type StatusBody = {
    eventId: string;
    status: (typeof CASE_STATUSES)[number];
    message: string;
    messageEn?: string;
    notice?: { filename: string; content: string };
  };
  app.post<{ Params: { id: string }; Body: StatusBody }>(
    `${API_PREFIX}/applications/:id/status`,
    { schema: schemas.status, bodyLimit: Math.ceil((deps.maxNoticeBytes * 4) / 3) + 64 * 1024, preValidation: allow('status:write') },
    async (request, reply) => {
      const integration = caller(request);
      const { notice, ...rest } = request.body;
      const data = notice ? Buffer.from(notice.content, 'base64') : undefined;
      if (data && (data.length > deps.maxNoticeBytes || sniffType(data.subarray(0, 16)) !== 'application/pdf')) {
        throw new HttpError(422, 'invalid-notice', 'notice.content must be a PDF (base64) within the size limit.', [
          { parameter: 'notice.content', detail: 'not a PDF or too large' },
        ]);
      }
      try {
        const outcome = await deps.status.report(integration, request.params.id, {
          ...rest,
          notice: notice && data ? { filename: notice.filename, data } : undefined,
        });
        await record(integration.id, 'api.status', 'application', request.params.id, request, {
          eventId: rest.eventId,
          status: rest.status,
          duplicate: outcome.duplicate,
        });
        reply.code(outcome.duplicate ? 200 : 201);
        return { eventId: rest.eventId, applicationId: request.params.id, status: rest.status, duplicate: outcome.duplicate };
      } catch (error) {
        if (!(error instanceof StatusError)) throw error;
        if (error.reason === 'service') return refuse(request, reply, 403, 'service', integration.id);
        if (error.reason === 'conflict') throw new HttpError(409, 'conflict', 'This event id was already used for another application.');
        throw new HttpError(404, 'not-found', 'No submitted application with this id.');
      }
    },
  );
}
