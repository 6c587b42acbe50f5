// Development outbox at /dev/mails: every mail the portal would have sent, readable in the browser.
// Registered only outside production.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../http/problem.ts';
import type { BlobStore } from '../storage/index.ts';
import type { ViewContext } from '../views/context.ts';
import { Layout } from '../views/layout.tsx';
import { sendPage } from '../views/render.ts';
import { findMail, recentMails } from './outbox.ts';

type Mail = Awaited<ReturnType<typeof recentMails>>[number];

function OutboxPage({ ctx, mails }: { ctx: ViewContext; mails: Mail[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('devMails.title')}>
      <h1 class="kern-heading-large">{t('devMails.title')}</h1>
      <p class="kern-body">{t('devMails.lead')}</p>
      {mails.length === 0 ? <p class="kern-body">{t('devMails.empty')}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} class="dev-mail">
          <h2 class="kern-heading-small">{mail.subject}</h2>
          <p class="kern-body kern-body--small">
            {t('devMails.to')}: {mail.recipient} · {mail.created_at.toISOString()} · {mail.status}
          </p>
          <pre class="dev-mail__body">{mail.body}</pre>
          {mail.attachments.length > 0 ? (
            <ul class="kern-list">
              {mail.attachments.map((a, i) => (
                <li key={a.blobKey}>
                  <a class="kern-link" href={`/dev/mails/${mail.id}/anhang/${i}`}>
                    {a.filename}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </article>
      ))}
    </Layout>
  );
}

export function registerDevOutbox(app: FastifyInstance, db: Kysely<Database>, blobs: BlobStore): void {
  app.get('/dev/mails', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return sendPage(reply, <OutboxPage ctx={request.viewContext()} mails={await recentMails(db, 50)} />);
  });
  app.get<{ Params: { id: string; n: string } }>('/dev/mails/:id/anhang/:n', async (request, reply) => {
    const mail = await findMail(db, request.params.id);
    const attachment = mail?.attachments[Number(request.params.n)];
    const data = attachment ? await blobs.get(attachment.blobKey) : undefined;
    if (!attachment || !data) throw new HttpError(404, 'not-found', 'Not found');
    return reply
      .type(attachment.mediaType)
      .header('content-disposition', `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"`)
      .send(data);
  });
}
