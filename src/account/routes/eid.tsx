// Sign-in with eID through the configured OpenID Connect provider, including step-up to a higher
// trust level. The state, nonce and PKCE verifier travel in a signed, short-lived cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeReturnPath, setSessionCookie } from '../http.ts';
import type { OidcClient, PendingSignIn } from '../oidc/client.ts';
import { isTrustLevel } from '../oidc/trust.ts';
import type { AccountService } from '../service.ts';
import { noStore, sendSignInHint } from './shared.tsx';

const PENDING_COOKIE = 'amtsweg_eid';
const PENDING_PATH = '/konto/eid';

export interface EidRouteDeps {
  service: AccountService;
  client: OidcClient;
  cookieSecure: boolean;
  publicUrl: string;
}

export function registerEidRoutes(app: FastifyInstance, deps: EidRouteDeps): void {
  const failed = (request: FastifyRequest, reply: FastifyReply, reason: 'cancelled' | 'failed') =>
    sendSignInHint(request, reply, request.t(`eid.${reason}.title`), request.t(`eid.${reason}.body`), reason === 'cancelled' ? 200 : 502);

  app.get<{ Querystring: { weiter?: string; stufe?: string } }>(PENDING_PATH, async (request, reply) => {
    const level = isTrustLevel(request.query.stufe) ? request.query.stufe : undefined;
    let started: Awaited<ReturnType<OidcClient['start']>>;
    try {
      started = await deps.client.start(safeReturnPath(request.query.weiter), level);
    } catch (error) {
      request.log.error({ err: error }, 'eID provider unreachable');
      return failed(request, reply, 'failed');
    }
    reply.setCookie(PENDING_COOKIE, JSON.stringify(started.pending), {
      path: PENDING_PATH,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.cookieSecure,
      signed: true,
      maxAge: 600,
    });
    return noStore(reply).redirect(started.url, 303);
  });

  app.get<{ Querystring: { error?: string } }>(`${PENDING_PATH}/rueckkehr`, async (request, reply) => {
    const raw = request.cookies[PENDING_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    if (request.query.error === 'access_denied') return failed(request, reply, 'cancelled');
    if (!unsigned?.valid || !unsigned.value) return failed(request, reply, 'failed');
    let pending: PendingSignIn;
    try {
      pending = JSON.parse(unsigned.value) as PendingSignIn;
      const verified = await deps.client.finish(new URL(request.url, deps.publicUrl), pending);
      const token = await deps.service.signInWithEid(verified, request.citizen, String(request.headers['user-agent'] ?? ''));
      setSessionCookie(reply, token, deps.cookieSecure);
    } catch (error) {
      request.log.warn({ err: error }, 'eID sign-in failed');
      return failed(request, reply, 'failed');
    }
    return reply.redirect(safeReturnPath(pending.next), 303);
  });
}
