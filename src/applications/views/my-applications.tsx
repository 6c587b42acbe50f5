// "Meine Anträge": the signed-in citizen's drafts and applications with status, dates and reference.
import type { CaseStatus } from '../../platform/db/schema.ts';
import { BackLink, DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';

export interface ApplicationRow {
  id: string;
  title: string;
  reference: string | null;
  status: 'draft' | CaseStatus;
  /** Submitted on, or for a draft: last saved on. */
  date: string;
  /** For a draft: kept until. */
  expires?: string;
}

const BADGE: Record<ApplicationRow['status'], string> = {
  draft: 'kern-badge--warning',
  eingegangen: 'kern-badge--info',
  in_pruefung: 'kern-badge--info',
  zurueckgezogen: 'kern-badge--warning',
  weitergeleitet: 'kern-badge--info',
  rueckfrage: 'kern-badge--danger',
  entschieden: 'kern-badge--success',
  abgeschlossen: 'kern-badge--success',
};

export const StatusBadge = ({ ctx, status }: { ctx: ViewContext; status: ApplicationRow['status'] }) => (
  <span class={`kern-badge ${BADGE[status]}`}>
    <span class="kern-label kern-label--small">{ctx.t(`case.status.${status}`)}</span>
  </span>
);

export function MyApplicationsPage({ ctx, rows }: { ctx: ViewContext; rows: ApplicationRow[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('account.nav.applications')} headerSearch={false}>
      <BackLink href="/konto" label={t('account.overview.title')} />
      <h1 class="kern-heading-large">{t('account.nav.applications')}</h1>
      {rows.length === 0 ? (
        <p class="kern-body">{t('myApplications.none')}</p>
      ) : (
        <DataTable
          caption={t('account.nav.applications')}
          columns={[t('myApplications.application'), t('myApplications.reference'), t('myApplications.status'), t('myApplications.date')]}
          small={false}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a class="kern-link" href={`/konto/antraege/${r.id}`}>
                  {r.title}
                </a>
              </th>
              <td>{r.reference ?? '–'}</td>
              <td>
                <StatusBadge ctx={ctx} status={r.status} />
              </td>
              <td>{r.status === 'draft' ? t('myApplications.draftDate', { date: r.date, expires: r.expires ?? '' }) : r.date}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 class="kern-heading-medium">{t('claim.title')}</h2>
      <p class="kern-body">
        {t('claim.teaser')}{' '}
        <a class="kern-link" href="/konto/antraege/uebernehmen">
          {t('claim.link')}
        </a>
      </p>
    </Layout>
  );
}
