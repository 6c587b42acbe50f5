// Sign-in with eID through the configured OpenID Connect provider, including step-up to a higher
// trust level. The state, nonce and PKCE verifier travel in a signed, short-lived cookie.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { keepPending, takePending } from '../../platform/auth/oidc.ts';
import { safeReturnPath, setSessionCookie } from '../http.ts';
import type { OidcClient } from '../oidc/client.ts';
import { isTrustLevel } from '../oidc/trust.ts';
import type { AccountService } from '../service.ts';
import { noStore, sendSignInHint } from './shared.tsx';

const PENDING_PATH = '/konto/eid';
const PENDING = { name: 'amtsweg_eid', path: PENDING_PATH };

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
    keepPending(reply, { ...PENDING, secure: deps.cookieSecure }, started.pending);
    return noStore(reply).redirect(started.url, 303);
  });

  app.get<{ Querystring: { error?: string } }>(`${PENDING_PATH}/rueckkehr`, async (request, reply) => {
    const pending = takePending(request, reply, PENDING);
    if (request.query.error === 'access_denied') return failed(request, reply, 'cancelled');
    if (!pending) return failed(request, reply, 'failed');
    try {
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
