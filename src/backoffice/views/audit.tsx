// The audit log for administrators: newest first, filtered by action or person, and the chain check.
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Input } from '../../platform/views/inputs.tsx';
import { Notice } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, type StaffViewer } from './layout.tsx';

export interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  object: string;
}

export function AuditPage({
  ctx,
  viewer,
  rows,
  actions,
  filter,
  next,
  verification,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  rows: AuditRow[];
  actions: string[];
  filter: { action?: string; actor?: string };
  next?: string;
  verification?: { entries: number; brokenAt?: string };
}) {
  const { t } = ctx;
  const query = (extra: Record<string, string>) =>
    `?${new URLSearchParams({ ...(filter.action ? { aktion: filter.action } : {}), ...(filter.actor ? { person: filter.actor } : {}), ...extra })}`;
  return (
    <BackofficeLayout ctx={ctx} title={t('bo.audit.title')} staff={viewer}>
      {verification ? (
        verification.brokenAt ? (
          <Notice kind="danger" title={t('bo.audit.title')}>
            <p class="kern-body">{t('bo.audit.broken', { id: verification.brokenAt })}</p>
          </Notice>
        ) : (
          <Notice kind="success" title={t('bo.audit.title')}>
            <p class="kern-body">{t('bo.audit.verified', { count: verification.entries })}</p>
          </Notice>
        )
      ) : null}
      <h1 class="kern-heading-large">{t('bo.audit.title')}</h1>
      <p class="kern-body">{t('bo.audit.lead')}</p>
      <form method="get" action="/backoffice/protokoll" class="bo-filters">
        <SelectField
          id="aktion"
          name="aktion"
          label={t('bo.audit.filterAction')}
          emptyLabel={t('bo.audit.all')}
          selected={filter.action ?? ''}
          options={actions.map((a) => ({ value: a, label: a }))}
        />
        <Input ctx={ctx} spec={{ name: 'person', label: t('bo.audit.filterActor'), type: 'text', autocomplete: 'off', value: filter.actor }} />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('bo.audit.filter')}</span>
        </button>
      </form>
      <p>
        <a class="kern-link" href={`/backoffice/protokoll${query({ pruefen: '1' })}`}>
          {t('bo.audit.verify')}
        </a>
      </p>
      <DataTable caption={t('bo.audit.title')} columns={[t('bo.audit.at'), t('bo.audit.actor'), t('bo.audit.action'), t('bo.audit.object')]}>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{r.at}</td>
            <td>{r.actor}</td>
            <td>
              <code>{r.action}</code>
            </td>
            <td>{r.object}</td>
          </tr>
        ))}
      </DataTable>
      {next ? (
        <p>
          <a class="kern-link" href={`/backoffice/protokoll${query({ vor: next })}`}>
            {t('bo.audit.more')}
          </a>
        </p>
      ) : null}
    </BackofficeLayout>
  );
}
