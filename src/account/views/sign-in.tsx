// The sign-in page: e-mail and password, the way to register or reset, and (when configured) eID.

import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { CsrfField, FormPage, Notice } from '../../platform/views/simple-pages.tsx';

export interface SignInPageProps {
  ctx: ViewContext;
  next: string;
  email: string;
  errors: PageError[];
  unverified?: boolean;
  /** What just happened: signed out, e-mail confirmed, new password set. */
  done?: 'signedOut' | 'verified' | 'passwordSet';
  /** The trust level a form asked for (step-up). */
  stepUp?: string;
  /** eID sign-in is configured. */
  eid: boolean;
}

export function SignInPage({ ctx, next, email, errors, unverified, done, stepUp, eid }: SignInPageProps) {
  const { t } = ctx;
  const notice = done ? (
    <Notice kind="success" title={t(`account.done.${done}.title`)}>
      <p class="kern-body">{t(`account.done.${done}.body`)}</p>
    </Notice>
  ) : stepUp ? (
    <Notice kind="info" title={t('account.stepUp.title')}>
      <p class="kern-body">{t('account.stepUp.body', { level: t(`trust.${stepUp === 'hoch' ? 'hoch' : 'substantiell'}`) })}</p>
    </Notice>
  ) : undefined;
  return (
    <FormPage
      ctx={ctx}
      title={t('account.signIn.title')}
      lead={t('account.signIn.lead')}
      action={`/konto/anmelden?weiter=${encodeURIComponent(next)}`}
      inputs={[
        { name: 'email', label: t('account.email'), type: 'email', autocomplete: 'username', value: email },
        { name: 'password', label: t('account.password'), type: 'password', autocomplete: 'current-password' },
      ]}
      submit={t('account.signIn.submit')}
      errors={errors}
      notice={notice}
      before={eid ? <EidSignIn ctx={ctx} next={next} level={stepUp} /> : undefined}
      after={
        <>
          {unverified ? (
            <form method="post" action="/konto/bestaetigung-erneut" class="form-actions">
              <CsrfField ctx={ctx} />
              <input type="hidden" name="email" value={email} />
              <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t('account.verify.resend')}</span>
              </button>
            </form>
          ) : null}
          <ul class="kern-list form-actions">
            <li>
              <a class="kern-link" href="/konto/passwort-vergessen">
                {t('account.signIn.forgot')}
              </a>
            </li>
            <li>
              <a class="kern-link" href="/konto/registrieren">
                {t('account.signIn.register')}
              </a>
            </li>
          </ul>
        </>
      }
    />
  );
}

/** The eID button: a link (GET) to the IdP, asking for the trust level a form needs. */
function EidSignIn({ ctx, next, level }: { ctx: ViewContext; next: string; level?: string }) {
  const { t } = ctx;
  const query = new URLSearchParams({ weiter: next, ...(level ? { stufe: level } : {}) });
  return (
    <section aria-labelledby="eid-title" class="eid-sign-in">
      <h2 class="kern-heading-medium" id="eid-title">
        {t('eid.signIn')}
      </h2>
      <p class="kern-body">{t('eid.signInLead')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href={`/konto/eid?${query}`}>
          <span class="kern-label">{t('eid.signIn')}</span>
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('eid.or')}</h2>
    </section>
  );
}
