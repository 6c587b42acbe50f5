// User administration: the staff list, creating a user (roles, Organisationseinheiten), editing access.
import type { StaffRole } from '../../platform/db/schema.ts';
import { DataTable } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Checkboxes, Input } from '../../platform/views/inputs.tsx';
import { CsrfField, Notice } from '../../platform/views/simple-pages.tsx';
import { STAFF_ROLES } from '../staff/service.ts';
import type { StaffUser } from '../staff/store.ts';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export interface Organisation {
  id: string;
  name: string;
}

const roleOptions = (ctx: ViewContext) => STAFF_ROLES.map((r) => ({ value: r, label: ctx.t(`bo.roles.${r}`) }));
const orgOptions = (orgs: Organisation[]) => orgs.map((o) => ({ value: o.id, label: o.name }));

export interface UsersPageProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  users: StaffUser[];
  organisations: Organisation[];
  errors: PageError[];
  values: { name?: string; email?: string; roles?: StaffRole[]; organisationIds?: string[] };
  created?: { email: string; password: string };
}

export function UsersPage({ ctx, viewer, users, organisations, errors, values, created }: UsersPageProps) {
  const { t } = ctx;
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const errorOf = (target: string) => errors.find((e) => e.target === target)?.message;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${t('bo.users.title')}` : t('bo.users.title')} staff={viewer}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {created ? (
        <Notice kind="success" title={t('bo.users.created')}>
          <p class="kern-body">{t('bo.users.createdPassword', created)}</p>
        </Notice>
      ) : null}
      <h1 class="kern-heading-large">{t('bo.users.title')}</h1>
      <DataTable
        caption={t('bo.users.title')}
        columns={[t('bo.users.name'), t('bo.users.email'), t('bo.users.roles'), t('bo.users.organisations'), t('bo.users.status')]}
      >
        {users.map((u) => (
          <tr key={u.id}>
            <th scope="row">
              <a class="kern-link" href={`/backoffice/benutzer/${u.id}`}>
                {u.name}
              </a>
            </th>
            <td>{u.email}</td>
            <td>{u.roles.map((r) => t(`bo.roles.${r}`)).join(', ')}</td>
            <td>{u.organisationIds.map((id) => orgName.get(id) ?? id).join(', ')}</td>
            <td>{!u.active ? t('bo.users.inactive') : u.totp_enabled_at ? t('bo.users.active') : t('bo.users.totpPending')}</td>
          </tr>
        ))}
      </DataTable>
      <section aria-labelledby="create-title" class="settings-section">
        <h2 class="kern-heading-medium" id="create-title">
          {t('bo.users.create')}
        </h2>
        <form method="post" action="/backoffice/benutzer" novalidate class="account-form">
          <CsrfField ctx={ctx} />
          <Input ctx={ctx} spec={{ name: 'name', label: t('bo.users.name'), type: 'text', autocomplete: 'off', value: values.name }} error={errorOf('name')} />
          <Input
            ctx={ctx}
            spec={{ name: 'email', label: t('bo.users.email'), type: 'email', autocomplete: 'off', value: values.email }}
            error={errorOf('email')}
          />
          <Checkboxes ctx={ctx} legend={t('bo.users.roles')} name="roles" options={roleOptions(ctx)} checked={values.roles ?? []} error={errorOf('roles')} />
          <Checkboxes
            ctx={ctx}
            legend={t('bo.users.organisations')}
            name="organisations"
            options={orgOptions(organisations)}
            checked={values.organisationIds ?? []}
          />
          <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{t('bo.users.createSubmit')}</span>
          </button>
        </form>
      </section>
    </BackofficeLayout>
  );
}

export function UserPage({
  ctx,
  viewer,
  user,
  organisations,
  errors,
  notice,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  user: StaffUser;
  organisations: Organisation[];
  errors: PageError[];
  notice?: string;
}) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={user.name} staff={viewer}>
      <PageTop
        ctx={ctx}
        errors={errors}
        notice={notice ? { kind: 'success', title: t('account.settings.saved'), text: notice } : undefined}
        back={{ href: '/backoffice/benutzer', label: t('bo.users.title') }}
      />
      <h1 class="kern-heading-large">{user.name}</h1>
      <p class="kern-body">{user.email}</p>
      <form method="post" action={`/backoffice/benutzer/${user.id}`} novalidate class="account-form">
        <CsrfField ctx={ctx} />
        <Checkboxes
          ctx={ctx}
          legend={t('bo.users.roles')}
          name="roles"
          options={roleOptions(ctx)}
          checked={user.roles}
          error={errors.find((e) => e.target === 'roles')?.message}
        />
        <Checkboxes ctx={ctx} legend={t('bo.users.organisations')} name="organisations" options={orgOptions(organisations)} checked={user.organisationIds} />
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" id="active" name="active" value="ja" checked={user.active} />
          <label class="kern-label" for="active">
            {t('bo.users.activeLabel')}
          </label>
        </div>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('bo.users.save')}</span>
        </button>
      </form>
      <form method="post" action={`/backoffice/benutzer/${user.id}/totp-zuruecksetzen`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('bo.users.resetTotp')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}
