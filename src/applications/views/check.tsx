// "Check your answers": every answer by step with a change link, the declaration, and submit.
import { ErrorSummary, type PageError, type SummarySection } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
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
      {sections.map((section) => (
        <section class="check-section" key={section.stepId} aria-labelledby={`check-${section.stepId}`}>
          <div class="check-section__header">
            <h2 class="kern-heading-medium" id={`check-${section.stepId}`}>
              {section.title}
            </h2>
            <a class="kern-link" href={`/antrag/${formId}/schritt/${section.stepId}?pruefen=1`}>
              {t('form.check.change')}
              <span class="kern-sr-only">: {section.title}</span>
            </a>
          </div>
          <dl class="kern-description-list">
            {section.rows.map((row, i) =>
              row.heading ? (
                <div class="kern-description-list-item" key={`${row.label}-${i}`}>
                  <dt class="kern-description-list-item__key">
                    <strong>{row.label}</strong>
                  </dt>
                  <dd class="kern-description-list-item__value" />
                </div>
              ) : (
                <div class="kern-description-list-item" key={`${row.label}-${i}`}>
                  <dt class="kern-description-list-item__key">{row.label}</dt>
                  <dd class="kern-description-list-item__value">{row.value ?? t('form.notAnswered')}</dd>
                </div>
              ),
            )}
          </dl>
        </section>
      ))}
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
          {declarationError ? (
            <p class="kern-error" id="declaration-error">
              <span class="kern-sr-only">{t('form.errorPrefix')} </span>
              {declarationError}
            </p>
          ) : null}
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
