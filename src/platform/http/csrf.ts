// CSRF protection for every state-changing form post: a random per-browser secret in an
// HttpOnly cookie and an HMAC of it in the form (signed double submit). Checked in preHandler,
// because the body is parsed only then. The JSON API (no cookie auth) is exempt.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyReply {
    /** Returns the token for hidden `_csrf` fields, setting the cookie on first use. */
    csrfToken(): string;
  }
}

export const CSRF_COOKIE = 'amtsweg_csrf';
export const CSRF_FIELD = '_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class CsrfError extends Error {
  readonly code = 'CSRF_INVALID';
}

function sign(secret: string, value: string): string {
  return crypto.createHmac('sha256', secret).update(value).digest('base64url');
}

function tokenMatches(secret: string, cookie: string | undefined, token: unknown): boolean {
  if (!cookie || typeof token !== 'string') return false;
  const expected = Buffer.from(sign(secret, cookie));
  const given = Buffer.from(token);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export default fp(
  async (app: FastifyInstance, opts: { secret: string; cookieSecure: boolean }) => {
    app.decorateReply('csrfToken', function (this: FastifyReply): string {
      let value = this.request.cookies[CSRF_COOKIE];
      if (!value) {
        value = crypto.randomBytes(32).toString('base64url');
        this.request.cookies[CSRF_COOKIE] = value;
        this.setCookie(CSRF_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.cookieSecure });
      }
      return sign(opts.secret, value);
    });
    app.addHook('preHandler', async (request: FastifyRequest) => {
      if (!UNSAFE.has(request.method) || request.url.startsWith('/api/')) return;
      const body = request.body as Record<string, unknown> | undefined;
      // A multipart body (file upload) is streamed by the handler, so its form carries the token in the URL.
      const multipart = String(request.headers['content-type'] ?? '').startsWith('multipart/form-data');
      const query = request.query as Record<string, unknown> | undefined;
      const token = body?.[CSRF_FIELD] ?? request.headers['x-csrf-token'] ?? (multipart ? query?.[CSRF_FIELD] : undefined);
      if (!tokenMatches(opts.secret, request.cookies[CSRF_COOKIE], token)) throw new CsrfError('invalid CSRF token');
    });
  },
  { name: 'amtsweg-csrf', dependencies: ['@fastify/cookie'] },
);
