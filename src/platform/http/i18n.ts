// Per-request language: ?lang= (remembered in a cookie), then the cookie, then German.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isLang, type Lang, type Translate, translator } from '../i18n/index.ts';
import type { ViewContext, Viewer } from '../views/context.ts';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
    t: Translate;
    viewContext(): ViewContext;
    /** Set by the account module when a citizen is signed in. */
    viewer: Viewer | undefined;
  }
}

export const LANG_COOKIE = 'lang';

export default fp(
  async (app: FastifyInstance, opts: { cookieSecure: boolean }) => {
    app.decorateRequest('lang', 'de');
    app.decorateRequest('t', null as unknown as Translate);
    app.decorateRequest('viewer', undefined);
    app.decorateRequest('viewContext', function (this: FastifyRequest): ViewContext {
      return { lang: this.lang, t: this.t, url: this.url, viewer: this.viewer };
    });
    app.addHook('onRequest', async (request, reply) => {
      const fromQuery = (request.query as Record<string, unknown> | undefined)?.lang;
      const fromCookie = request.cookies[LANG_COOKIE];
      let lang: Lang = 'de';
      if (isLang(fromQuery)) {
        lang = fromQuery;
        if (fromCookie !== fromQuery) {
          reply.setCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'lax', secure: opts.cookieSecure, httpOnly: true, maxAge: 365 * 24 * 3600 });
        }
      } else if (isLang(fromCookie)) lang = fromCookie;
      request.lang = lang;
      request.t = translator(lang);
    });
  },
  { name: 'amtsweg-i18n', dependencies: ['@fastify/cookie'] },
);
