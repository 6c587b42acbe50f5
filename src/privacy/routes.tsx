// The citizen's data: export as a ZIP, and deleting the account.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { citizenOr, SESSION_COOKIE, type Session, verifyPassword } from '../account/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { sendDownload } from '../platform/http/download.ts';
import { noStore } from '../platform/http/pages.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { PageError } from '../platform/views/error-summary.tsx';
import { sendPage } from '../platform/views/render.ts';
import { MessagePage } from '../platform/views/simple-pages.tsx';
import { exportZip } from './export.ts';
import * as store from './store.ts';
import { DataPage } from './views/data.tsx';

export interface PrivacyDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
}

export function registerPrivacyRoutes(app: FastifyInstance, deps: PrivacyDeps): void {
  const { db, blobs } = deps;

  async function dataPage(request: FastifyRequest, reply: FastifyReply, session: Session, errors: PageError[] = []) {
    return sendPage(
      noStore(reply),
      <DataPage
        ctx={{ ...request.viewContext(), csrfToken: reply.csrfToken() }}
        submitted={await store.submittedCount(db, session.accountId)}
        hasPassword={Boolean(session.account.password_hash)}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/konto/daten', async (request, reply) => {
    const session = citizenOr(request, reply);
    return session ? dataPage(request, reply, session) : reply;
  });

  app.get('/konto/daten/export.zip', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const now = new Date();
    const zip = await exportZip(await store.collect(db, session.accountId), blobs, now);
    return sendDownload(reply, { filename: `amtsweg-meine-daten-${now.toISOString().slice(0, 10)}.zip`, mediaType: 'application/zip', data: zip });
  });

  app.post('/konto/daten/loeschen', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors: PageError[] = [];
    if (body.bestaetigt !== 'ja') errors.push({ target: 'bestaetigt', message: request.t('privacy.delete.confirmMissing') });
    const hash = session.account.password_hash;
    if (hash && !(typeof body.password === 'string' && (await verifyPassword(body.password, hash)))) {
      errors.push({ target: 'password', message: request.t('account.error.currentPassword') });
    }
    if (errors.length > 0) return dataPage(request, reply, session, errors);
    const retained = await store.submittedCount(db, session.accountId);
    await blobs.delete(await store.deleteAccount(db, session.accountId));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect(`/konto/geloescht?antraege=${retained}`, 303);
  });

  app.get<{ Querystring: { antraege?: string } }>('/konto/geloescht', async (request, reply) => {
    const retained = Math.max(0, Number.parseInt(request.query.antraege ?? '0', 10) || 0);
    return sendPage(
      noStore(reply),
      <MessagePage ctx={request.viewContext()} title={request.t('privacy.deleted.title')}>
        <p class="kern-body">{request.t('privacy.deleted.body')}</p>
        <p class="kern-body">{retained > 0 ? request.t('privacy.delete.retained', { count: retained }) : request.t('privacy.delete.nothingRetained')}</p>
      </MessagePage>,
    );
  });
}
