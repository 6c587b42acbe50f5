// The signed-in citizen's own pages: overview, settings and their forms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isEmailAddress } from '../../platform/email.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { citizenOr } from '../http.ts';
import type { Session } from '../sessions.ts';
import * as store from '../store.ts';
import { SETTINGS_DONE, type SettingsDone, SettingsPage } from '../views/settings.tsx';
import { passwordError } from './register.tsx';
import { type AccountRouteDeps, ctxOf, fieldsOf, noStore } from './shared.tsx';

const isDone = (value: unknown): value is SettingsDone => SETTINGS_DONE.includes(value as SettingsDone);

export function registerSettingsRoutes(app: FastifyInstance, deps: AccountRouteDeps & { db: store.Db }): void {
  const { service, sessions, db } = deps;

  async function settingsPage(request: FastifyRequest, reply: FastifyReply, session: Session, errors: PageError[] = [], values?: Record<string, string>) {
    const account = (await store.findAccount(db, session.accountId)) ?? session.account;
    const done = (request.query as { geaendert?: string }).geaendert;
    return sendPage(
      noStore(reply),
      <SettingsPage
        ctx={ctxOf(request, reply)}
        email={account.email}
        hasPassword={Boolean(account.password_hash)}
        notifyByMail={account.notify_by_mail}
        organisation={{ name: account.organisation_name ?? '', register: account.organisation_register ?? '' }}
        sessions={await store.countSessions(db, account.id)}
        errors={errors}
        values={values}
        done={errors.length === 0 && isDone(done) ? done : undefined}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  const saved = (reply: FastifyReply, done: SettingsDone) => reply.redirect(`/konto/einstellungen?geaendert=${done}`, 303);

  app.get('/konto/einstellungen', async (request, reply) => {
    const session = citizenOr(request, reply);
    return session ? settingsPage(request, reply, session) : reply;
  });

  app.post('/konto/einstellungen/email', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { new_email = '', email_password = '' } = fieldsOf(request);
    const email = new_email.trim();
    if (!isEmailAddress(email)) return settingsPage(request, reply, session, [{ target: 'new_email', message: request.t('form.error.email') }], { new_email });
    const outcome = await service.requestEmailChange(session.account, email_password, email, request.lang);
    if (outcome.wrongCurrent)
      return settingsPage(request, reply, session, [{ target: 'email_password', message: request.t('account.error.currentPassword') }], { new_email });
    return saved(reply, 'emailSent');
  });

  app.post('/konto/einstellungen/passwort', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { current_password = '', new_password = '' } = fieldsOf(request);
    const outcome = await service.changePassword(session.account, current_password, new_password, session);
    if (outcome.wrongCurrent)
      return settingsPage(request, reply, session, [{ target: 'current_password', message: request.t('account.error.currentPassword') }]);
    if (outcome.problem) return settingsPage(request, reply, session, [passwordError(request.t, outcome.problem, 'new_password')]);
    return saved(reply, 'password');
  });

  app.post('/konto/einstellungen/benachrichtigung', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    await store.updateAccount(db, session.accountId, { notify_by_mail: fieldsOf(request).notify === 'ja' });
    return saved(reply, 'notifications');
  });

  app.post('/konto/einstellungen/organisation', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const values = fieldsOf(request);
    const name = (values.organisation_name ?? '').trim();
    const register = (values.organisation_register ?? '').trim();
    if (register !== '' && name === '') {
      return settingsPage(request, reply, session, [{ target: 'organisation_name', message: request.t('account.error.organisationName') }], values);
    }
    if (name.length > 200 || register.length > 60) {
      return settingsPage(request, reply, session, [{ target: 'organisation_name', message: request.t('account.error.organisationLength') }], values);
    }
    await store.updateAccount(db, session.accountId, { organisation_name: name || null, organisation_register: register || null });
    return saved(reply, 'organisation');
  });

  app.post('/konto/abmelden-ueberall', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    await sessions.endAll(session.accountId, session);
    return saved(reply, 'sessions');
  });
}
