// One step of the form: error summary, heading, the questions, continue and save-for-later buttons,
// and an overview of all steps.
import { type Answers, hasLiveConditions, Items, Paragraphs, plainText, type RenderState, type Step } from '../../forms/index.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import type { JourneyView } from '../journey-view.ts';
import { type ExpiryNotice, Frame } from './frame.tsx';

export interface StepPageProps {
  state: RenderState;
  formId: string;
  step: Step;
  answers: Answers;
  journey: JourneyView;
  pageErrors: PageError[];
  /** Return to "check your answers" after this step. */
  fromCheck: boolean;
  multipart: boolean;
  expiresSoon?: ExpiryNotice;
}

export function StepPage({ state, formId, step, answers, journey, pageErrors, fromCheck, multipart, expiresSoon }: StepPageProps) {
  const { ctx } = state;
  const { t } = ctx;
  const title = plainText(step.title, ctx.lang);
  const query = fromCheck ? '?pruefen=1' : '';
  const action = `/antrag/${formId}/schritt/${step.id}${multipart ? `?_csrf=${encodeURIComponent(ctx.csrfToken ?? '')}${fromCheck ? '&pruefen=1' : ''}` : query}`;
  const back = fromCheck
    ? { href: `/antrag/${formId}/pruefen`, label: t('form.check.back') }
    : journey.previous
      ? { href: `/antrag/${formId}/schritt/${journey.previous}`, label: t('form.back') }
      : { href: `/antrag/${formId}`, label: t('form.back') };
  return (
    <Frame
      ctx={ctx}
      formTitle={plainText(state.def.title, ctx.lang)}
      title={title}
      caption={t('form.step.of', { n: journey.index + 1, total: journey.steps.length })}
      back={back}
      hasErrors={pageErrors.length > 0}
      scripts={hasLiveConditions(step.items) ? ['/assets/forms.js'] : []}
      expiresSoon={expiresSoon}
    >
      <ErrorSummary ctx={ctx} errors={pageErrors} />
      <h1 class="kern-heading-large">{title}</h1>
      {step.description ? <Paragraphs text={step.description} ctx={ctx} /> : null}
      <form class="form-step" method="post" action={action} enctype={multipart ? 'multipart/form-data' : undefined} novalidate>
        {/* Enter in a text field submits with the first button: make that "continue", not "remove". */}
        <button type="submit" name="_action" value="continue" class="form-default-action" tabIndex={-1} aria-hidden="true">
          {t('form.continue')}
        </button>
        {multipart ? null : <input type="hidden" name="_csrf" value={ctx.csrfToken} />}
        <Items state={state} items={step.items} scopes={[answers]} prefix="" />
        <div class="form-actions">
          <button type="submit" class="kern-btn kern-btn--primary" name="_action" value="continue">
            <span class="kern-label">{fromCheck ? t('form.saveAndBack') : t('form.continue')}</span>
          </button>
          <button type="submit" class="kern-btn kern-btn--tertiary" name="_action" value="save" formNoValidate>
            <span class="kern-label">{t('form.saveLater')}</span>
          </button>
        </div>
      </form>
      <nav class="step-overview" aria-label={t('form.steps.label')}>
        <h2 class="kern-heading-small">{t('form.steps.label')}</h2>
        <ol class="kern-list">
          {journey.steps.map((s) => (
            <li key={s.id}>
              {s.id === step.id ? (
                <span aria-current="step">{s.title}</span>
              ) : s.reachable ? (
                <a class="kern-link" href={`/antrag/${formId}/schritt/${s.id}`}>
                  {s.title}
                </a>
              ) : (
                <span>{s.title}</span>
              )}{' '}
              <span class="kern-body kern-body--small">({s.complete ? t('form.steps.complete') : t('form.steps.open')})</span>
            </li>
          ))}
          <li>
            {journey.allComplete ? (
              <a class="kern-link" href={`/antrag/${formId}/pruefen`}>
                {t('form.check.title')}
              </a>
            ) : (
              <span>{t('form.check.title')}</span>
            )}
          </li>
        </ol>
      </nav>
    </Frame>
  );
}
