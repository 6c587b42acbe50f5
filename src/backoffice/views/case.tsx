// One case for the case worker: facts, answers laid out like the form, documents, history, internal
// notes, assignment and the status changes the workflow allows.
import { AnswerSections } from '../../applications/index.ts';
import type { SummarySection } from '../../forms/index.ts';
import { formatBytes } from '../../forms/index.ts';
import type { CaseStatus } from '../../platform/db/schema.ts';
import { canPreview } from '../../platform/http/download.ts';
import { DescriptionItem, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, type PageError } from '../../platform/views/error-summary.tsx';
import { Input, TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';
import { NoticeSection, type NoticeSectionProps } from './notice-section.tsx';

export interface CaseView {
  id: string;
  reference: string;
  service: string;
  applicant: string;
  onBehalfOf?: string;
  email?: string;
  hasAccount: boolean;
  status: CaseStatus;
  received: string;
  due: string;
  overdue: boolean;
  assigneeId: string | null;
  assigneeName: string | null;
  hasReceipt: boolean;
}

export interface CasePageProps {
  ctx: ViewContext;
  viewer: StaffViewer & { id: string };
  kase: CaseView;
  sections: SummarySection[];
  files: { id: string; filename: string; sizeBytes: number; mediaType: string }[];
  history: { status: CaseStatus; note: string; at: string; by: string | null }[];
  notes: { body: string; at: string; by: string | null }[];
  colleagues: { id: string; name: string }[];
  next: CaseStatus[];
  /** What the service lists as required documents, to ask for. */
  requiredDocuments: string[];
  requests: { at: string; due: string; overdue: boolean; answered: boolean }[];
  requestDue: string;
  notices: Omit<NoticeSectionProps, 'ctx' | 'base' | 'errors'>;
  errors: PageError[];
  notice?: string;
}

export function CasePage({
  ctx,
  viewer,
  kase,
  sections,
  files,
  history,
  notes,
  colleagues,
  next,
  requiredDocuments,
  requests,
  requestDue,
  notices,
  errors,
  notice,
}: CasePageProps) {
  const { t } = ctx;
  const base = `/backoffice/vorgaenge/${kase.id}`;
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${kase.reference}` : `${kase.reference} – ${kase.service}`} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={notice ? { kind: 'warning', title: t('bo.case.statusChange'), text: notice } : undefined}
        back={{ href: '/backoffice', label: t('bo.inbox.title') }}
      />
      <h1 class="kern-heading-large">
        {kase.reference} – {kase.service}
      </h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('bo.inbox.applicant')}>{kase.onBehalfOf ? `${kase.onBehalfOf} (${kase.applicant})` : kase.applicant}</DescriptionItem>
        <DescriptionItem label={t('bo.inbox.status')}>{t(`case.status.${kase.status}`)}</DescriptionItem>
        <DescriptionItem label={t('bo.inbox.received')}>{kase.received}</DescriptionItem>
        <DescriptionItem label={t('bo.inbox.due')}>
          {kase.due}
          {kase.overdue ? <strong> ({t('bo.inbox.overdueMark')})</strong> : null}
        </DescriptionItem>
        <DescriptionItem label={t('bo.inbox.assignee')}>{kase.assigneeName ?? t('bo.case.unassigned')}</DescriptionItem>
        <DescriptionItem label={t('bo.case.account')}>{kase.hasAccount ? t('bo.case.accountYes') : t('bo.case.accountNo')}</DescriptionItem>
        {kase.email ? <DescriptionItem label={t('bo.case.email')}>{kase.email}</DescriptionItem> : null}
      </dl>

      <section aria-labelledby="status-title" class="settings-section">
        <h2 class="kern-heading-medium" id="status-title">
          {t('bo.case.statusChange')}
        </h2>
        {next.length === 0 ? (
          <p class="kern-body">{t('bo.case.final')}</p>
        ) : (
          <form method="post" action={`${base}/stand`} novalidate class="account-form">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="from" value={kase.status} />
            <fieldset class={`kern-fieldset${errorOf('to') ? ' kern-fieldset--error' : ''}`} id="to-fieldset">
              <legend class="kern-label">{t('bo.case.newStatus')}</legend>
              <ErrorMessage id="to-error" ctx={ctx} message={errorOf('to')} />
              <div class="kern-fieldset__body">
                {next.map((s, i) => (
                  <div class="kern-form-check" key={s}>
                    <input class="kern-form-check__radio" type="radio" id={i === 0 ? 'to' : `to-${s}`} name="to" value={s} />
                    <label class="kern-label" for={i === 0 ? 'to' : `to-${s}`}>
                      {t(`case.status.${s}`)}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
            <TextArea ctx={ctx} name="reason" label={t('bo.case.reason')} rows={2} maxLength={2000} />
            <button type="submit" class="kern-btn kern-btn--primary">
              <span class="kern-label">{t('bo.case.change')}</span>
            </button>
          </form>
        )}
      </section>

      <NoticeSection ctx={ctx} base={base} errors={errors} {...notices} />

      <section aria-labelledby="request-title" class="settings-section">
        <h2 class="kern-heading-medium" id="request-title">
          {t('bo.request.title')}
        </h2>
        {requests.length > 0 ? (
          <ul class="kern-list" aria-label={t('bo.request.open')}>
            {requests.map((r, i) => (
              <li key={`${r.at}-${i}`}>
                {r.at} – {t('bo.request.dueOn', { date: r.due })}
                {r.answered ? ` – ${t('bo.request.answered')}` : r.overdue ? <strong> ({t('bo.inbox.overdueMark')})</strong> : null}
              </li>
            ))}
          </ul>
        ) : null}
        <form method="post" action={`${base}/nachforderung`} novalidate class="account-form">
          <CsrfField ctx={ctx} />
          {requiredDocuments.length > 0 ? (
            <fieldset class={`kern-fieldset${errorOf('documents') ? ' kern-fieldset--error' : ''}`} id="documents-fieldset">
              <legend class="kern-label">{t('bo.request.documents')}</legend>
              <ErrorMessage id="documents-error" ctx={ctx} message={errorOf('documents')} />
              <div class="kern-fieldset__body">
                {requiredDocuments.map((d, i) => (
                  <div class="kern-form-check" key={d}>
                    <input class="kern-form-check__checkbox" type="checkbox" id={i === 0 ? 'documents' : `documents-${i}`} name="documents" value={d} />
                    <label class="kern-label" for={i === 0 ? 'documents' : `documents-${i}`}>
                      {d}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          ) : null}
          <TextArea ctx={ctx} name="text" label={t('bo.request.text')} rows={3} maxLength={3000} error={errorOf('text')} />
          <Input
            ctx={ctx}
            spec={{
              name: 'due',
              label: t('bo.request.due'),
              type: 'text',
              autocomplete: 'off',
              value: requestDue,
              width: 'input-width-10',
              inputMode: 'numeric',
            }}
            error={errorOf('due')}
          />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('bo.request.submit')}</span>
          </button>
        </form>
      </section>

      <section aria-labelledby="assign-title" class="settings-section">
        <h2 class="kern-heading-medium" id="assign-title">
          {t('bo.case.assignment')}
        </h2>
        {kase.assigneeId !== viewer.id ? (
          <form method="post" action={`${base}/zuweisung`} class="form-actions">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="assignee" value={viewer.id} />
            <button type="submit" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('bo.case.take')}</span>
            </button>
          </form>
        ) : null}
        <form method="post" action={`${base}/zuweisung`} class="account-form">
          <CsrfField ctx={ctx} />
          <SelectField
            id="assignee"
            name="assignee"
            label={t('bo.case.assignTo')}
            emptyLabel={t('bo.case.unassigned')}
            selected={kase.assigneeId ?? ''}
            options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
          />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('bo.case.assign')}</span>
          </button>
        </form>
      </section>

      <section aria-labelledby="documents-title" class="settings-section">
        <h2 class="kern-heading-medium" id="documents-title">
          {t('bo.case.documents')}
        </h2>
        <ul class="kern-list">
          <li>
            <a class="kern-link" href={`${base}/akte.zip`}>
              {t('bo.export.link')}
            </a>
          </li>
          {kase.hasReceipt ? (
            <li>
              <a class="kern-link" href={`${base}/eingangsbestaetigung.pdf`}>
                {t('bo.case.receipt')}
              </a>
            </li>
          ) : null}
          {files.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={`${base}/dateien/${f.id}`}>
                {f.filename}
              </a>{' '}
              <span class="kern-body kern-body--small">({formatBytes(f.sizeBytes, ctx.lang)})</span>
              {canPreview(f.mediaType) ? (
                <>
                  {' – '}
                  <a class="kern-link" href={`${base}/dateien/${f.id}/ansicht`} aria-label={t('bo.preview.show', { name: f.filename })}>
                    {t('bo.preview.link')}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="history-title" class="settings-section">
        <h2 class="kern-heading-medium" id="history-title">
          {t('bo.case.history')}
        </h2>
        <ol class="kern-list timeline">
          {history.map((h, i) => (
            <li key={`${h.status}-${i}`}>
              <strong>{t(`case.status.${h.status}`)}</strong> – {h.at}, {h.by ? t('bo.case.by', { name: h.by }) : t('bo.case.portal')}
              {h.note ? <span class="kern-body kern-body--small"> ({h.note})</span> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="notes-title" class="settings-section">
        <h2 class="kern-heading-medium" id="notes-title">
          {t('bo.case.notes')}
        </h2>
        <ul class="kern-list">
          {notes.map((n, i) => (
            <li key={`${n.at}-${i}`} class="postbox-reply">
              <p class="kern-body kern-body--small">
                {n.at}, {n.by ?? ''}
              </p>
              <p class="kern-body postbox-text">{n.body}</p>
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/notizen`} novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <TextArea ctx={ctx} name="note" label={t('bo.case.noteLabel')} hint={t('bo.case.noteHint')} rows={3} maxLength={5000} error={errorOf('note')} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('bo.case.noteAdd')}</span>
          </button>
        </form>
      </section>

      <section aria-labelledby="answers-title" class="settings-section">
        <h2 class="kern-heading-medium" id="answers-title">
          {t('bo.case.answers')}
        </h2>
        <AnswerSections ctx={ctx} sections={sections} level={3} />
      </section>
    </BackofficeLayout>
  );
}
