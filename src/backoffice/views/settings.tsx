// A service's case settings (role Teamleitung): the list of the office's services, one service's
// deadline, workflow and notice templates, and the template editor.
import type { CaseStatus, NoticeOutcome } from '../../platform/db/schema.ts';
import { DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { Checkboxes, Input } from '../../platform/views/inputs.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { CASE_PLACEHOLDERS } from '../cases/template.ts';
import { CASE_STATUSES, END, type Workflow } from '../cases/workflow.ts';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';
import { NoticeFields } from './notice-section.tsx';

const BASE = '/backoffice/leistungen';
const titleOf = (ctx: ViewContext, title: string, errors: PageError[]) => (errors.length > 0 ? `${ctx.t('form.errorPrefix')} ${title}` : title);
const errorOf = (errors: PageError[], target: string) => errors.find((e) => e.target === target)?.message;

export interface ServiceRow {
  id: string;
  title: string;
  processingDays: number;
  ownWorkflow: boolean;
  templates: number;
}

export function ServicesPage({ ctx, viewer, services }: { ctx: ViewContext; viewer: StaffViewer; services: ServiceRow[] }) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('bo.settings.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('bo.settings.title')}</h1>
      <p class="kern-body">{t('bo.settings.intro')}</p>
      {services.length === 0 ? (
        <p class="kern-body">{t('bo.settings.none')}</p>
      ) : (
        <DataTable
          caption={t('bo.settings.title')}
          columns={[t('bo.inbox.service'), t('bo.settings.deadline'), t('bo.settings.workflow'), t('bo.settings.templates')]}
        >
          {services.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a class="kern-link" href={`${BASE}/${s.id}`}>
                  {s.title}
                </a>
              </th>
              <td>{t('bo.settings.days', { days: s.processingDays })}</td>
              <td>{s.ownWorkflow ? t('bo.settings.workflowOwn') : t('bo.settings.workflowDefault')}</td>
              <td>{s.templates}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </BackofficeLayout>
  );
}

export interface ServiceSettingsProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: { id: string; title: string; processingDays: string; ownWorkflow: boolean; noticeToPostbox: boolean; paperStep: boolean };
  workflow: Workflow;
  templates: { id: string; name: string; outcome: NoticeOutcome }[];
  errors: PageError[];
  notice?: string;
}

function WorkflowForm({ ctx, base, workflow, own, errors }: { ctx: ViewContext; base: string; workflow: Workflow; own: boolean; errors: PageError[] }) {
  const { t } = ctx;
  const label = (s: CaseStatus) => t(`case.status.${s}`);
  return (
    <section aria-labelledby="workflow-title" class="settings-section">
      <h2 class="kern-heading-medium" id="workflow-title">
        {t('bo.settings.workflow')}
      </h2>
      <p class="kern-body">{own ? t('bo.settings.workflowOwnHint') : t('bo.settings.workflowDefaultHint')}</p>
      <form method="post" action={`${base}/ablauf`} novalidate class="account-form workflow-form">
        <CsrfField ctx={ctx} />
        {CASE_STATUSES.filter((s) => s !== END).map((from) => (
          <Checkboxes
            key={from}
            ctx={ctx}
            legend={t('bo.settings.after', { status: label(from) })}
            name={`next-${from}`}
            options={CASE_STATUSES.filter((to) => to !== from).map((to) => ({ value: to, label: label(to) }))}
            checked={workflow[from]}
            error={errorOf(errors, `next-${from}`)}
          />
        ))}
        <p class="form-actions">
          <button type="submit" name="aktion" value="speichern" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('bo.settings.saveWorkflow')}</span>
          </button>
          {own ? (
            <button type="submit" name="aktion" value="standard" class="kern-btn kern-btn--secondary">
              <span class="kern-label">{t('bo.settings.resetWorkflow')}</span>
            </button>
          ) : null}
        </p>
      </form>
    </section>
  );
}

export function ServiceSettingsPage({ ctx, viewer, service, workflow, templates, errors, notice }: ServiceSettingsProps) {
  const { t } = ctx;
  const base = `${BASE}/${service.id}`;
  return (
    <BackofficeLayout ctx={ctx} title={titleOf(ctx, service.title, errors)} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={notice ? { kind: 'success', title: t('account.settings.saved'), text: notice } : undefined}
        back={{ href: BASE, label: t('bo.settings.title') }}
      />
      <h1 class="kern-heading-large">{service.title}</h1>
      <section aria-labelledby="deadline-title" class="settings-section">
        <h2 class="kern-heading-medium" id="deadline-title">
          {t('bo.settings.deadline')}
        </h2>
        <form method="post" action={`${base}/frist`} novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <Input
            ctx={ctx}
            spec={{
              name: 'days',
              label: t('bo.settings.daysLabel'),
              hint: t('bo.settings.daysHint'),
              type: 'text',
              autocomplete: 'off',
              value: service.processingDays,
              width: 'input-width-5',
              inputMode: 'numeric',
            }}
            error={errorOf(errors, 'days')}
          />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('bo.settings.saveDeadline')}</span>
          </button>
        </form>
      </section>
      <section aria-labelledby="delivery-title" class="settings-section">
        <h2 class="kern-heading-medium" id="delivery-title">
          {t('bo.settings.delivery')}
        </h2>
        <form method="post" action={`${base}/zustellung`} novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <Checkboxes
            ctx={ctx}
            legend={t('bo.settings.deliveryLegend')}
            name="zustellung"
            options={[
              { value: 'postfach', label: t('bo.settings.noticeToPostbox') },
              { value: 'papier', label: t('bo.settings.paperStep') },
            ]}
            checked={[...(service.noticeToPostbox ? ['postfach'] : []), ...(service.paperStep ? ['papier'] : [])]}
          />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('bo.settings.saveDelivery')}</span>
          </button>
        </form>
      </section>
      <WorkflowForm ctx={ctx} base={base} workflow={workflow} own={service.ownWorkflow} errors={errors} />
      <section aria-labelledby="templates-title" class="settings-section">
        <h2 class="kern-heading-medium" id="templates-title">
          {t('bo.settings.templates')}
        </h2>
        {templates.length === 0 ? (
          <p class="kern-body">{t('bo.settings.noTemplates')}</p>
        ) : (
          <ul class="kern-list">
            {templates.map((tpl) => (
              <li key={tpl.id}>
                <a class="kern-link" href={`${base}/vorlagen/${tpl.id}`}>
                  {tpl.name}
                </a>{' '}
                ({t(`bo.notice.outcome.${tpl.outcome}`)})
              </li>
            ))}
          </ul>
        )}
        <p>
          <a class="kern-link" href={`${base}/vorlagen/neu`}>
            {t('bo.settings.newTemplate')}
          </a>
        </p>
      </section>
    </BackofficeLayout>
  );
}

export interface TemplatePageProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: { id: string; title: string };
  templateId?: string;
  form: { name: string; outcome?: string; body: string; legalRemedy: string; fee: string };
  errors: PageError[];
}

export function TemplatePage({ ctx, viewer, service, templateId, form, errors }: TemplatePageProps) {
  const { t } = ctx;
  const base = `${BASE}/${service.id}`;
  const action = `${base}/vorlagen/${templateId ?? 'neu'}`;
  const heading = templateId ? form.name || t('bo.settings.template') : t('bo.settings.newTemplate');
  return (
    <BackofficeLayout ctx={ctx} title={titleOf(ctx, heading, errors)} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: base, label: service.title }} />
      <h1 class="kern-heading-large">{heading}</h1>
      <form method="post" action={action} novalidate class="account-form">
        <CsrfField ctx={ctx} />
        <Input
          ctx={ctx}
          spec={{ name: 'name', label: t('bo.settings.templateName'), type: 'text', autocomplete: 'off', value: form.name }}
          error={errorOf(errors, 'name')}
        />
        <NoticeFields
          ctx={ctx}
          form={form}
          bodyHint={t('bo.settings.placeholders', { names: [...CASE_PLACEHOLDERS, 'antwort.<Feld-ID>'].map((n) => `{{${n}}}`).join(', ') })}
          errorOf={(target) => errorOf(errors, target)}
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.settings.saveTemplate')}</span>
        </button>
      </form>
      {templateId ? (
        <form method="post" action={`${action}/loeschen`} class="form-actions">
          <CsrfField ctx={ctx} />
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('bo.settings.deleteTemplate')}</span>
          </button>
        </form>
      ) : null}
    </BackofficeLayout>
  );
}
