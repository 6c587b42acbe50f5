// The editors' page (Redaktion): forms with their versions, importing a FIM Stammdatenschema or a
// genericode code list by upload, the to-dos of the last import, and publishing a draft.

import { DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { FieldShell, Input } from '../../platform/views/inputs.tsx';
import { CsrfField, Notice } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, type StaffViewer } from './layout.tsx';

export interface FormRow {
  id: string;
  title: string;
  latest: number;
  latestStatus: 'draft' | 'published';
  published?: number;
  todos: number;
}

export interface ImportResult {
  formId: string;
  title: string;
  version: number;
  todos: { itemId: string; message: string }[];
}

export function FormsPage({
  ctx,
  viewer,
  forms,
  errors,
  imported,
  done,
  values,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  forms: FormRow[];
  errors: PageError[];
  imported?: ImportResult;
  done?: string;
  values: { formId?: string };
}) {
  const { t } = ctx;
  const token = encodeURIComponent(ctx.csrfToken ?? '');
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${t('bo.forms.title')}` : t('bo.forms.title')} staff={viewer}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {done ? (
        <Notice kind="success" title={t('account.settings.saved')}>
          <p class="kern-body">{done}</p>
        </Notice>
      ) : null}
      <h1 class="kern-heading-large">{t('bo.forms.title')}</h1>
      {imported ? (
        <section aria-labelledby="imported-title" class="postbox-quote">
          <h2 class="kern-heading-medium" id="imported-title">
            {t('bo.forms.imported', { title: imported.title, version: imported.version, id: imported.formId })}
          </h2>
          {imported.todos.length === 0 ? (
            <p class="kern-body">{t('bo.forms.noTodos')}</p>
          ) : (
            <>
              <p class="kern-body">{t('bo.forms.todosLead', { count: imported.todos.length })}</p>
              <ul class="kern-list">
                {imported.todos.map((todo, i) => (
                  <li key={`${todo.itemId}-${i}`}>
                    <code>{todo.itemId}</code>: {todo.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      ) : null}
      <DataTable
        caption={t('bo.forms.title')}
        columns={[t('bo.forms.id'), t('bo.forms.name'), t('bo.forms.version'), t('bo.forms.todos'), t('bo.forms.action')]}
      >
        {forms.map((f) => (
          <tr key={f.id}>
            <th scope="row">
              <code>{f.id}</code>
            </th>
            <td>{f.title}</td>
            <td>
              {f.latestStatus === 'draft' ? t('bo.forms.draft', { version: f.latest }) : t('bo.forms.published', { version: f.latest })}
              {f.latestStatus === 'draft' && f.published ? ` (${t('bo.forms.published', { version: f.published })})` : ''}
            </td>
            <td>{f.todos}</td>
            <td>
              {f.latestStatus === 'draft' ? (
                <form method="post" action={`/backoffice/formulare/${f.id}/veroeffentlichen`}>
                  <CsrfField ctx={ctx} />
                  <button type="submit" class="kern-btn kern-btn--secondary kern-btn--small">
                    <span class="kern-label">{t('bo.forms.publish', { version: f.latest })}</span>
                  </button>
                </form>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="upload-title" class="settings-section">
        <h2 class="kern-heading-medium" id="upload-title">
          {t('bo.forms.upload')}
        </h2>
        <p class="kern-body">{t('bo.forms.uploadLead')}</p>
        <form method="post" action={`/backoffice/formulare?_csrf=${token}`} enctype="multipart/form-data" novalidate class="account-form">
          <div class={`kern-form-input${errorOf('kind') ? ' kern-form-input--error' : ''}`}>
            <label class="kern-label" for="kind">
              {t('bo.forms.kind')}
            </label>
            <div class="kern-form-input__select-wrapper">
              <select class="kern-form-input__select" id="kind" name="kind">
                <option value="fim">{t('bo.forms.kindFim')}</option>
                <option value="codelist">{t('bo.forms.kindCodelist')}</option>
              </select>
            </div>
          </div>
          <Input
            ctx={ctx}
            spec={{ name: 'formId', label: t('bo.forms.formId'), hint: t('bo.forms.formIdHint'), type: 'text', autocomplete: 'off', value: values.formId }}
            error={errorOf('formId')}
          />
          <FieldShell ctx={ctx} name="file" label={t('bo.forms.file')} error={errorOf('file')}>
            <input
              class="kern-form-input__input"
              type="file"
              id="file"
              name="file"
              accept=".xml,application/xml,text/xml"
              aria-describedby={errorOf('file') ? 'file-error' : undefined}
            />
          </FieldShell>
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('bo.forms.import')}</span>
          </button>
        </form>
      </section>
    </BackofficeLayout>
  );
}
