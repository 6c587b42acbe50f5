// The citizen's postbox pages. Every route finds the message by id *and* the signed-in account:
// another citizen's message id is a plain 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { citizenOr, type Session } from '../account/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { sendDownload } from '../platform/http/download.ts';
import { formContext, noStore } from '../platform/http/pages.ts';
import { HttpError } from '../platform/http/problem.ts';
import { formatMoment } from '../platform/i18n/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import type { PageError } from '../platform/views/error-summary.tsx';
import { sendPage } from '../platform/views/render.ts';
import { type PostedForm, readPostedForm } from './multipart.ts';
import type { PostboxService } from './service.ts';
import * as store from './store.ts';
import { HandInPage } from './views/hand-in.tsx';
import { InboxPage } from './views/inbox.tsx';
import { MessagePage } from './views/message.tsx';
import type { MessageBody } from './views/parts.tsx';

export interface PostboxRouteDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  service: PostboxService;
}

type IdParams = { Params: { id: string }; Querystring: { gesendet?: string; archiv?: string } };
const notFound = () => new HttpError(404, 'not-found', 'Not found');
const MAX_TEXT = 10_000;

export function registerPostboxRoutes(app: FastifyInstance, deps: PostboxRouteDeps): void {
  const { db, blobs, service } = deps;
  const limits = { maxFileBytes: service.settings.maxFileBytes, maxTotalBytes: service.settings.maxApplicationBytes };

  async function bodiesOf(rows: store.MessageRow[], lang: 'de' | 'en'): Promise<MessageBody[]> {
    const files = await store.attachmentsOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      subject: r.subject,
      body: r.body,
      date: formatMoment(r.created_at, lang),
      fromCitizen: r.direction === 'from_citizen',
      kind: r.kind,
      reference: r.reference,
      files: files.filter((f) => f.messageId === r.id).map((f) => ({ id: f.id, filename: f.filename, sizeBytes: f.sizeBytes })),
    }));
  }

  async function ownOr404(request: FastifyRequest<IdParams>, session: Session) {
    const message = await store.findMessage(db, request.params.id, session.accountId);
    if (!message) throw notFound();
    return message;
  }

  async function renderMessage(
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    session: Session,
    message: store.MessageRow,
    errors: PageError[] = [],
    text = '',
  ) {
    const [body] = await bodiesOf([message], request.lang);
    const replies = await bodiesOf(await store.repliesTo(db, message.id, session.accountId), request.lang);
    return sendPage(
      noStore(reply),
      <MessagePage
        ctx={formContext(request, reply)}
        message={{ ...(body as MessageBody), archived: message.archived_at !== null, applicationId: message.application_id }}
        replies={replies}
        errors={errors}
        replyText={text}
        sent={request.query.gesendet === '1'}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  const fileErrors = (request: FastifyRequest, posted: PostedForm, target: string): PageError[] =>
    posted.errors.map((e) => ({ target, message: request.t(e.key, e.params) }));

  /** Deletes what was stored of a post that is answered with errors: the citizen sends it again. */
  const discard = (posted: PostedForm) => blobs.delete(posted.files.map((f) => f.storageKey));

  app.get<IdParams>('/konto/postfach', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const archive = request.query.archiv === '1';
    const rows = await store.messagesOf(db, session.accountId, archive ? 'archive' : 'inbox');
    return sendPage(
      noStore(reply),
      <InboxPage
        ctx={request.viewContext()}
        archive={archive}
        rows={rows.map((r) => ({
          id: r.id,
          subject: r.subject,
          date: formatMoment(r.created_at, request.lang),
          unread: r.read_at === null,
          kind: r.kind,
          reference: r.reference,
        }))}
      />,
    );
  });

  app.get<IdParams>('/konto/postfach/:id', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const message = await ownOr404(request, session);
    if (message.read_at === null) {
      await store.markRead(db, message.id);
      if (request.viewer) request.viewer.unread = Math.max(0, request.viewer.unread - 1);
    }
    return renderMessage(request, reply, session, message);
  });

  app.post<IdParams>('/konto/postfach/:id/antwort', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const message = await ownOr404(request, session);
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported-media-type', 'multipart/form-data expected');
    const posted = await readPostedForm(request, blobs, `messages/${session.accountId}`, limits);
    const text = (posted.fields.body ?? '').trim();
    const errors = [
      ...(text === '' ? [{ target: 'body', message: request.t('postbox.error.empty') }] : []),
      ...(text.length > MAX_TEXT ? [{ target: 'body', message: request.t('postbox.error.tooLong', { max: MAX_TEXT }) }] : []),
      ...fileErrors(request, posted, 'anhaenge'),
    ];
    if (errors.length > 0) {
      await discard(posted);
      return renderMessage(request, reply, session, message, errors, posted.fields.body ?? '');
    }
    await service.reply(session.accountId, message, text, posted.files);
    return reply.redirect(`/konto/postfach/${message.id}?gesendet=1`, 303);
  });

  app.post<IdParams>('/konto/postfach/:id/archivieren', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const message = await ownOr404(request, session);
    const archive = (request.body as Record<string, unknown> | undefined)?.archiv === 'ja';
    await store.setArchived(db, message.id, archive);
    return reply.redirect(archive ? '/konto/postfach' : `/konto/postfach/${message.id}`, 303);
  });

  app.get<{ Params: { id: string; fileId: string } }>('/konto/postfach/:id/anhaenge/:fileId', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const message = await ownOr404(request as FastifyRequest<IdParams>, session);
    const file = (await store.attachmentsOf(db, [message.id])).find((f) => f.id === request.params.fileId);
    const data = file ? await blobs.get(file.storageKey) : undefined;
    if (!file || !data) throw notFound();
    return sendDownload(reply, { filename: file.filename, mediaType: file.mediaType, data });
  });

  async function handInOr404(request: FastifyRequest<IdParams>, session: Session) {
    const message = await ownOr404(request, session);
    if (message.kind !== 'nachforderung' || !message.application_id) throw notFound();
    return message;
  }

  const renderHandIn = async (request: FastifyRequest<IdParams>, reply: FastifyReply, message: store.MessageRow, errors: PageError[] = []) =>
    sendPage(
      noStore(reply),
      <HandInPage ctx={formContext(request, reply)} request={(await bodiesOf([message], request.lang))[0] as MessageBody} errors={errors} />,
      errors.length > 0 ? 422 : 200,
    );

  app.get<IdParams>('/konto/postfach/:id/nachreichen', async (request, reply) => {
    const session = citizenOr(request, reply);
    return session ? renderHandIn(request, reply, await handInOr404(request, session)) : reply;
  });

  app.post<IdParams>('/konto/postfach/:id/nachreichen', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const message = await handInOr404(request, session);
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported-media-type', 'multipart/form-data expected');
    const posted = await readPostedForm(request, blobs, `uploads/${message.application_id}`, limits);
    const errors = [
      ...fileErrors(request, posted, 'unterlagen'),
      ...(posted.files.length === 0 && posted.errors.length === 0 ? [{ target: 'unterlagen', message: request.t('postbox.error.noFiles') }] : []),
    ];
    if (errors.length > 0) {
      await discard(posted);
      return renderHandIn(request, reply, message, errors);
    }
    const t = request.t;
    const note = t('postbox.handIn.note', { files: posted.files.map((f) => f.filename).join(', ') });
    await service.handIn(session.accountId, message, posted.files, note, t('postbox.handIn.subject', { subject: message.subject }));
    return reply.redirect(`/konto/postfach/${message.id}?gesendet=1`, 303);
  });
}
