// The Bescheid part of the case page: notices issued so far, and the form to write, preview and issue one.
import type { NoticeOutcome } from '../../platform/db/schema.ts';
import { SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, type PageError } from '../../platform/views/error-summary.tsx';
import { Input, TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { NOTICE_OUTCOMES } from '../cases/notices.ts';

export interface NoticeForm {
  outcome?: string;
  body: string;
  legalRemedy: string;
  fee: string;
  reason?: string;
}

export interface NoticeSectionProps {
  ctx: ViewContext;
  base: string;
  issued: { id: string; date: string; outcome: NoticeOutcome; replaced: boolean }[];
  canIssue: boolean;
  form: NoticeForm;
  preview?: { body: string; legalRemedy: string };
  /** The service's notice templates, and the one the form was filled from. */
  templates: { id: string; name: string }[];
  templateId?: string;
  errors: PageError[];
}

/** The outcome of a notice (bewilligt / abgelehnt / teilweise) as radio buttons. */
export function OutcomeChoice({ ctx, value, error }: { ctx: ViewContext; value?: string; error?: string }) {
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} id="outcome-fieldset">
      <legend class="kern-label">{ctx.t('bo.notice.outcome')}</legend>
      <ErrorMessage id="outcome-error" ctx={ctx} message={error} />
      <div class="kern-fieldset__body">
        {NOTICE_OUTCOMES.map((o, i) => (
          <div class="kern-form-check" key={o}>
            <input class="kern-form-check__radio" type="radio" id={i === 0 ? 'outcome' : `outcome-${o}`} name="outcome" value={o} checked={value === o} />
            <label class="kern-label" for={i === 0 ? 'outcome' : `outcome-${o}`}>
              {ctx.t(`bo.notice.outcome.${o}`)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Outcome, text, legal remedy and fee: what a notice and a notice template both consist of. */
export function NoticeFields({
  ctx,
  form,
  bodyHint,
  errorOf,
}: {
  ctx: ViewContext;
  form: { outcome?: string; body: string; legalRemedy: string; fee: string };
  bodyHint: string;
  errorOf: (target: string) => string | undefined;
}) {
  const { t } = ctx;
  return (
    <>
      <OutcomeChoice ctx={ctx} value={form.outcome} error={errorOf('outcome')} />
      <TextArea ctx={ctx} name="body" label={t('bo.notice.body')} hint={bodyHint} value={form.body} rows={10} maxLength={20000} error={errorOf('body')} />
      <TextArea
        ctx={ctx}
        name="legalRemedy"
        label={t('bo.notice.legalRemedy')}
        value={form.legalRemedy}
        rows={4}
        maxLength={5000}
        error={errorOf('legalRemedy')}
      />
      <Input
        ctx={ctx}
        spec={{
          name: 'fee',
          label: t('bo.notice.feeLabel'),
          type: 'text',
          autocomplete: 'off',
          value: form.fee,
          width: 'input-width-10',
          inputMode: 'decimal',
        }}
        error={errorOf('fee')}
      />
    </>
  );
}

export function NoticeSection({ ctx, base, issued, canIssue, form, preview, templates, templateId, errors }: NoticeSectionProps) {
  const { t } = ctx;
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message;
  return (
    <section aria-labelledby="notice-title" class="settings-section">
      <h2 class="kern-heading-medium" id="notice-title">
        {t('bo.notice.title')}
      </h2>
      {issued.length > 0 ? (
        <ul class="kern-list" aria-label={t('bo.notice.issued')}>
          {issued.map((n) => (
            <li key={n.id}>
              <a class="kern-link" href={`${base}/bescheide/${n.id}.pdf`}>
                {t('bo.notice.download', { date: n.date, outcome: t(`bo.notice.outcome.${n.outcome}`) })}
              </a>
              {n.replaced ? ` – ${t('bo.notice.replaced')}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      {preview ? (
        <section class="postbox-quote" aria-labelledby="preview-title">
          <h3 class="kern-heading-small" id="preview-title">
            {t('bo.notice.preview')}
          </h3>
          <p class="kern-body postbox-text">{preview.body}</p>
          <h4 class="kern-heading-small">{t('bo.notice.legalRemedy')}</h4>
          <p class="kern-body postbox-text">{preview.legalRemedy}</p>
        </section>
      ) : null}
      {canIssue && templates.length > 0 ? (
        <form method="get" action={`${base}#notice-title`} class="account-form">
          <SelectField
            id="vorlage"
            name="vorlage"
            label={t('bo.notice.template')}
            emptyLabel={t('bo.notice.noTemplate')}
            selected={templateId ?? ''}
            options={templates.map((tpl) => ({ value: tpl.id, label: tpl.name }))}
          />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('bo.notice.useTemplate')}</span>
          </button>
        </form>
      ) : null}
      {canIssue ? (
        <form method="post" action={`${base}/bescheid`} novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <NoticeFields ctx={ctx} form={form} bodyHint={t('bo.notice.bodyHint')} errorOf={errorOf} />
          {issued.length > 0 ? (
            <TextArea ctx={ctx} name="reason" label={t('bo.notice.reason')} value={form.reason ?? ''} rows={2} maxLength={2000} error={errorOf('reason')} />
          ) : null}
          <p class="form-actions">
            <button type="submit" name="aktion" value="vorschau" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('bo.notice.preview')}</span>
            </button>
            <button type="submit" name="aktion" value="erlassen" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('bo.notice.issue')}</span>
            </button>
          </p>
        </form>
      ) : null}
    </section>
  );
}
