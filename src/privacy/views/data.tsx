// "Meine Daten": download everything as a ZIP, or delete the account – with what remains, and why.
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Input } from '../../platform/views/inputs.tsx';
import { AccountPage, CsrfField } from '../../platform/views/simple-pages.tsx';

export interface DataPageProps {
  ctx: ViewContext;
  submitted: number;
  hasPassword: boolean;
  errors: PageError[];
}

export function DataPage({ ctx, submitted, hasPassword, errors }: DataPageProps) {
  const { t } = ctx;
  const confirmError = errors.find((e) => e.target === 'bestaetigt')?.message;
  return (
    <AccountPage ctx={ctx} title={t('account.nav.data')} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <BackLink href="/konto" label={t('account.overview.title')} />
      <h1 class="kern-heading-large">{t('account.nav.data')}</h1>
      <section aria-labelledby="export-title">
        <h2 class="kern-heading-medium" id="export-title">
          {t('privacy.export.title')}
        </h2>
        <p class="kern-body">{t('privacy.export.lead')}</p>
        <p>
          <a class="kern-btn kern-btn--secondary" href="/konto/daten/export.zip" download>
            <span class="kern-label">{t('privacy.export.button')}</span>
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-title" class="settings-section">
        <h2 class="kern-heading-medium" id="delete-title">
          {t('privacy.delete.title')}
        </h2>
        <p class="kern-body">{t('privacy.delete.drafts')}</p>
        <p class="kern-body">{submitted > 0 ? t('privacy.delete.retained', { count: submitted }) : t('privacy.delete.nothingRetained')}</p>
        <form method="post" action="/konto/daten/loeschen" novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <div class={`kern-form-check${confirmError ? ' kern-form-check--error' : ''}`}>
            <ErrorMessage id="bestaetigt-error" ctx={ctx} message={confirmError} />
            <input
              class="kern-form-check__checkbox"
              type="checkbox"
              id="bestaetigt"
              name="bestaetigt"
              value="ja"
              aria-describedby={confirmError ? 'bestaetigt-error' : undefined}
            />
            <label class="kern-label" for="bestaetigt">
              {t('privacy.delete.confirm')}
            </label>
          </div>
          {hasPassword ? (
            <Input
              ctx={ctx}
              spec={{ name: 'password', label: t('account.currentPassword'), type: 'password', autocomplete: 'current-password' }}
              error={errors.find((e) => e.target === 'password')?.message}
            />
          ) : null}
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('privacy.delete.button')}</span>
          </button>
        </form>
      </section>
    </AccountPage>
  );
}
