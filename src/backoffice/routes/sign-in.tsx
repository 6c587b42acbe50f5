// Staff sign-in: password, then the code from the authenticator app; on the first sign-in the app is
// set up from a QR code. Sign-out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { totpUri } from '../../platform/auth/totp.ts';
import { isEmailAddress } from '../../platform/email.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { FormPage } from '../../platform/views/simple-pages.tsx';
import { STAFF_COOKIE, STAFF_PATH, setStaffCookie } from '../http.ts';
import type { StaffService } from '../staff/service.ts';
import { BackofficeFrame } from '../views/layout.tsx';
import { PROVIDER_PATH } from './provider-sign-in.tsx';

export interface SignInDeps {
  staff: StaffService;
  cookieSecure: boolean;
  municipality: string;
  /** Whether staff may also sign in through the identity provider (a link on the sign-in page). */
  provider: boolean;
}

const fields = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string | undefined>;

export function registerStaffSignIn(app: FastifyInstance, deps: SignInDeps): void {
  const { staff } = deps;
  const userAgent = (request: FastifyRequest) => String(request.headers['user-agent'] ?? '');

  function passwordPage(request: FastifyRequest, reply: FastifyReply, email: string, errors: PageError[], status = 422) {
    const { t } = request;
    return sendPage(
      noStore(reply),
      <FormPage
        frame={BackofficeFrame}
        ctx={formContext(request, reply)}
        title={t('bo.signIn.title')}
        lead={t('bo.signIn.lead')}
        action={`${STAFF_PATH}/anmelden`}
        inputs={[
          { name: 'email', label: t('account.email'), type: 'email', autocomplete: 'username', value: email },
          { name: 'password', label: t('account.password'), type: 'password', autocomplete: 'current-password' },
        ]}
        submit={t('account.signIn.submit')}
        errors={errors}
        after={
          deps.provider ? (
            <p class="form-actions">
              <a class="kern-btn kern-btn--secondary" href={PROVIDER_PATH}>
                <span class="kern-label">{t('bo.provider.signIn')}</span>
              </a>
            </p>
          ) : undefined
        }
      />,
      errors.length > 0 ? status : 200,
    );
  }

  async function codePage(request: FastifyRequest, reply: FastifyReply, errors: PageError[] = [], status = 422) {
    const session = request.staff;
    if (!session || session.stage !== 'password') return reply.redirect(`${STAFF_PATH}/anmelden`, 303);
    const { t } = request;
    const enrolling = !session.user.totp_enabled_at;
    const secret = enrolling ? await staff.enrolmentSecret(session.user) : undefined;
    const qr = secret ? await QRCode.toDataURL(totpUri(secret, `Amtsweg ${deps.municipality}`, session.user.email), { margin: 1, width: 220 }) : undefined;
    return sendPage(
      noStore(reply),
      <FormPage
        frame={BackofficeFrame}
        ctx={formContext(request, reply)}
        title={enrolling ? t('bo.enrol.title') : t('bo.code.title')}
        lead={enrolling ? t('bo.enrol.lead') : t('bo.code.lead')}
        action={`${STAFF_PATH}/anmelden/code`}
        before={
          qr && secret ? (
            <div class="bo-enrol">
              <img src={qr} alt={t('bo.enrol.qrAlt')} width={220} height={220} />
              <p class="kern-body">
                {t('bo.enrol.manual')} <code class="bo-secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
              </p>
            </div>
          ) : undefined
        }
        inputs={[{ name: 'code', label: t('bo.code.label'), hint: t('bo.code.hint'), type: 'text', autocomplete: 'one-time-code' }]}
        submit={t('bo.code.submit')}
        errors={errors}
      />,
      errors.length > 0 ? status : 200,
    );
  }

  app.get(`${STAFF_PATH}/anmelden`, async (request, reply) => {
    if (request.staff?.stage === 'complete') return reply.redirect(STAFF_PATH, 303);
    return passwordPage(request, reply, '', []);
  });

  app.post(`${STAFF_PATH}/anmelden`, async (request, reply) => {
    const { email = '', password = '' } = fields(request);
    const { t } = request;
    if (!isEmailAddress(email.trim()) || password === '') {
      return passwordPage(request, reply, email, [
        ...(isEmailAddress(email.trim()) ? [] : [{ target: 'email', message: t('form.error.email') }]),
        ...(password === '' ? [{ target: 'password', message: t('account.error.passwordMissing') }] : []),
      ]);
    }
    const outcome = await staff.signIn(email.trim(), password, request.ip, userAgent(request));
    if (outcome.kind === 'locked') {
      reply.header('retry-after', String(outcome.lock.minutes * 60));
      return passwordPage(
        request,
        reply,
        email,
        [{ target: 'email', message: t(`account.error.locked.${outcome.lock.scope}`, { minutes: outcome.lock.minutes }) }],
        429,
      );
    }
    if (outcome.kind === 'invalid') return passwordPage(request, reply, email, [{ target: 'email', message: t('account.error.invalid') }]);
    if (request.staff) await staff.signOut(request.staff);
    setStaffCookie(reply, outcome.token, deps.cookieSecure);
    return reply.redirect(`${STAFF_PATH}/anmelden/code`, 303);
  });

  app.get(`${STAFF_PATH}/anmelden/code`, async (request, reply) => codePage(request, reply));

  app.post(`${STAFF_PATH}/anmelden/code`, async (request, reply) => {
    const session = request.staff;
    if (!session || session.stage !== 'password') return reply.redirect(`${STAFF_PATH}/anmelden`, 303);
    const outcome = await staff.confirmCode(session, fields(request).code ?? '', request.ip, userAgent(request));
    const { t } = request;
    if (outcome.kind === 'locked') {
      return codePage(request, reply, [{ target: 'code', message: t(`account.error.locked.${outcome.lock.scope}`, { minutes: outcome.lock.minutes }) }], 429);
    }
    if (outcome.kind === 'invalid') return codePage(request, reply, [{ target: 'code', message: t('bo.code.invalid') }]);
    setStaffCookie(reply, outcome.token, deps.cookieSecure);
    return reply.redirect(STAFF_PATH, 303);
  });

  app.post(`${STAFF_PATH}/abmelden`, async (request, reply) => {
    if (request.staff) await staff.signOut(request.staff);
    reply.clearCookie(STAFF_COOKIE, { path: STAFF_PATH });
    return reply.redirect(`${STAFF_PATH}/anmelden`, 303);
  });
}
