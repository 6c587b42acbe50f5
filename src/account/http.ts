// The citizen's session on every request: the cookie is looked up once, before the handler, and
// the header learns who is signed in. Helpers for routes that need a signed-in citizen.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session, Sessions } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in citizen's session, if any. */
    citizen: Session | undefined;
  }
}

export const SESSION_COOKIE = 'amtsweg_session';

export interface SessionHookDeps {
  sessions: Sessions;
  unread: (accountId: string) => Promise<number>;
  cookieSecure: boolean;
}

export function registerSessionHook(app: FastifyInstance, deps: SessionHookDeps): void {
  app.decorateRequest('citizen', undefined);
  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.url.startsWith('/assets/')) return;
    const session = await deps.sessions.resume(token);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.citizen = session;
    const { account } = session;
    const name = [account.given_name, account.family_name].filter(Boolean).join(' ');
    request.viewer = { label: name || account.email || '', unread: await deps.unread(account.id) };
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** Only local paths may be the target after sign-in (no open redirect to another site). */
export function safeReturnPath(value: unknown, fallback = '/konto'): string {
  return typeof value === 'string' && /^\/(?![/\\])[\w\-./?=&%]*$/.test(value) ? value : fallback;
}

/** The signed-in citizen, or undefined after sending them to the sign-in page (with a way back). */
export function citizenOr(request: FastifyRequest, reply: FastifyReply): Session | undefined {
  if (request.citizen) return request.citizen;
  reply.redirect(`/konto/anmelden?weiter=${encodeURIComponent(request.url)}`, 303);
  return undefined;
}
