// The development IdP's sign-in page: choose a test identity. Styled with KERN like the portal, and
// accessible like every page of Amtsweg.
import type { ViewContext } from '../../platform/views/context.ts';
import type { TestIdentity } from './identities.ts';

export function DevIdpPage({
  ctx,
  action,
  abort,
  identities,
  requested,
}: {
  ctx: ViewContext;
  action: string;
  abort: string;
  identities: readonly TestIdentity[];
  requested?: string;
}) {
  const { t } = ctx;
  return (
    <html lang={ctx.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{t('devIdp.title')}</title>
        <link rel="stylesheet" href="/assets/kern.min.css" />
        <link rel="stylesheet" href="/assets/app.css" />
      </head>
      <body>
        <main id="main" class="kern-container site-main">
          <h1 class="kern-heading-large">{t('devIdp.title')}</h1>
          <div class="kern-alert kern-alert--warning">
            <div class="kern-alert__header">
              <h2 class="kern-title">{t('devIdp.warningTitle')}</h2>
            </div>
            <div class="kern-alert__body">
              <p class="kern-body">{t('devIdp.warning')}</p>
            </div>
          </div>
          {requested ? <p class="kern-body">{t('devIdp.requested', { level: requested })}</p> : null}
          <form method="post" action={action}>
            <fieldset class="kern-fieldset">
              <legend class="kern-label">{t('devIdp.choose')}</legend>
              <div class="kern-fieldset__body">
                {identities.map((identity, i) => (
                  <div class="kern-form-check" key={identity.sub}>
                    <input class="kern-form-check__radio" type="radio" id={identity.sub} name="sub" value={identity.sub} checked={i === 0} />
                    <label class="kern-label" for={identity.sub}>
                      {identity.given_name} {identity.family_name} – {t(`trust.${identity.level}`)} ({identity.means})
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <p class="form-actions">
              <button type="submit" class="kern-btn kern-btn--primary">
                <span class="kern-label">{t('devIdp.submit')}</span>
              </button>
            </p>
          </form>
          <form method="post" action={abort}>
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('devIdp.cancel')}</span>
            </button>
          </form>
        </main>
      </body>
    </html>
  );
}
