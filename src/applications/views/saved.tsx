// "Save and continue later": the draft is saved; the citizen can have a resume link mailed.

import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { EmailInput } from './email-input.tsx';
import { CsrfField, Frame } from './frame.tsx';

export interface SavedPageProps {
  ctx: ViewContext;
  formId: string;
  formTitle: string;
  expires: string;
  continueHref: string;
  email: string;
  sentTo?: string;
  errors: PageError[];
  /** The draft belongs to the signed-in citizen's account: no link needed. */
  inAccount?: boolean;
}

export function SavedPage({ ctx, formId, formTitle, expires, continueHref, email, sentTo, errors, inAccount }: SavedPageProps) {
  const { t } = ctx;
  const emailError = errors[0]?.message;
  return (
    <Frame ctx={ctx} formTitle={formTitle} title={t('form.saved.title')} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="kern-heading-large">{t('form.saved.title')}</h1>
      <p class="kern-body">{t(inAccount ? 'form.saved.leadAccount' : 'form.saved.lead', { date: expires })}</p>
      {inAccount ? null : sentTo ? (
        <div class="kern-alert kern-alert--success">
          <div class="kern-alert__header">
            <h2 class="kern-title">{t('form.saved.sentTitle')}</h2>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{t('form.saved.sent', { email: sentTo })}</p>
          </div>
        </div>
      ) : (
        <form method="post" action={`/antrag/${formId}/gespeichert`} novalidate>
          <CsrfField ctx={ctx} />
          <EmailInput ctx={ctx} label={t('form.saved.email')} hint={t('form.saved.emailHint')} value={email} error={emailError} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('form.saved.send')}</span>
          </button>
        </form>
      )}
      <p class="form-actions">
        <a class="kern-link" href={continueHref}>
          {t('form.saved.continue')}
        </a>
      </p>
    </Frame>
  );
}
