// "Check your answers": every answer by step with a change link, the declaration, and submit.
import type { SummarySection } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { AnswerSections } from './answers.tsx';
import { EmailInput } from './email-input.tsx';
import { CsrfField, type ExpiryNotice, Frame } from './frame.tsx';

export interface CheckPageProps {
  ctx: ViewContext;
  formId: string;
  formTitle: string;
  sections: SummarySection[];
  email: string;
  errors: PageError[];
  /** What the citizen entered, shown again with errors. */
  declared: boolean;
  expiresSoon?: ExpiryNotice;
}

export function CheckPage({ ctx, formId, formTitle, sections, email, errors, declared, expiresSoon }: CheckPageProps) {
  const { t } = ctx;
  const emailError = errors.find((e) => e.target === 'email')?.message;
  const declarationError = errors.find((e) => e.target === 'declaration')?.message;
  return (
    <Frame ctx={ctx} formTitle={formTitle} title={t('form.check.title')} hasErrors={errors.length > 0} expiresSoon={expiresSoon}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="kern-heading-large">{t('form.check.title')}</h1>
      <AnswerSections ctx={ctx} sections={sections} changeHref={(stepId) => `/antrag/${formId}/schritt/${stepId}?pruefen=1`} />
      <form method="post" action={`/antrag/${formId}/absenden`} class="check-section" novalidate>
        <CsrfField ctx={ctx} />
        <h2 class="kern-heading-medium">{t('form.submit.title')}</h2>
        <EmailInput
          ctx={ctx}
          label={
            <>
              {t('form.submit.email')} <span class="kern-label__optional">{t('form.optional')}</span>
            </>
          }
          hint={t('form.submit.emailHint')}
          value={email}
          error={emailError}
        />
        <fieldset
          class={`kern-fieldset${declarationError ? ' kern-fieldset--error' : ''}`}
          aria-describedby={declarationError ? 'declaration-error' : undefined}
        >
          <legend class="kern-label">{t('form.submit.declarationLegend')}</legend>
          <ErrorMessage id="declaration-error" ctx={ctx} message={declarationError} />
          <div class="kern-form-check">
            <input
              class={`kern-form-check__checkbox${declarationError ? ' kern-form-check__checkbox--error' : ''}`}
              type="checkbox"
              id="declaration"
              name="declaration"
              value="ja"
              checked={declared}
            />
            <label class="kern-label" for="declaration">
              {t('form.submit.declaration')}
            </label>
          </div>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('form.submit.button')}</span>
          </button>
        </div>
      </form>
    </Frame>
  );
}
