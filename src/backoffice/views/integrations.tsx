// Integrations (role Administration): the Fachverfahren with access to the API and the targets each
// service's submissions go to. New secrets and keys are shown once, on the page that made them.
import type { Integration, Operation, Target } from '../../handoff/index.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DataTable, DescriptionItem } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { Checkboxes, Input } from '../../platform/views/inputs.tsx';
import { CsrfField, Notice, PostButton } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const INTEGRATIONS = '/backoffice/schnittstellen';
export const TARGETS = `${INTEGRATIONS}/ziele`;

export interface ServiceOption {
  id: string;
  title: string;
}

/** Credentials made just now: shown this once. */
export interface Shown {
  title: string;
  items: { label: string; value: string }[];
}

const errorOf = (errors: PageError[], target: string) => errors.find((e) => e.target === target)?.message;
export const operationLabel = (ctx: ViewContext, op: Operation) => ctx.t(`bo.integrations.op.${op}` as MessageKey);
export const kindLabel = (ctx: ViewContext, kind: Target['kind']) => ctx.t(`bo.target.${kind}` as MessageKey);

export function ShownOnce({ ctx, shown }: { ctx: ViewContext; shown?: Shown }) {
  if (!shown) return null;
  return (
    <Notice kind="success" title={shown.title}>
      <p class="kern-body">{ctx.t('bo.integrations.shownOnce')}</p>
      <dl class="kern-description-list">
        {shown.items.map((i) => (
          <DescriptionItem key={i.label} label={i.label}>
            <code class="bo-secret">{i.value}</code>
          </DescriptionItem>
        ))}
      </dl>
    </Notice>
  );
}

export function IntegrationFields({
  ctx,
  services,
  values,
  errors,
}: {
  ctx: ViewContext;
  services: ServiceOption[];
  values: { name: string; serviceIds: string[]; operations: string[] };
  errors: PageError[];
}) {
  const { t } = ctx;
  return (
    <>
      <Input
        ctx={ctx}
        spec={{ name: 'name', label: t('bo.integrations.name'), hint: t('bo.integrations.nameHint'), type: 'text', autocomplete: 'off', value: values.name }}
        error={errorOf(errors, 'name')}
      />
      <Checkboxes
        ctx={ctx}
        legend={t('bo.integrations.services')}
        name="services"
        options={services.map((s) => ({ value: s.id, label: s.title }))}
        checked={values.serviceIds}
        error={errorOf(errors, 'services')}
      />
      <Checkboxes
        ctx={ctx}
        legend={t('bo.integrations.operations')}
        name="operations"
        options={(['submissions:read', 'submissions:ack', 'status:write'] as const).map((op) => ({ value: op, label: operationLabel(ctx, op) }))}
        checked={values.operations}
        error={errorOf(errors, 'operations')}
      />
    </>
  );
}

export interface TargetRow {
  id: string;
  serviceTitle: string;
  name: string;
  kind: Target['kind'];
  active: boolean;
  conditional: boolean;
}

export interface IntegrationsProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  integrations: Integration[];
  targets: TargetRow[];
  services: ServiceOption[];
  errors: PageError[];
  values: { name: string; serviceIds: string[]; operations: string[] };
  shown?: Shown;
}

export function IntegrationsPage({ ctx, viewer, integrations, targets, services, errors, values, shown }: IntegrationsProps) {
  const { t } = ctx;
  const title = t('bo.integrations.title');
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} />
      <ShownOnce ctx={ctx} shown={shown} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('bo.integrations.intro')}</p>

      <h2 class="kern-heading-medium">{t('bo.targets.title')}</h2>
      <p class="kern-body">{t('bo.targets.intro')}</p>
      {targets.length === 0 ? (
        <p class="kern-body">{t('bo.targets.none')}</p>
      ) : (
        <DataTable
          caption={t('bo.targets.title')}
          columns={[t('bo.targets.name'), t('bo.deliveries.service'), t('bo.targets.kind'), t('bo.targets.condition'), t('bo.deliveries.state')]}
        >
          {targets.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a class="kern-link" href={`${TARGETS}/${r.id}`}>
                  {r.name}
                </a>
              </th>
              <td>{r.serviceTitle}</td>
              <td>{kindLabel(ctx, r.kind)}</td>
              <td>{r.conditional ? t('bo.targets.conditional') : t('bo.targets.always')}</td>
              <td>{r.active ? t('bo.integrations.active') : t('bo.integrations.inactive')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <p>
        <a class="kern-link" href={`${TARGETS}/neu`}>
          {t('bo.targets.new')}
        </a>
      </p>

      <h2 class="kern-heading-medium">{t('bo.integrations.clients')}</h2>
      {integrations.length === 0 ? (
        <p class="kern-body">{t('bo.integrations.none')}</p>
      ) : (
        <DataTable
          caption={t('bo.integrations.clients')}
          columns={[t('bo.integrations.name'), t('bo.integrations.clientId'), t('bo.integrations.operations'), t('bo.deliveries.state')]}
        >
          {integrations.map((i) => (
            <tr key={i.id}>
              <th scope="row">
                <a class="kern-link" href={`${INTEGRATIONS}/${i.id}`}>
                  {i.name}
                </a>
              </th>
              <td>
                <code>{i.clientId}</code>
              </td>
              <td>{i.operations.map((op) => operationLabel(ctx, op)).join(', ')}</td>
              <td>{i.active ? t('bo.integrations.active') : t('bo.integrations.inactive')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h3 class="kern-heading-small">{t('bo.integrations.new')}</h3>
      <form method="post" action={INTEGRATIONS} novalidate>
        <CsrfField ctx={ctx} />
        <IntegrationFields ctx={ctx} services={services} values={values} errors={errors} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.integrations.create')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface IntegrationProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  integration: Integration;
  services: ServiceOption[];
  errors: PageError[];
  values: { name: string; serviceIds: string[]; operations: string[] };
  certSha256: string;
  shown?: Shown;
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
}

export function IntegrationPage({ ctx, viewer, integration: i, services, errors, values, certSha256, shown, notice }: IntegrationProps) {
  const { t } = ctx;
  const base = `${INTEGRATIONS}/${i.id}`;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${i.name}` : i.name} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} notice={notice} back={{ href: INTEGRATIONS, label: t('bo.integrations.title') }} />
      <ShownOnce ctx={ctx} shown={shown} />
      <h1 class="kern-heading-large">{i.name}</h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('bo.integrations.clientId')}>
          <code>{i.clientId}</code>
        </DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.state')}>{i.active ? t('bo.integrations.active') : t('bo.integrations.inactive')}</DescriptionItem>
        <DescriptionItem label={t('bo.integrations.apiKey')}>
          {i.hasApiKey ? t(i.certSha256 ? 'bo.integrations.apiKeyBound' : 'bo.integrations.apiKeySet') : t('bo.integrations.apiKeyNone')}
        </DescriptionItem>
      </dl>
      <h2 class="kern-heading-medium">{t('bo.integrations.access')}</h2>
      <form method="post" action={base} novalidate>
        <CsrfField ctx={ctx} />
        <IntegrationFields ctx={ctx} services={services} values={values} errors={errors} />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.integrations.save')}</span>
        </button>
      </form>
      <h2 class="kern-heading-medium">{t('bo.integrations.credentials')}</h2>
      <div class="bo-actions">
        <PostButton ctx={ctx} action={`${base}/geheimnis`} label={t('bo.integrations.rotate')} />
        <PostButton ctx={ctx} action={`${base}/status`} label={i.active ? t('bo.integrations.deactivate') : t('bo.integrations.activate')} />
      </div>
      <PostButton ctx={ctx} action={`${base}/api-schluessel`} label={t('bo.integrations.issueKey')}>
        <Input
          ctx={ctx}
          spec={{ name: 'cert', label: t('bo.integrations.cert'), hint: t('bo.integrations.certHint'), type: 'text', autocomplete: 'off', value: certSha256 }}
          error={errorOf(errors, 'cert')}
        />
      </PostButton>
    </BackofficeLayout>
  );
}
