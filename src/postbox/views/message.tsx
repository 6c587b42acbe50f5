// One message: text, files, the application it is about, the replies so far, and the reply form.
// A Nachforderung leads straight to the page for handing in documents.
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { TextArea } from '../../platform/views/inputs.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { Notice } from '../../platform/views/simple-pages.tsx';
import { FilesInput, type MessageBody, MessageText } from './parts.tsx';

export interface MessagePageProps {
  ctx: ViewContext;
  message: MessageBody & { archived: boolean; applicationId: string | null };
  replies: MessageBody[];
  errors: PageError[];
  replyText: string;
  sent?: boolean;
}

export function MessagePage({ ctx, message, replies, errors, replyText, sent }: MessagePageProps) {
  const { t } = ctx;
  const base = `/konto/postfach/${message.id}`;
  const token = encodeURIComponent(ctx.csrfToken ?? '');
  const replyError = errors.find((e) => e.target === 'body')?.message;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${message.subject}` : message.subject} headerSearch={false}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {sent ? (
        <Notice kind="success" title={t('postbox.sent.title')}>
          <p class="kern-body">{t('postbox.sent.body')}</p>
        </Notice>
      ) : null}
      <BackLink href="/konto/postfach" label={t('account.nav.postbox')} />
      <h1 class="kern-heading-large">{message.subject}</h1>
      <MessageText ctx={ctx} message={message} />
      {message.applicationId ? (
        <p class="kern-body">
          <a class="kern-link" href={`/konto/antraege/${message.applicationId}`}>
            {t('postbox.toApplication', { reference: message.reference ?? '' })}
          </a>
        </p>
      ) : null}
      {message.kind === 'nachforderung' ? (
        <p class="form-actions">
          <a class="kern-btn kern-btn--primary" href={`${base}/nachreichen`}>
            <span class="kern-label">{t('postbox.handIn.button')}</span>
          </a>
        </p>
      ) : null}
      {replies.length > 0 ? (
        <section aria-labelledby="replies-title">
          <h2 class="kern-heading-medium" id="replies-title">
            {t('postbox.replies')}
          </h2>
          {replies.map((r) => (
            <article key={r.id} class="postbox-reply" aria-label={r.subject}>
              <MessageText ctx={ctx} message={r} />
            </article>
          ))}
        </section>
      ) : null}
      <section aria-labelledby="reply-title">
        <h2 class="kern-heading-medium" id="reply-title">
          {t('postbox.reply')}
        </h2>
        <form method="post" action={`${base}/antwort?_csrf=${token}`} enctype="multipart/form-data" novalidate class="account-form">
          <TextArea ctx={ctx} name="body" label={t('postbox.replyText')} value={replyText} rows={6} maxLength={10000} error={replyError} />
          <FilesInput ctx={ctx} name="anhaenge" label={t('postbox.attachments')} errors={errors} />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('postbox.send')}</span>
          </button>
        </form>
      </section>
      <form method="post" action={`${base}/archivieren`} class="form-actions">
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <input type="hidden" name="archiv" value={message.archived ? 'nein' : 'ja'} />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{message.archived ? t('postbox.unarchive') : t('postbox.archive')}</span>
        </button>
      </form>
    </Layout>
  );
}
