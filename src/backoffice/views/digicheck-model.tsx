// DigiCheck's models for administrators: the edition in force (questionnaire and measures), each to
// download as JSON, edit and upload again; an upload is checked before it is used.
import type { Models } from '../../digicheck/index.ts';
import { formatMoment } from '../../platform/i18n/format.ts';
import { DescriptionItem } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { DIGICHECK } from './digicheck.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const MODEL = `${DIGICHECK}/modell`;

export function ModelPage({
  ctx,
  viewer,
  models,
  uploaded,
  errors,
  saved,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  models: Models;
  uploaded: { at: Date; by: string | null } | null;
  errors: PageError[];
  saved: boolean;
}) {
  const { t } = ctx;
  const title = t('dc.modelTitle');
  const token = encodeURIComponent(ctx.csrfToken ?? '');
  const upload = (kind: 'questionnaire' | 'measures', label: string) => (
    <form method="post" action={`${MODEL}?_csrf=${token}`} enctype="multipart/form-data" novalidate>
      <input type="hidden" name="kind" value={kind} />
      <div class={`kern-form-input${errors.some((e) => e.target === `file-${kind}`) ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for={`file-${kind}`}>
          {label}
        </label>
        {errors
          .filter((e) => e.target === `file-${kind}`)
          .map((e) => (
            <p key={e.message} class="kern-error" id={`file-${kind}-error`}>
              <span class="kern-sr-only">{t('form.errorPrefix')} </span>
              {e.message}
            </p>
          ))}
        <input
          class="kern-form-input__input"
          type="file"
          id={`file-${kind}`}
          name="file"
          accept="application/json,.json"
          aria-describedby={errors.some((e) => e.target === `file-${kind}`) ? `file-${kind}-error` : undefined}
        />
      </div>
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{t('dc.modelUpload')}</span>
      </button>
    </form>
  );
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={saved && !errors.length ? { kind: 'success', title: t('dc.saved'), text: t('dc.modelSaved') } : undefined}
        back={{ href: DIGICHECK, label: t('dc.title') }}
      />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('dc.modelIntro')}</p>
      <dl>
        <DescriptionItem label={t('dc.modelQuestionnaire')}>
          {t('dc.modelQuestionnaireFacts', {
            version: models.questionnaire.version,
            categories: models.questionnaire.categories.length,
            questions: models.questionnaire.questions.length,
          })}
        </DescriptionItem>
        <DescriptionItem label={t('dc.modelMeasures')}>
          {t('dc.modelMeasuresFacts', { version: models.measures.version, measures: models.measures.measures.length })}
        </DescriptionItem>
        <DescriptionItem label={t('dc.modelSource')}>
          {uploaded ? t('dc.modelUploaded', { at: formatMoment(uploaded.at, ctx.lang), by: uploaded.by ?? '–' }) : t('dc.modelShipped')}
        </DescriptionItem>
      </dl>
      <ul class="kern-list">
        <li>
          <a class="kern-link" href={`${MODEL}/fragebogen.json`} download>
            {t('dc.modelDownloadQuestionnaire')}
          </a>
        </li>
        <li>
          <a class="kern-link" href={`${MODEL}/massnahmen.json`} download>
            {t('dc.modelDownloadMeasures')}
          </a>
        </li>
      </ul>
      <h2 class="kern-heading-medium">{t('dc.modelUploadTitle')}</h2>
      {upload('questionnaire', t('dc.modelQuestionnaireFile'))}
      {upload('measures', t('dc.modelMeasuresFile'))}
    </BackofficeLayout>
  );
}
