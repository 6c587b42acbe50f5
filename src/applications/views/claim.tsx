// Claiming an application made without an account: reference and e-mail, then a link by mail.

import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { FormPage, MessagePage, Notice } from '../../platform/views/simple-pages.tsx';

export interface ClaimPageProps {
  ctx: ViewContext;
  values: { reference?: string; email?: string };
  errors: PageError[];
  sent?: boolean;
  /** Set on the page the mailed link opens. */
  confirmToken?: string;
}

export function ClaimPage({ ctx, values, errors, sent, confirmToken }: ClaimPageProps) {
  const { t } = ctx;
  if (confirmToken !== undefined) {
    return (
      <FormPage
        ctx={ctx}
        title={t('claim.confirm.title')}
        lead={t('claim.confirm.lead')}
        action={`/konto/antraege/uebernehmen/bestaetigen?token=${encodeURIComponent(confirmToken)}`}
        inputs={[]}
        submit={t('claim.confirm.submit')}
      />
    );
  }
  if (sent) {
    return (
      <MessagePage ctx={ctx} title={t('claim.title')}>
        <Notice kind="info" title={t('account.checkMail.title')}>
          <p class="kern-body">{t('claim.sent', { reference: values.reference ?? '', email: values.email ?? '' })}</p>
        </Notice>
        <p class="kern-body">
          <a class="kern-link" href="/konto/antraege">
            {t('account.nav.applications')}
          </a>
        </p>
      </MessagePage>
    );
  }
  return (
    <FormPage
      ctx={ctx}
      title={t('claim.title')}
      lead={t('claim.lead')}
      action="/konto/antraege/uebernehmen"
      inputs={[
        { name: 'reference', label: t('myApplications.reference'), hint: t('claim.referenceHint'), type: 'text', autocomplete: 'off', value: values.reference },
        { name: 'email', label: t('claim.email'), hint: t('claim.emailHint'), type: 'email', autocomplete: 'email', value: values.email },
      ]}
      submit={t('claim.submit')}
      errors={errors}
    />
  );
}
