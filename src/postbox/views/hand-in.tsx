// Handing in documents for a Nachforderung: the request, then the files, added to the application.
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Layout } from '../../platform/views/layout.tsx';
import { FilesInput, type MessageBody, MessageText } from './parts.tsx';

export function HandInPage({ ctx, request, errors }: { ctx: ViewContext; request: MessageBody; errors: PageError[] }) {
  const { t } = ctx;
  const title = t('postbox.handIn.title');
  const base = `/konto/postfach/${request.id}`;
  return (
    <Layout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${title}` : title} headerSearch={false}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <BackLink href={base} label={request.subject} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('postbox.handIn.lead', { reference: request.reference ?? '' })}</p>
      <section class="postbox-quote" aria-label={t('postbox.handIn.request')}>
        <MessageText ctx={ctx} message={request} />
      </section>
      <form
        method="post"
        action={`${base}/nachreichen?_csrf=${encodeURIComponent(ctx.csrfToken ?? '')}`}
        enctype="multipart/form-data"
        novalidate
        class="account-form"
      >
        <FilesInput ctx={ctx} name="unterlagen" label={t('postbox.handIn.files')} errors={errors} optional={false} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('postbox.handIn.submit')}</span>
        </button>
      </form>
    </Layout>
  );
}
