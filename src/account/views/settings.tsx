// Account settings: e-mail, password, notifications, the organisation the account acts for, sessions.

import type { ComponentChildren } from 'preact';
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorSummary, type PageError } from '../../platform/views/error-summary.tsx';
import { Input, type InputSpec } from '../../platform/views/inputs.tsx';
import { AccountPage, CsrfField, Notice } from '../../platform/views/simple-pages.tsx';

export const SETTINGS_DONE = ['email', 'emailSent', 'password', 'notifications', 'organisation', 'sessions'] as const;
export type SettingsDone = (typeof SETTINGS_DONE)[number];

export interface SettingsProps {
  ctx: ViewContext;
  email: string | null;
  hasPassword: boolean;
  notifyByMail: boolean;
  organisation: { name: string; register: string };
  sessions: number;
  errors: PageError[];
  /** What was just saved, to confirm it. */
  done?: SettingsDone;
  values?: Record<string, string>;
}

function Section({
  ctx,
  id,
  title,
  action,
  inputs,
  errors,
  submit,
  children,
}: {
  ctx: ViewContext;
  id: string;
  title: string;
  action: string;
  inputs: InputSpec[];
  errors: PageError[];
  submit: string;
  children?: ComponentChildren;
}) {
  return (
    <section aria-labelledby={`${id}-title`} class="settings-section">
      <h2 class="kern-heading-medium" id={`${id}-title`}>
        {title}
      </h2>
      <form method="post" action={action} novalidate class="account-form">
        <CsrfField ctx={ctx} />
        {children}
        {inputs.map((spec) => (
          <Input key={spec.name} ctx={ctx} spec={spec} error={errors.find((e) => e.target === spec.name)?.message} />
        ))}
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{submit}</span>
        </button>
      </form>
    </section>
  );
}

export function SettingsPage({ ctx, email, hasPassword, notifyByMail, organisation, sessions, errors, done, values = {} }: SettingsProps) {
  const { t } = ctx;
  const current = (name: string): InputSpec => ({ name, label: t('account.currentPassword'), type: 'password', autocomplete: 'current-password' });
  return (
    <AccountPage ctx={ctx} title={t('account.settings.title')} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {done ? (
        <Notice kind="success" title={t('account.settings.saved')}>
          <p class="kern-body">{t(`account.settings.done.${done}`)}</p>
        </Notice>
      ) : null}
      <BackLink href="/konto" label={t('account.overview.title')} />
      <h1 class="kern-heading-large">{t('account.settings.title')}</h1>
      <Section
        ctx={ctx}
        id="email-section"
        title={t('account.settings.email')}
        action="/konto/einstellungen/email"
        errors={errors}
        submit={t('account.settings.emailSubmit')}
        inputs={[
          {
            name: 'new_email',
            label: t('account.settings.newEmail'),
            hint: email ? t('account.settings.currentEmail', { email }) : undefined,
            type: 'email',
            autocomplete: 'email',
            value: values.new_email,
          },
          ...(hasPassword ? [current('email_password')] : []),
        ]}
      />
      {hasPassword ? (
        <Section
          ctx={ctx}
          id="password-section"
          title={t('account.settings.password')}
          action="/konto/einstellungen/passwort"
          errors={errors}
          submit={t('account.settings.passwordSubmit')}
          inputs={[
            current('current_password'),
            { name: 'new_password', label: t('account.newPassword'), hint: t('account.passwordHint'), type: 'password', autocomplete: 'new-password' },
          ]}
        />
      ) : null}
      <Section
        ctx={ctx}
        id="notify-section"
        title={t('account.settings.notifications')}
        action="/konto/einstellungen/benachrichtigung"
        errors={errors}
        submit={t('account.settings.save')}
        inputs={[]}
      >
        <div class="kern-form-check">
          <input class="kern-form-check__checkbox" type="checkbox" id="notify" name="notify" value="ja" checked={notifyByMail} />
          <label class="kern-label" for="notify">
            {t('account.settings.notify')}
          </label>
        </div>
      </Section>
      <Section
        ctx={ctx}
        id="organisation-section"
        title={t('account.settings.organisation')}
        action="/konto/einstellungen/organisation"
        errors={errors}
        submit={t('account.settings.save')}
        inputs={[
          {
            name: 'organisation_name',
            label: t('account.settings.organisationName'),
            hint: t('account.settings.organisationHint'),
            type: 'text',
            autocomplete: 'organization',
            value: values.organisation_name ?? organisation.name,
          },
          {
            name: 'organisation_register',
            label: t('account.settings.organisationRegister'),
            hint: t('account.settings.organisationRegisterHint'),
            type: 'text',
            autocomplete: 'off',
            value: values.organisation_register ?? organisation.register,
          },
        ]}
      />
      <Section
        ctx={ctx}
        id="sessions-section"
        title={t('account.settings.sessions')}
        action="/konto/abmelden-ueberall"
        errors={errors}
        submit={t('account.settings.signOutEverywhere')}
        inputs={[]}
      >
        <p class="kern-body">{t('account.settings.sessionCount', { count: sessions })}</p>
      </Section>
    </AccountPage>
  );
}
