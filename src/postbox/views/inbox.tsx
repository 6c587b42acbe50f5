// The postbox list: messages from the authority (inbox or archive), unread ones marked in words too.
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';

export interface MessageListRow {
  id: string;
  subject: string;
  date: string;
  unread: boolean;
  kind: 'message' | 'nachforderung' | 'bescheid';
  reference: string | null;
}

export function InboxPage({ ctx, rows, archive }: { ctx: ViewContext; rows: MessageListRow[]; archive: boolean }) {
  const { t } = ctx;
  const title = archive ? t('postbox.archiveTitle') : t('account.nav.postbox');
  return (
    <Layout ctx={ctx} title={title} headerSearch={false}>
      <BackLink href="/konto" label={t('account.overview.title')} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        <a class="kern-link" href={archive ? '/konto/postfach' : '/konto/postfach?archiv=1'}>
          {archive ? t('postbox.toInbox') : t('postbox.toArchive')}
        </a>
      </p>
      {rows.length === 0 ? (
        <p class="kern-body">{archive ? t('postbox.archiveEmpty') : t('postbox.empty')}</p>
      ) : (
        <ul class="kern-list postbox-list">
          {rows.map((r) => (
            <li key={r.id} class={r.unread ? 'postbox-list__item postbox-list__item--unread' : 'postbox-list__item'}>
              <a class="kern-link" href={`/konto/postfach/${r.id}`}>
                {r.unread ? <span class="kern-sr-only">{t('postbox.unread')}: </span> : null}
                {r.subject}
              </a>
              <span class="kern-body kern-body--small">
                {' '}
                – {r.date}
                {r.kind !== 'message' ? ` · ${t(`postbox.kind.${r.kind}`)}` : ''}
                {r.reference ? ` · ${r.reference}` : ''}
                {r.unread ? ` · ${t('postbox.unread')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
