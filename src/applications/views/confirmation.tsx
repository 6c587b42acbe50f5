// After submission: the reference number, the receipt, what happens next.
import type { ViewContext } from '../../platform/views/context.ts';
import { Frame } from './frame.tsx';

export interface ConfirmationPageProps {
  ctx: ViewContext;
  formId: string;
  formTitle: string;
  reference: string;
  email: string | null;
}

export function ConfirmationPage({ ctx, formId, formTitle, reference, email }: ConfirmationPageProps) {
  const { t } = ctx;
  return (
    <Frame ctx={ctx} formTitle={formTitle} title={t('form.confirmation.title')}>
      <div class="confirmation-panel">
        <h1 class="kern-heading-large">{t('form.confirmation.title')}</h1>
        <p class="kern-body">{t('form.confirmation.reference')}</p>
        <p class="confirmation-panel__reference">{reference}</p>
      </div>
      <p class="kern-body">{email ? t('form.confirmation.mailed', { email }) : t('form.confirmation.notMailed')}</p>
      <p>
        <a class="kern-link" href={`/antrag/${formId}/eingangsbestaetigung.pdf`} download>
          {t('form.confirmation.receipt')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('form.confirmation.nextTitle')}</h2>
      <p class="kern-body">{t('form.confirmation.next')}</p>
      <p>
        <a class="kern-link" href="/">
          {t('form.confirmation.home')}
        </a>
      </p>
    </Frame>
  );
}
