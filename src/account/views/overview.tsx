// The account's start page: who is signed in, how, and the way to applications, postbox, settings, data.
import type { TrustLevel } from '../../platform/db/schema.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { AccountPage, CsrfField } from '../../platform/views/simple-pages.tsx';

export interface OverviewProps {
  ctx: ViewContext;
  name: string;
  email: string | null;
  trustLevel: TrustLevel;
  viaEid: boolean;
  organisation?: string;
  unread: number;
  applications: number;
}

export function OverviewPage({ ctx, name, email, trustLevel, viaEid, organisation, unread, applications }: OverviewProps) {
  const { t } = ctx;
  const links = [
    { href: '/konto/antraege', label: t('account.nav.applications'), text: t('account.overview.applications', { count: applications }) },
    { href: '/konto/postfach', label: t('account.nav.postbox'), text: t('account.overview.unread', { count: unread }) },
    { href: '/konto/einstellungen', label: t('account.nav.settings'), text: t('account.overview.settings') },
    { href: '/konto/daten', label: t('account.nav.data'), text: t('account.overview.data') },
  ];
  return (
    <AccountPage ctx={ctx} title={t('account.overview.title')}>
      <h1 class="kern-heading-large">{t('account.overview.title')}</h1>
      <p class="kern-body">{t('account.overview.signedInAs', { name: name || email || '' })}</p>
      <p class="kern-body">
        {t(viaEid ? 'account.overview.viaEid' : 'account.overview.viaPassword', { level: t(`trust.${trustLevel}`) })}
        {organisation ? ` ${t('account.overview.actingFor', { organisation })}` : ''}
      </p>
      <ul class="kern-list account-links">
        {links.map((l) => (
          <li key={l.href}>
            <a class="kern-link" href={l.href}>
              {l.label}
            </a>
            <span class="kern-body kern-body--small"> – {l.text}</span>
          </li>
        ))}
      </ul>
      <form method="post" action="/konto/abmelden" class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('account.signOut')}</span>
        </button>
      </form>
    </AccountPage>
  );
}
