// Deliveries to Fachverfahren (role Administration): the list with filters and one delivery with its
// last error and the actions that fit its status (deliver again, cancel).
import type { DeliveryRow } from '../../handoff/index.ts';
import type { DeliveryState } from '../../platform/db/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DataTable, DescriptionItem, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Input } from '../../platform/views/inputs.tsx';
import { PostButton } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const DELIVERIES = '/backoffice/zustellungen';
export const DELIVERY_STATES: readonly DeliveryState[] = ['queued', 'failed', 'delivered', 'cancelled', 'available', 'acknowledged'];

/** A delivery as the pages show it: dates already formatted for the reader's language. */
export type DeliveryView = Omit<DeliveryRow, 'createdAt' | 'lastAttemptAt' | 'deliveredAt' | 'nextAttemptAt'> & {
  createdAt: string;
  lastAttemptAt?: string;
  deliveredAt?: string;
  nextAttemptAt?: string;
};

const stateLabel = (ctx: ViewContext, state: DeliveryState) => ctx.t(`bo.delivery.${state}` as MessageKey);
const targetLabel = (ctx: ViewContext, d: DeliveryView) => `${d.targetName} (${ctx.t(`bo.target.${d.targetKind}` as MessageKey)})`;
const shorten = (text: string | null, max: number) => (text && text.length > max ? `${text.slice(0, max - 1)}…` : (text ?? ''));

export interface DeliveriesProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  rows: DeliveryView[];
  counts: Partial<Record<DeliveryState, number>>;
  filter: { state?: DeliveryState; reference: string };
  next?: string;
}

export function DeliveriesPage({ ctx, viewer, rows, counts, filter, next }: DeliveriesProps) {
  const { t } = ctx;
  const query = (extra: Record<string, string>) =>
    new URLSearchParams({ ...(filter.state ? { status: filter.state } : {}), ...(filter.reference ? { aktenzeichen: filter.reference } : {}), ...extra });
  return (
    <BackofficeLayout ctx={ctx} title={t('bo.deliveries.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('bo.deliveries.title')}</h1>
      <p class="kern-body">{t('bo.deliveries.intro')}</p>
      <form method="get" action={DELIVERIES} class="bo-filters" aria-label={t('bo.deliveries.filter')}>
        <SelectField
          id="status"
          name="status"
          label={t('bo.deliveries.state')}
          emptyLabel={t('bo.deliveries.allStates')}
          selected={filter.state ?? ''}
          options={DELIVERY_STATES.map((s) => ({ value: s, label: `${stateLabel(ctx, s)} (${counts[s] ?? 0})` }))}
        />
        <Input
          ctx={ctx}
          spec={{
            name: 'aktenzeichen',
            label: t('bo.deliveries.reference'),
            hint: t('bo.deliveries.referenceHint'),
            type: 'text',
            autocomplete: 'off',
            value: filter.reference,
          }}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('bo.deliveries.show')}</span>
        </button>
      </form>
      {rows.length === 0 ? (
        <p class="kern-body">{t('bo.deliveries.none')}</p>
      ) : (
        <DataTable
          caption={t('bo.deliveries.title')}
          columns={[
            t('bo.deliveries.reference'),
            t('bo.deliveries.created'),
            t('bo.deliveries.service'),
            t('bo.deliveries.target'),
            t('bo.deliveries.state'),
            t('bo.deliveries.attempts'),
            t('bo.deliveries.lastError'),
          ]}
        >
          {rows.map((d) => (
            <tr key={d.id}>
              <th scope="row">
                <a class="kern-link" href={`${DELIVERIES}/${d.id}`}>
                  {d.reference}
                </a>
              </th>
              <td>{d.createdAt}</td>
              <td>{d.serviceTitle}</td>
              <td>{targetLabel(ctx, d)}</td>
              <td>{stateLabel(ctx, d.state)}</td>
              <td>{d.attempts}</td>
              <td>{shorten(d.lastError, 120)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {next ? (
        <p>
          <a class="kern-link" href={`${DELIVERIES}?${query({ vor: next })}`}>
            {t('bo.deliveries.older')}
          </a>
        </p>
      ) : null}
    </BackofficeLayout>
  );
}

export interface DeliveryProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  delivery: DeliveryView;
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
}

export function DeliveryPage({ ctx, viewer, delivery: d, notice }: DeliveryProps) {
  const { t } = ctx;
  const title = t('bo.deliveries.detail', { reference: d.reference, target: d.targetName });
  return (
    <BackofficeLayout ctx={ctx} title={title} staff={viewer}>
      <PageTop ctx={ctx} notice={notice} back={{ href: DELIVERIES, label: t('bo.deliveries.back') }} />
      <h1 class="kern-heading-large">{title}</h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('bo.deliveries.reference')}>
          <a class="kern-link" href={`/backoffice/vorgaenge/${d.applicationId}`}>
            {d.reference}
          </a>
        </DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.service')}>{d.serviceTitle}</DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.target')}>{targetLabel(ctx, d)}</DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.state')}>{stateLabel(ctx, d.state)}</DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.created')}>{d.createdAt}</DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.attempts')}>{d.attempts}</DescriptionItem>
        {d.lastAttemptAt ? <DescriptionItem label={t('bo.deliveries.lastAttempt')}>{d.lastAttemptAt}</DescriptionItem> : null}
        {d.nextAttemptAt ? <DescriptionItem label={t('bo.deliveries.nextAttempt')}>{d.nextAttemptAt}</DescriptionItem> : null}
        {d.deliveredAt ? <DescriptionItem label={t('bo.deliveries.deliveredAt')}>{d.deliveredAt}</DescriptionItem> : null}
        {d.remoteId ? <DescriptionItem label={t('bo.deliveries.remoteId')}>{d.remoteId}</DescriptionItem> : null}
        {d.lastError ? <DescriptionItem label={t('bo.deliveries.lastError')}>{d.lastError}</DescriptionItem> : null}
      </dl>
      <div class="bo-actions">
        {d.state === 'failed' || d.state === 'cancelled' ? (
          <PostButton ctx={ctx} action={`${DELIVERIES}/${d.id}/erneut`} label={t('bo.deliveries.retry')} primary />
        ) : null}
        {d.state === 'queued' || d.state === 'failed' ? (
          <PostButton ctx={ctx} action={`${DELIVERIES}/${d.id}/abbrechen`} label={t('bo.deliveries.cancel')} />
        ) : null}
      </div>
    </BackofficeLayout>
  );
}
