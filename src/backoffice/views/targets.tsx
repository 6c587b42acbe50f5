// Hand-off targets (role Administration): choosing service and kind (a GET form, so it works without
// JavaScript), then the fields of that kind and an optional condition; one target's settings (never
// its secret) with activate/deactivate and a new webhook secret.
import type { Integration, Target } from '../../handoff/index.ts';
import { TARGET_KINDS } from '../../handoff/index.ts';
import type { MessageKey, Translate } from '../../platform/i18n/index.ts';
import { DescriptionItem, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { Input, type InputSpec, Radios } from '../../platform/views/inputs.tsx';
import { CsrfField, PostButton } from '../../platform/views/simple-pages.tsx';
import { INTEGRATIONS, kindLabel, type ServiceOption, type Shown, ShownOnce, TARGETS } from './integrations.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

const errorOf = (errors: PageError[], target: string) => errors.find((e) => e.target === target)?.message;

/** The settings each kind asks for, in order; `secret` fields are written only, never shown again. */
export const KIND_FIELDS: Record<Target['kind'], { name: string; type: InputSpec['type']; secret?: boolean }[]> = {
  webhook: [{ name: 'url', type: 'text' }],
  email: [{ name: 'address', type: 'email' }],
  fitconnect: [
    { name: 'submissionUrl', type: 'text' },
    { name: 'tokenUrl', type: 'text' },
    { name: 'clientId', type: 'text' },
    { name: 'clientSecret', type: 'password', secret: true },
    { name: 'destinationId', type: 'text' },
    { name: 'scope', type: 'text' },
  ],
  pull: [],
};

export const fieldLabel = (t: Translate, name: string) => t(`bo.targets.field.${name}` as MessageKey);

export interface ChooseProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  services: ServiceOption[];
  values: { serviceId: string; kind: string };
  errors: PageError[];
}

/** Step 1: which service, which kind of target. */
export function ChooseTargetPage({ ctx, viewer, services, values, errors }: ChooseProps) {
  const { t } = ctx;
  const title = t('bo.targets.new');
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: INTEGRATIONS, label: t('bo.integrations.title') }} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="get" action={`${TARGETS}/neu`} novalidate>
        <SelectField
          ctx={ctx}
          id="leistung"
          name="leistung"
          label={t('bo.deliveries.service')}
          emptyLabel={t('bo.targets.chooseService')}
          selected={values.serviceId}
          options={services.map((s) => ({ value: s.id, label: s.title }))}
          error={errorOf(errors, 'leistung')}
        />
        <Radios
          ctx={ctx}
          name="art"
          legend={t('bo.targets.kind')}
          options={TARGET_KINDS.map((k) => ({ value: k, label: kindLabel(ctx, k) }))}
          value={values.kind}
          error={errorOf(errors, 'art')}
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.targets.next')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface TargetFormProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: ServiceOption;
  kind: Target['kind'];
  fields: { id: string; label: string }[];
  integrations: Integration[];
  values: Record<string, string>;
  errors: PageError[];
}

/** Step 2: the settings of the chosen kind, a name, and the optional condition. */
export function TargetFormPage({ ctx, viewer, service, kind, fields, integrations, values, errors }: TargetFormProps) {
  const { t } = ctx;
  const title = t('bo.targets.newFor', { kind: kindLabel(ctx, kind), service: service.title });
  const input = (name: string, type: InputSpec['type'], hint?: string) => (
    <Input
      key={name}
      ctx={ctx}
      spec={{
        name,
        label: fieldLabel(ctx.t, name),
        hint,
        type,
        autocomplete: type === 'password' ? 'new-password' : 'off',
        value: type === 'password' ? '' : (values[name] ?? ''),
      }}
      error={errorOf(errors, name)}
    />
  );
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: `${TARGETS}/neu?leistung=${service.id}`, label: t('bo.targets.chooseAgain') }} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t(`bo.targets.about.${kind}` as MessageKey)}</p>
      <form method="post" action={TARGETS} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="leistung" value={service.id} />
        <input type="hidden" name="art" value={kind} />
        {input('name', 'text', t('bo.targets.nameHint'))}
        {KIND_FIELDS[kind].map((f) => input(f.name, f.type, t(`bo.targets.hint.${f.name}` as MessageKey)))}
        {kind === 'webhook' ? (
          <Radios
            ctx={ctx}
            name="attachments"
            legend={fieldLabel(ctx.t, 'attachments')}
            options={[
              { value: 'links', label: t('bo.targets.attachments.links') },
              { value: 'inline', label: t('bo.targets.attachments.inline') },
            ]}
            value={values.attachments || 'links'}
          />
        ) : null}
        {kind === 'pull' ? (
          <SelectField
            ctx={ctx}
            id="integrationId"
            name="integrationId"
            label={fieldLabel(ctx.t, 'integrationId')}
            emptyLabel={t('bo.targets.chooseIntegration')}
            selected={values.integrationId ?? ''}
            options={integrations.filter((i) => i.active).map((i) => ({ value: i.id, label: i.name }))}
            error={errorOf(errors, 'integrationId')}
          />
        ) : null}
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('bo.targets.condition')}</legend>
          <p class="kern-hint">{t('bo.targets.conditionHint')}</p>
          <SelectField
            ctx={ctx}
            id="conditionField"
            name="conditionField"
            label={fieldLabel(ctx.t, 'conditionField')}
            emptyLabel={t('bo.targets.always')}
            selected={values.conditionField ?? ''}
            options={fields.map((f) => ({ value: f.id, label: `${f.label} (${f.id})` }))}
            error={errorOf(errors, 'conditionField')}
          />
          {input('conditionValue', 'text', t('bo.targets.hint.conditionValue'))}
        </fieldset>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.targets.create')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface TargetProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  target: Target;
  serviceTitle: string;
  integrationName?: string;
  shown?: Shown;
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
}

export function TargetPage({ ctx, viewer, target, serviceTitle, integrationName, shown, notice }: TargetProps) {
  const { t } = ctx;
  const settings = target.settings as Record<string, string>;
  const condition = target.condition && 'field' in target.condition ? target.condition : undefined;
  return (
    <BackofficeLayout ctx={ctx} title={target.name} staff={viewer}>
      <PageTop ctx={ctx} notice={notice} back={{ href: INTEGRATIONS, label: t('bo.integrations.title') }} />
      <ShownOnce ctx={ctx} shown={shown} />
      <h1 class="kern-heading-large">{target.name}</h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('bo.deliveries.service')}>{serviceTitle}</DescriptionItem>
        <DescriptionItem label={t('bo.targets.kind')}>{kindLabel(ctx, target.kind)}</DescriptionItem>
        <DescriptionItem label={t('bo.deliveries.state')}>{target.active ? t('bo.integrations.active') : t('bo.integrations.inactive')}</DescriptionItem>
        {KIND_FIELDS[target.kind]
          .filter((f) => !f.secret && settings[f.name])
          .map((f) => (
            <DescriptionItem key={f.name} label={fieldLabel(ctx.t, f.name)}>
              {settings[f.name]}
            </DescriptionItem>
          ))}
        {target.kind === 'webhook' ? (
          <DescriptionItem label={fieldLabel(ctx.t, 'attachments')}>
            {t(settings.attachments === 'inline' ? 'bo.targets.attachments.inline' : 'bo.targets.attachments.links')}
          </DescriptionItem>
        ) : null}
        {integrationName ? <DescriptionItem label={fieldLabel(ctx.t, 'integrationId')}>{integrationName}</DescriptionItem> : null}
        <DescriptionItem label={t('bo.targets.condition')}>
          {condition ? t('bo.targets.conditionText', { field: condition.field, value: String(condition.value ?? '') }) : t('bo.targets.always')}
        </DescriptionItem>
      </dl>
      <div class="bo-actions">
        <PostButton
          ctx={ctx}
          action={`${TARGETS}/${target.id}/status`}
          label={target.active ? t('bo.integrations.deactivate') : t('bo.integrations.activate')}
        />
        {target.kind === 'webhook' ? <PostButton ctx={ctx} action={`${TARGETS}/${target.id}/geheimnis`} label={t('bo.targets.rotate')} /> : null}
      </div>
    </BackofficeLayout>
  );
}
