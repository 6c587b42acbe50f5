// The editor's form for one version of a service: texts, fees, the responsible and further
// Organisationseinheiten, the online service (a form of this portal or another provider's address),
// LeiKa key and OZG-ID, Lebenslagen by Themenfeld, synonyms. Works without JavaScript.
import type { EditorialChoices, FormFields } from '../../catalog/index.ts';
import { SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, type PageError } from '../../platform/views/error-summary.tsx';
import { Checkboxes, Input, Radios, TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { fieldLabel } from './editorial-diff.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export interface EditFormProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  /** Null for a new service. */
  service: { id: string; title: string } | null;
  /** The version being edited, when a draft is open; its lock goes with the form. */
  draft: { number: number; lock: number } | null;
  choices: EditorialChoices;
  values: FormFields;
  errors: PageError[];
  action: string;
  back: string;
}

const str = (values: FormFields, name: string) => {
  const v = values[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
const list = (values: FormFields, name: string) => {
  const v = values[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};

export function EditServicePage({ ctx, viewer, service, draft, choices, values, errors, action, back }: EditFormProps) {
  const { t } = ctx;
  const error = (target: string) => errors.find((e) => e.target === target)?.message;
  const text = (name: string, options: { hint?: string; width?: string } = {}) => (
    <Input
      ctx={ctx}
      spec={{ name, label: fieldLabel(ctx, name as 'title'), type: 'text', autocomplete: 'off', value: str(values, name), ...options }}
      error={error(name)}
    />
  );
  const area = (name: string, rows: number, hint?: string) => (
    <TextArea
      ctx={ctx}
      name={name}
      label={fieldLabel(ctx, name as 'title')}
      hint={hint}
      value={str(values, name)}
      rows={rows}
      maxLength={20000}
      error={error(name)}
    />
  );
  const title = service ? t('edit.editTitle') : t('edit.newTitle');
  const lebenslagenByField = new Map<string, EditorialChoices['lebenslagen']>();
  for (const l of choices.lebenslagen) lebenslagenByField.set(l.themenfeld, [...(lebenslagenByField.get(l.themenfeld) ?? []), l]);
  const chosenLebenslagen = list(values, 'lebenslageIds');
  const serviceId = service?.id ?? null;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: back, label: service ? service.title : t('edit.title') }} />
      <h1 class="kern-heading-large">
        {title}
        {service ? <span class="kern-sr-only">: {service.title}</span> : null}
      </h1>
      <p class="kern-body">{draft ? t('edit.editLead', { n: draft.number }) : service ? t('edit.newVersionLead') : t('edit.intro')}</p>
      <form method="post" action={action} novalidate>
        <CsrfField ctx={ctx} />
        {draft ? <input type="hidden" name="lock" value={String(draft.lock)} /> : null}
        {text('title')}
        {service ? null : (
          <Input
            ctx={ctx}
            spec={{ name: 'slug', label: t('edit.slug'), hint: t('edit.slugHint'), type: 'text', autocomplete: 'off', value: str(values, 'slug') }}
            error={error('slug')}
          />
        )}
        {text('titleEn')}
        {area('summary', 3, t('edit.hint.summary'))}
        {area('description', 12, t('edit.hint.description'))}
        {area('prerequisites', 4, t('edit.hint.lines'))}
        {area('requiredDocuments', 4, t('edit.hint.lines'))}
        {text('fee', { hint: t('edit.hint.fee'), width: 'input-width-10' })}
        {text('feeText')}
        {text('processingTime')}
        {area('deadlines', 2)}
        {area('legalBasis', 2)}
        <SelectField
          ctx={ctx}
          id="organisationId"
          name="organisationId"
          label={fieldLabel(ctx, 'organisationId')}
          emptyLabel=""
          selected={str(values, 'organisationId')}
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={error('organisationId')}
        />
        <Checkboxes
          ctx={ctx}
          name="handlingOrganisationIds"
          legend={`${fieldLabel(ctx, 'handlingOrganisationIds')} – ${t('edit.hint.handling')}`}
          options={choices.organisations.map((o) => ({ value: o.id, label: o.name }))}
          checked={list(values, 'handlingOrganisationIds')}
          error={error('handlingOrganisationIds')}
        />
        <Radios
          ctx={ctx}
          name="online"
          legend={fieldLabel(ctx, 'online')}
          options={(['none', 'form', 'url'] as const).map((o) => ({ value: o, label: t(`edit.online.${o}`) }))}
          value={str(values, 'online') || 'none'}
          error={error('online')}
        />
        <SelectField
          id="formId"
          name="formId"
          label={t('edit.formId')}
          emptyLabel={t('edit.formNone')}
          selected={str(values, 'formId')}
          // A form serves one service: those of other services are not offered.
          options={choices.forms.filter((f) => f.serviceId === null || f.serviceId === serviceId).map((f) => ({ value: f.id, label: `${f.title} (${f.id})` }))}
        />
        <Input
          ctx={ctx}
          spec={{ name: 'onlineServiceUrl', label: t('edit.onlineUrl'), type: 'text', autocomplete: 'off', value: str(values, 'onlineServiceUrl') }}
        />
        {text('leikaKey', { hint: t('edit.hint.leikaKey'), width: 'input-width-20' })}
        {text('ozgId', { hint: t('edit.hint.ozgId'), width: 'input-width-10' })}
        <fieldset class="kern-fieldset" id="lebenslageIds">
          <legend class="kern-label">{fieldLabel(ctx, 'lebenslageIds')}</legend>
          <ErrorMessage id="lebenslageIds-error" ctx={ctx} message={error('lebenslageIds')} />
          {[...lebenslagenByField].map(([themenfeld, items]) => (
            <details key={themenfeld} class="edit-lebenslagen" open={items.some((l) => chosenLebenslagen.includes(String(l.id)))}>
              <summary class="kern-body">{themenfeld}</summary>
              <fieldset class="kern-fieldset">
                <legend class="kern-sr-only">{t('edit.lebenslagenOf', { themenfeld })}</legend>
                <div class="kern-fieldset__body">
                  {items.map((l) => (
                    <div class="kern-form-check" key={l.id}>
                      <input
                        class="kern-form-check__checkbox"
                        type="checkbox"
                        id={`lebenslage-${l.id}`}
                        name="lebenslageIds"
                        value={String(l.id)}
                        checked={chosenLebenslagen.includes(String(l.id))}
                      />
                      <label class="kern-label" for={`lebenslage-${l.id}`}>
                        {l.name}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            </details>
          ))}
        </fieldset>
        {area('keywords', 4, t('edit.hint.keywords'))}
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('edit.save')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}
