// The back office's page frame: its own header (who is signed in, sign-out), navigation by role,
// landmarks and skip link like the portal.

import type { ComponentChildren } from 'preact';
import type { StaffRole } from '../../platform/db/schema.ts';
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Notice } from '../../platform/views/simple-pages.tsx';

export interface StaffViewer {
  name: string;
  roles: StaffRole[];
}

export function BackofficeLayout({ ctx, title, staff, children }: { ctx: ViewContext; title: string; staff?: StaffViewer; children: ComponentChildren }) {
  const { t } = ctx;
  const admin = staff?.roles.includes('administration');
  const caseWorker = staff?.roles.some((r) => r === 'sachbearbeitung' || r === 'teamleitung');
  const editor = staff?.roles.includes('redaktion');
  const lead = staff?.roles.includes('teamleitung');
  const coordination = staff?.roles.includes('ozg_koordination');
  return (
    <html lang={ctx.lang} data-kern-theme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('bo.name')}`}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/fonts.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skip')}
        </a>
        <header class="site-header">
          <div class="kern-container site-header__inner">
            <a class="site-header__name" href="/backoffice">
              {t('bo.name')}
            </a>
            {staff ? (
              <form method="post" action="/backoffice/abmelden" class="bo-signout">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <span class="kern-body">{staff.name}</span>{' '}
                <button type="submit" class="kern-btn kern-btn--tertiary">
                  <span class="kern-label">{t('account.signOut')}</span>
                </button>
              </form>
            ) : null}
          </div>
          {staff ? (
            <nav class="kern-container site-nav" aria-label={t('site.navLabel')}>
              <ul class="kern-list kern-list--horizontal">
                {caseWorker ? (
                  <li>
                    <a class="kern-link" href="/backoffice">
                      {t('bo.nav.inbox')}
                    </a>
                  </li>
                ) : null}
                {lead ? (
                  <li>
                    <a class="kern-link" href="/backoffice/leistungen">
                      {t('bo.nav.settings')}
                    </a>
                  </li>
                ) : null}
                {editor || lead ? (
                  <li>
                    <a class="kern-link" href="/backoffice/redaktion">
                      {t('edit.nav')}
                    </a>
                  </li>
                ) : null}
                {editor ? (
                  <>
                    <li>
                      <a class="kern-link" href="/backoffice/formulare">
                        {t('bo.nav.forms')}
                      </a>
                    </li>
                    <li>
                      <a class="kern-link" href="/backoffice/zuordnung">
                        {t('match.nav')}
                      </a>
                    </li>
                  </>
                ) : null}
                {coordination ? (
                  <li>
                    <a class="kern-link" href="/backoffice/ozg">
                      {t('ozg.nav')}
                    </a>
                  </li>
                ) : null}
                {coordination || admin ? (
                  <li>
                    <a class="kern-link" href="/backoffice/digicheck">
                      {t('dc.nav')}
                    </a>
                  </li>
                ) : null}
                {admin ? (
                  <>
                    <li>
                      <a class="kern-link" href="/backoffice/benutzer">
                        {t('bo.nav.users')}
                      </a>
                    </li>
                    <li>
                      <a class="kern-link" href="/backoffice/zustellungen">
                        {t('bo.nav.deliveries')}
                      </a>
                    </li>
                    <li>
                      <a class="kern-link" href="/backoffice/schnittstellen">
                        {t('bo.nav.integrations')}
                      </a>
                    </li>
                    <li>
                      <a class="kern-link" href="/backoffice/protokoll">
                        {t('bo.nav.audit')}
                      </a>
                    </li>
                  </>
                ) : null}
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class="kern-container site-main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}

/** The frame for one-form pages (sign-in, code) in the back office's look. */
export function BackofficeFrame({ ctx, title, hasErrors, children }: { ctx: ViewContext; title: string; hasErrors?: boolean; children: ComponentChildren }) {
  return (
    <BackofficeLayout ctx={ctx} title={hasErrors ? `${ctx.t('form.errorPrefix')} ${title}` : title}>
      {children}
    </BackofficeLayout>
  );
}

/** The top of a back-office page: the error summary, a confirmation or warning, the way back. */
export function PageTop({
  ctx,
  errors = [],
  notice,
  back,
}: {
  ctx: ViewContext;
  errors?: PageError[];
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
  back?: { href: string; label: string };
}) {
  return (
    <>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice ? (
        <Notice kind={notice.kind} title={notice.title}>
          <p class="kern-body">{notice.text}</p>
        </Notice>
      ) : null}
      {back ? <BackLink href={back.href} label={back.label} /> : null}
    </>
  );
}
