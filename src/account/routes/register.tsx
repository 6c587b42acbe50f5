// Registration with e-mail verification, and the forgotten-password way back in. Links from mails
// open a page with a button: mail scanners that fetch links must not use them up.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isEmailAddress } from '../../platform/email.ts';
import type { Translate } from '../../platform/i18n/index.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { FormPage, MessagePage } from '../../platform/views/simple-pages.tsx';
import type { PasswordProblem } from '../passwords.ts';
import { type AccountRouteDeps, ctxOf, fieldsOf, noStore, sendSignInHint } from './shared.tsx';

type TokenRoute = { Querystring: { token?: string } };
const kindKey = { verify: 'verify', email: 'emailChange' } as const;

export const passwordError = (t: Translate, problem: PasswordProblem, target = 'password'): PageError => ({
  target,
  message: t(`account.error.password.${problem}`),
});

export function registerRegistrationRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  const { service } = deps;

  function registerPage(request: FastifyRequest, reply: Parameters<typeof ctxOf>[1], email: string, errors: PageError[]) {
    const { t } = request;
    return sendPage(
      noStore(reply),
      <FormPage
        ctx={ctxOf(request, reply)}
        title={t('account.register.title')}
        lead={t('account.register.lead')}
        action="/konto/registrieren"
        inputs={[
          { name: 'email', label: t('account.email'), hint: t('account.register.emailHint'), type: 'email', autocomplete: 'email', value: email },
          { name: 'password', label: t('account.newPassword'), hint: t('account.passwordHint'), type: 'password', autocomplete: 'new-password' },
        ]}
        submit={t('account.register.submit')}
        errors={errors}
        after={
          <p class="kern-body form-actions">
            <a class="kern-link" href="/konto/anmelden">
              {t('account.register.haveAccount')}
            </a>
          </p>
        }
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  const checkMail = (request: FastifyRequest, reply: Parameters<typeof ctxOf>[1], email: string) =>
    sendPage(
      noStore(reply),
      <MessagePage ctx={ctxOf(request, reply)} title={request.t('account.checkMail.title')}>
        <p class="kern-body">{request.t('account.checkMail.body', { email, hours: service.settings.linkHours })}</p>
      </MessagePage>,
    );

  app.get('/konto/registrieren', async (request, reply) => registerPage(request, reply, '', []));

  app.post('/konto/registrieren', async (request, reply) => {
    const { email = '', password = '' } = fieldsOf(request);
    const address = email.trim();
    if (!isEmailAddress(address)) return registerPage(request, reply, email, [{ target: 'email', message: request.t('form.error.email') }]);
    const { problem } = await service.register(address, password, request.lang);
    if (problem) return registerPage(request, reply, email, [passwordError(request.t, problem)]);
    return checkMail(request, reply, address);
  });

  app.post('/konto/bestaetigung-erneut', async (request, reply) => {
    const email = (fieldsOf(request).email ?? '').trim();
    if (isEmailAddress(email)) await service.resendVerification(email, request.lang);
    return checkMail(request, reply, email);
  });

  const confirmPage = (request: FastifyRequest, reply: Parameters<typeof ctxOf>[1], kind: 'verify' | 'email', token: string) =>
    sendPage(
      noStore(reply),
      <FormPage
        ctx={ctxOf(request, reply)}
        title={request.t(`account.${kindKey[kind]}.title`)}
        lead={request.t(`account.${kindKey[kind]}.lead`)}
        action={`${kind === 'verify' ? '/konto/bestaetigen' : '/konto/email-bestaetigen'}?token=${encodeURIComponent(token)}`}
        inputs={[]}
        submit={request.t(`account.${kindKey[kind]}.submit`)}
      />,
    );

  const linkInvalid = (request: FastifyRequest, reply: Parameters<typeof ctxOf>[1]) =>
    sendSignInHint(request, reply, request.t('account.linkInvalid.title'), request.t('account.linkInvalid.body'), 404);

  app.get<TokenRoute>('/konto/bestaetigen', async (request, reply) => confirmPage(request, reply, 'verify', request.query.token ?? ''));

  app.post<TokenRoute>('/konto/bestaetigen', async (request, reply) => {
    if (!(await service.verifyEmail(request.query.token))) return linkInvalid(request, reply);
    return reply.redirect('/konto/anmelden?bestaetigt=1', 303);
  });

  app.get<TokenRoute>('/konto/email-bestaetigen', async (request, reply) => confirmPage(request, reply, 'email', request.query.token ?? ''));

  app.post<TokenRoute>('/konto/email-bestaetigen', async (request, reply) => {
    if (!(await service.confirmEmailChange(request.query.token))) return linkInvalid(request, reply);
    return reply.redirect('/konto/einstellungen?geaendert=email', 303);
  });

  const forgotPage = (request: FastifyRequest, reply: Parameters<typeof ctxOf>[1], email: string, errors: PageError[]) =>
    sendPage(
      noStore(reply),
      <FormPage
        ctx={ctxOf(request, reply)}
        title={request.t('account.forgot.title')}
        lead={request.t('account.forgot.lead')}
        action="/konto/passwort-vergessen"
        inputs={[{ name: 'email', label: request.t('account.email'), type: 'email', autocomplete: 'email', value: email }]}
        submit={request.t('account.forgot.submit')}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  app.get('/konto/passwort-vergessen', async (request, reply) => forgotPage(request, reply, '', []));

  app.post('/konto/passwort-vergessen', async (request, reply) => {
    const email = (fieldsOf(request).email ?? '').trim();
    if (!isEmailAddress(email)) return forgotPage(request, reply, email, [{ target: 'email', message: request.t('form.error.email') }]);
    await service.requestReset(email, request.lang);
    return checkMail(request, reply, email);
  });

  const resetPage = (request: FastifyRequest<TokenRoute>, reply: Parameters<typeof ctxOf>[1], errors: PageError[]) =>
    sendPage(
      noStore(reply),
      <FormPage
        ctx={ctxOf(request, reply)}
        title={request.t('account.reset.title')}
        action={`/konto/passwort-neu?token=${encodeURIComponent(request.query.token ?? '')}`}
        inputs={[
          {
            name: 'password',
            label: request.t('account.newPassword'),
            hint: request.t('account.passwordHint'),
            type: 'password',
            autocomplete: 'new-password',
          },
        ]}
        submit={request.t('account.reset.submit')}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );

  app.get<TokenRoute>('/konto/passwort-neu', async (request, reply) =>
    (await service.hasValidResetLink(request.query.token)) ? resetPage(request, reply, []) : linkInvalid(request, reply),
  );

  app.post<TokenRoute>('/konto/passwort-neu', async (request, reply) => {
    const outcome = await service.resetPassword(request.query.token, fieldsOf(request).password ?? '');
    if (outcome.invalidLink) return linkInvalid(request, reply);
    if (outcome.problem) return resetPage(request, reply, [passwordError(request.t, outcome.problem)]);
    return reply.redirect('/konto/anmelden?neu=1', 303);
  });
}
