// One application in the citizen's account: status history, documents, answers; for a draft the way back in.
import { formatBytes, type SummarySection } from '../../forms/index.ts';
import type { CaseStatus } from '../../platform/db/schema.ts';
import { BackLink, DescriptionItem } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { AnswerSections } from './answers.tsx';
import { type ApplicationRow, StatusBadge } from './my-applications.tsx';

export interface DetailProps {
  ctx: ViewContext;
  app: ApplicationRow & { onBehalfOf?: string };
  events: { status: CaseStatus; note: string; at: string }[];
  files: { id: string; filename: string; sizeBytes: number }[];
  sections: SummarySection[];
}

export function ApplicationDetailPage({ ctx, app, events, files, sections }: DetailProps) {
  const { t } = ctx;
  const base = `/konto/antraege/${app.id}`;
  return (
    <Layout ctx={ctx} title={app.reference ? `${app.title} (${app.reference})` : app.title} headerSearch={false}>
      <BackLink href="/konto/antraege" label={t('account.nav.applications')} />
      <h1 class="kern-heading-large">{app.title}</h1>
      <dl class="kern-description-list">
        {app.reference ? <DescriptionItem label={t('myApplications.reference')}>{app.reference}</DescriptionItem> : null}
        <DescriptionItem label={t('myApplications.status')}>
          <StatusBadge ctx={ctx} status={app.status} />
        </DescriptionItem>
        <DescriptionItem label={app.status === 'draft' ? t('myApplications.savedOn') : t('myApplications.submittedOn')}>{app.date}</DescriptionItem>
        {app.onBehalfOf ? <DescriptionItem label={t('myApplications.onBehalfOf')}>{app.onBehalfOf}</DescriptionItem> : null}
      </dl>
      {app.status === 'draft' ? (
        <>
          <p class="kern-body">{t('myApplications.draftKept', { date: app.expires ?? '' })}</p>
          <p class="form-actions">
            <a class="kern-btn kern-btn--primary" href={`${base}/fortsetzen`}>
              <span class="kern-label">{t('myApplications.continue')}</span>
            </a>
          </p>
        </>
      ) : (
        <section aria-labelledby="timeline-title">
          <h2 class="kern-heading-medium" id="timeline-title">
            {t('myApplications.timeline')}
          </h2>
          <ol class="kern-list timeline">
            {events.map((e, i) => (
              <li key={`${e.status}-${i}`}>
                <strong>{t(`case.status.${e.status}`)}</strong> – {e.at}
                {e.note ? <span class="kern-body kern-body--small"> ({e.note})</span> : null}
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="documents-title">
        <h2 class="kern-heading-medium" id="documents-title">
          {t('myApplications.documents')}
        </h2>
        <ul class="kern-list">
          {app.status === 'draft' ? null : (
            <li>
              <a class="kern-link" href={`${base}/eingangsbestaetigung.pdf`} download>
                {t('form.confirmation.receipt')}
              </a>
            </li>
          )}
          {files.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={`${base}/dateien/${f.id}`} download>
                {f.filename}
              </a>{' '}
              <span class="kern-body kern-body--small">({formatBytes(f.sizeBytes, ctx.lang)})</span>
            </li>
          ))}
        </ul>
        {app.status === 'draft' && files.length === 0 ? <p class="kern-body">{t('myApplications.noFiles')}</p> : null}
      </section>
      <h2 class="kern-heading-medium">{t('myApplications.answers')}</h2>
      <AnswerSections ctx={ctx} sections={sections} level={3} />
    </Layout>
  );
}
