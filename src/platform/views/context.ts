// What every view needs to know about the request, without depending on Fastify.
import type { Lang, Translate } from '../i18n/index.ts';

export interface ViewContext {
  lang: Lang;
  t: Translate;
  /** Path and query of the current page, for the language switch. */
  url: string;
  /** Token for state-changing forms (CSRF); pages without forms leave it unset. */
  csrfToken?: string;
  /** The signed-in citizen, for the header (name or e-mail); unset when nobody is signed in. */
  viewer?: Viewer;
}

export interface Viewer {
  label: string;
  /** Unread postbox messages, shown next to the account link. */
  unread: number;
}

/** The same page in the other language. */
export function switchLanguageHref(ctx: ViewContext): string {
  const url = new URL(ctx.url, 'http://x');
  url.searchParams.set('lang', ctx.lang === 'de' ? 'en' : 'de');
  return `${url.pathname}${url.search}`;
}
