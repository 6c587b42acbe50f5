// The page frame: official header, skip link, landmarks, language switch, footer.
import type { ComponentChildren } from 'preact';
import { switchLanguageHref, type ViewContext } from './context.ts';

export interface LayoutProps {
  ctx: ViewContext;
  title: string;
  children: ComponentChildren;
  /** Header search box; the start page has its own. */
  headerSearch?: boolean;
  /** Further scripts of this page type (enhancements only; the page works without them). */
  scripts?: string[];
}

export function Layout({ ctx, title, children, headerSearch = true, scripts = [] }: LayoutProps) {
  const { t } = ctx;
  const other = ctx.lang === 'de' ? 'en' : 'de';
  return (
    <html lang={ctx.lang} data-kern-theme="light">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('site.name')}`}</title>
        <link rel="stylesheet" href="/assets/kern/kern.min.css" />
        <link rel="stylesheet" href="/assets/fonts.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/suggest.js" defer />
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('site.skip')}
        </a>
        <div class="kern-kopfzeile">
          <div class="kern-container">
            <span class="kern-kopfzeile__label">{t('site.official')}</span>
          </div>
        </div>
        <header class="site-header">
          <div class="kern-container site-header__inner">
            <a class="site-header__name" href="/">
              {t('site.name')}
            </a>
            <ul class="kern-list kern-list--horizontal site-header__tools">
              <li>
                <AccountLink ctx={ctx} />
              </li>
              <li>
                <a class="kern-link" href={switchLanguageHref(ctx)} lang={other} hreflang={other} aria-label={t('site.switchLanguageLabel')}>
                  {t('site.switchLanguage')}
                </a>
              </li>
            </ul>
          </div>
          <nav class="kern-container site-nav" aria-label={t('site.navLabel')}>
            <ul class="kern-list kern-list--horizontal">
              <li>
                <a class="kern-link" href="/leistungen">
                  {t('site.nav.services')}
                </a>
              </li>
              <li>
                <a class="kern-link" href="/themen">
                  {t('site.nav.themenfelder')}
                </a>
              </li>
              <li>
                <a class="kern-link" href="/lebenslagen">
                  {t('site.nav.lebenslagen')}
                </a>
              </li>
            </ul>
          </nav>
        </header>
        {headerSearch ? (
          <div class="kern-container site-search">
            <SearchForm ctx={ctx} id="header-search" compact />
          </div>
        ) : null}
        <main id="main" class="kern-container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="kern-container">
            <p class="kern-body kern-body--small">{t('site.footer.about')}</p>
            <ul class="kern-list kern-list--horizontal">
              <li>
                <a class="kern-link" href="/api/docs">
                  {t('site.footer.api')}
                </a>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** "Anmelden" for visitors; the account with its unread messages for a signed-in citizen. */
function AccountLink({ ctx }: { ctx: ViewContext }) {
  const { t, viewer } = ctx;
  if (!viewer) {
    return (
      <a class="kern-link" href="/konto/anmelden">
        {t('site.signIn')}
      </a>
    );
  }
  return (
    <a class="kern-link" href="/konto">
      {t('site.account')}
      <span class="kern-sr-only">: {viewer.label}</span>
      {viewer.unread > 0 ? ` (${t('site.unread', { count: viewer.unread })})` : ''}
    </a>
  );
}

export interface SearchFormProps {
  ctx: ViewContext;
  id: string;
  value?: string;
  compact?: boolean;
}

/** GET form: works without JavaScript; suggest.js adds suggestions when available. */
export function SearchForm({ ctx, id, value = '', compact = false }: SearchFormProps) {
  const { t } = ctx;
  const hintId = `${id}-hint`;
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by all screen readers in use; role="search" is
    <form class="search-form" action="/suche" method="get" role="search">
      <div class="kern-form-input">
        <label class={compact ? 'kern-label kern-sr-only' : 'kern-label kern-label--large'} for={id}>
          {t('search.label')}
        </label>
        {compact ? null : (
          <div class="kern-hint" id={hintId}>
            {t('search.hint')}
          </div>
        )}
        <div class="search-form__row">
          <input
            class="kern-form-input__input"
            type="search"
            id={id}
            name="q"
            value={value}
            maxLength={200}
            autocomplete="off"
            aria-describedby={compact ? undefined : hintId}
            data-suggest="/api/v1/suggest"
            data-suggest-label={t('search.suggestions')}
          />
          {ctx.lang === 'en' ? <input type="hidden" name="lang" value="en" /> : null}
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('search.submit')}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
