// The inbox: filters as a GET form (works without JavaScript, bookmarkable), counts per status,
// the cases as a table, and a link to the next page (keyset, stable under new arrivals).
import type { CaseStatus } from '../../platform/db/schema.ts';
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Input } from '../../platform/views/inputs.tsx';
import type { InboxQuery } from '../cases/inbox-query.ts';
import { COUNT_LIMIT } from '../cases/inbox-store.ts';
import { CASE_STATUSES } from '../cases/workflow.ts';
import { BackofficeLayout, type StaffViewer } from './layout.tsx';

export interface InboxViewRow {
  id: string;
  reference: string;
  applicant: string;
  service: string;
  status: CaseStatus;
  received: string;
  due: string;
  overdue: boolean;
  assignee: string;
}

export interface InboxPageProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  rows: InboxViewRow[];
  /** Undefined when more cases match than are counted (then only the statuses are listed). */
  counts: Partial<Record<CaseStatus, number>> | undefined;
  services: { id: string; title: string }[];
  colleagues: { id: string; name: string }[];
  query: InboxQuery;
  nextHref?: string;
  errors: PageError[];
}

export function InboxPage({ ctx, viewer, rows, counts, services, colleagues, query, nextHref, errors }: InboxPageProps) {
  const { t } = ctx;
  const errorOf = (id: string) => errors.find((e) => e.target === id)?.message;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${t('bo.inbox.title')}` : t('bo.inbox.title')} staff={viewer}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1 class="kern-heading-large">{t('bo.inbox.title')}</h1>
      <section aria-labelledby="counts-title">
        <h2 class="kern-heading-small" id="counts-title">
          {t('bo.inbox.counts')}
        </h2>
        {counts ? null : <p class="kern-body">{t('bo.inbox.tooMany', { limit: COUNT_LIMIT.toLocaleString(ctx.lang === 'de' ? 'de-DE' : 'en-GB') })}</p>}
        <ul class="kern-list kern-list--horizontal bo-counts">
          {CASE_STATUSES.map((s) => (
            <li key={s}>
              <a class="kern-link" href={`/backoffice?status=${s}`} aria-current={query.status === s ? 'page' : undefined}>
                {t(`case.status.${s}`)}
                {counts ? `: ${counts[s] ?? 0}` : ''}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <form method="get" action="/backoffice" class="bo-filters" aria-label={t('bo.inbox.filters')}>
        <SelectField
          id="status"
          name="status"
          label={t('bo.inbox.status')}
          emptyLabel={t('bo.inbox.all')}
          selected={query.status ?? ''}
          options={CASE_STATUSES.map((s) => ({ value: s, label: t(`case.status.${s}`) }))}
        />
        <SelectField
          id="service"
          name="service"
          label={t('bo.inbox.service')}
          emptyLabel={t('bo.inbox.all')}
          selected={query.service ?? ''}
          options={services.map((s) => ({ value: s.id, label: s.title }))}
        />
        <SelectField
          id="assignee"
          name="assignee"
          label={t('bo.inbox.assignee')}
          emptyLabel={t('bo.inbox.all')}
          selected={query.assignee ?? ''}
          options={[
            { value: 'me', label: t('bo.inbox.assigneeMe') },
            { value: 'none', label: t('bo.inbox.assigneeNone') },
            ...colleagues.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
        <Input ctx={ctx} spec={{ name: 'q', label: t('bo.inbox.q'), type: 'text', autocomplete: 'off', value: query.q }} />
        <Input ctx={ctx} spec={{ name: 'from', label: t('bo.inbox.from'), type: 'text', autocomplete: 'off', value: query.from }} error={errorOf('from')} />
        <Input ctx={ctx} spec={{ name: 'to', label: t('bo.inbox.to'), type: 'text', autocomplete: 'off', value: query.to }} error={errorOf('to')} />
        <SelectField
          id="sort"
          name="sort"
          label={t('bo.inbox.sort')}
          selected={query.sort ?? 'newest'}
          options={[
            { value: 'newest', label: t('bo.inbox.sortNewest') },
            { value: 'oldest', label: t('bo.inbox.sortOldest') },
            { value: 'due', label: t('bo.inbox.sortDue') },
          ]}
        />
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" id="overdue" name="overdue" value="1" checked={query.overdue === '1'} />
          <label class="kern-label" for="overdue">
            {t('bo.inbox.overdue')}
          </label>
        </div>
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('bo.inbox.apply')}</span>
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="kern-body">{t('bo.inbox.none')}</p>
      ) : (
        <DataTable
          caption={t('bo.inbox.title')}
          columns={[
            t('bo.inbox.reference'),
            t('bo.inbox.applicant'),
            t('bo.inbox.service'),
            t('bo.inbox.status'),
            t('bo.inbox.received'),
            t('bo.inbox.due'),
            t('bo.inbox.assignee'),
          ]}
        >
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a class="kern-link" href={`/backoffice/vorgaenge/${r.id}`}>
                  {r.reference}
                </a>
              </th>
              <td>{r.applicant}</td>
              <td>{r.service}</td>
              <td>{t(`case.status.${r.status}`)}</td>
              <td>{r.received}</td>
              <td>
                {r.due}
                {r.overdue ? <strong> ({t('bo.inbox.overdueMark')})</strong> : null}
              </td>
              <td>{r.assignee}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextHref ? (
        <p>
          <a class="kern-link" href={nextHref}>
            {t('bo.inbox.next')}
          </a>
        </p>
      ) : null}
    </BackofficeLayout>
  );
}
