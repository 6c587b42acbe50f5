// Staff sign-in through the municipality's identity provider (STAFF_OIDC_*), next to password + TOTP:
// the provider authenticates (with its own second factor), Amtsweg decides who is a staff member.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keepPending, type OidcFlow, takePending } from '../../platform/auth/oidc.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.ts';
import { STAFF_PATH, setStaffCookie } from '../http.ts';
import type { StaffService } from '../staff/service.ts';
import { BackofficeFrame } from '../views/layout.tsx';

export const PROVIDER_PATH = `${STAFF_PATH}/anmelden/dienstkonto`;
const PENDING = { name: 'amtsweg_staff_oidc', path: PROVIDER_PATH };

export interface ProviderSignInDeps {
  staff: StaffService;
  flow: OidcFlow;
  cookieSecure: boolean;
  publicUrl: string;
}

export function registerProviderSignIn(app: FastifyInstance, deps: ProviderSignInDeps): void {
  function failed(request: FastifyRequest, reply: FastifyReply, reason: 'unknown' | 'failed', status: number) {
    const { t } = request;
    const title = t(`bo.provider.${reason}.title`);
    return sendPage(
      noStore(reply),
      <BackofficeFrame ctx={formContext(request, reply)} title={title}>
        <h1 class="kern-heading-large">{title}</h1>
        <p class="kern-body">{t(`bo.provider.${reason}.body`)}</p>
        <p>
          <a class="kern-link" href={`${STAFF_PATH}/anmelden`}>
            {t('bo.provider.back')}
          </a>
        </p>
      </BackofficeFrame>,
      status,
    );
  }

  app.get(PROVIDER_PATH, async (request, reply) => {
    try {
      const { url, pending } = await deps.flow.start(STAFF_PATH);
      keepPending(reply, { ...PENDING, secure: deps.cookieSecure }, pending);
      return noStore(reply).redirect(url, 303);
    } catch (error) {
      request.log.error({ err: error }, 'staff identity provider unreachable');
      return failed(request, reply, 'failed', 502);
    }
  });

  app.get(`${PROVIDER_PATH}/rueckkehr`, async (request, reply) => {
    const pending = takePending(request, reply, PENDING);
    if (!pending) return failed(request, reply, 'failed', 400);
    let token: string | undefined;
    try {
      const { subject, claims } = await deps.flow.finish(new URL(request.url, deps.publicUrl), pending);
      const email = typeof claims.email === 'string' ? claims.email : undefined;
      token = await deps.staff.signInWithProvider(
        { subject, email, emailVerified: claims.email_verified === true },
        String(request.headers['user-agent'] ?? ''),
      );
    } catch (error) {
      request.log.warn({ err: error }, 'staff sign-in through the identity provider failed');
      return failed(request, reply, 'failed', 502);
    }
    if (!token) return failed(request, reply, 'unknown', 403);
    if (request.staff) await deps.staff.signOut(request.staff);
    setStaffCookie(reply, token, deps.cookieSecure);
    return reply.redirect(STAFF_PATH, 303);
  });
}
