// Sign-in and sign-out with a local account (e-mail and password).
import type { FastifyInstance } from 'fastify';
import { isEmailAddress } from '../../platform/email.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { SESSION_COOKIE, safeReturnPath, setSessionCookie } from '../http.ts';
import { SignInPage } from '../views/sign-in.tsx';
import { type AccountRouteDeps, ctxOf, fieldsOf, noStore } from './shared.tsx';

type SignInRoute = { Querystring: { weiter?: string; stufe?: string; bestaetigt?: string; neu?: string } };

export function registerSignInRoutes(app: FastifyInstance, deps: AccountRouteDeps): void {
  const { service, sessions } = deps;

  app.get<SignInRoute>('/konto/anmelden', async (request, reply) => {
    const next = safeReturnPath(request.query.weiter);
    if (request.citizen && !request.query.stufe) return reply.redirect(next, 303);
    const done = request.query.bestaetigt ? 'verified' : request.query.neu ? 'passwordSet' : undefined;
    return sendPage(
      noStore(reply),
      <SignInPage ctx={ctxOf(request, reply)} eid={deps.eid} next={next} email="" errors={[]} stepUp={request.query.stufe} done={done} />,
    );
  });

  app.post<SignInRoute>('/konto/anmelden', async (request, reply) => {
    const { email = '', password = '' } = fieldsOf(request);
    const next = safeReturnPath(request.query.weiter);
    const t = request.t;
    const errors: PageError[] = [];
    if (!isEmailAddress(email.trim())) errors.push({ target: 'email', message: t('form.error.email') });
    if (password === '') errors.push({ target: 'password', message: t('account.error.passwordMissing') });
    let status = 422;
    let unverified = false;
    if (errors.length === 0) {
      const outcome = await service.signIn(email.trim(), password, request.ip, String(request.headers['user-agent'] ?? ''));
      if (outcome.kind === 'signedIn') {
        // A new session id on every sign-in; the previous session (if any) ends.
        if (request.citizen) await sessions.end(request.citizen);
        setSessionCookie(reply, outcome.token, deps.cookieSecure);
        return reply.redirect(next, 303);
      }
      if (outcome.kind === 'locked') {
        status = 429;
        reply.header('retry-after', String(outcome.lock.minutes * 60));
        errors.push({ target: 'email', message: t(`account.error.locked.${outcome.lock.scope}`, { minutes: outcome.lock.minutes }) });
      } else if (outcome.kind === 'unverified') {
        unverified = true;
        errors.push({ target: 'email', message: t('account.error.unverified') });
      } else {
        errors.push({ target: 'email', message: t('account.error.invalid') });
      }
    }
    const page = <SignInPage ctx={ctxOf(request, reply)} eid={deps.eid} next={next} email={email} errors={errors} unverified={unverified} />;
    return sendPage(noStore(reply), page, status);
  });

  app.post('/konto/abmelden', async (request, reply) => {
    if (request.citizen) await sessions.end(request.citizen);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/konto/abgemeldet', 303);
  });

  app.get('/konto/abgemeldet', async (request, reply) =>
    sendPage(noStore(reply), <SignInPage ctx={ctxOf(request, reply)} eid={deps.eid} next="/konto" email="" errors={[]} done="signedOut" />),
  );
}
