// The start page of an online application: what it is for, what is needed, the steps, and a button.
import type { FormDefinition } from '../../forms/index.ts';
import { plainText } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import { CsrfField, Frame } from './frame.tsx';

export interface StartPageProps {
  ctx: ViewContext;
  formId: string;
  def: FormDefinition;
  draftDays: number;
  /** The step to continue with, when this browser holds a draft of this form. */
  resumeStep?: string;
}

export function StartPage({ ctx, formId, def, draftDays, resumeStep }: StartPageProps) {
  const { t } = ctx;
  const title = plainText(def.title, ctx.lang);
  return (
    <Frame ctx={ctx} formTitle={t('form.onlineApplication')} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('form.start.lead')}</p>
      <h2 class="kern-heading-small">{t('form.start.steps')}</h2>
      <ol class="kern-list kern-list--number">
        {def.steps.map((s) => (
          <li key={s.id}>{plainText(s.title, ctx.lang)}</li>
        ))}
        <li>{t('form.check.title')}</li>
      </ol>
      <p class="kern-body">{t('form.start.drafts', { days: draftDays })}</p>
      {def.trustLevel ? (
        <div class="kern-alert kern-alert--info">
          <div class="kern-alert__header">
            <h2 class="kern-title">{t('form.start.eidTitle')}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('form.start.eid', { level: t(`trust.${def.trustLevel}`) })}</p>
          </div>
        </div>
      ) : null}
      {resumeStep ? (
        <p>
          <a class="kern-btn kern-btn--primary" href={`/antrag/${formId}/schritt/${resumeStep}`}>
            <span class="kern-label">{t('form.start.resume')}</span>
          </a>
        </p>
      ) : null}
      <form method="post" action={`/antrag/${formId}`}>
        <CsrfField ctx={ctx} />
        <button type="submit" class={`kern-btn ${resumeStep ? 'kern-btn--secondary' : 'kern-btn--primary'}`}>
          <span class="kern-label">{resumeStep ? t('form.start.restart') : t('form.start.button')}</span>
        </button>
      </form>
    </Frame>
  );
}
