// What every view needs to know about the request, without depending on Fastify.
import type { Lang, Translate } from '../i18n/index.ts';

export interface ViewContext {
  lang: Lang;
  t: Translate;
  /** Path and query of the current page, for the language switch. */
  url: string;
  /** Token for state-changing forms (CSRF); pages without forms leave it unset. */
  csrfToken?: string;
}

/** The same page in the other language. */
export function switchLanguageHref(ctx: ViewContext): string {
  const url = new URL(ctx.url, 'http://x');
  url.searchParams.set('lang', ctx.lang === 'de' ? 'en' : 'de');
  return `${url.pathname}${url.search}`;
}

/** A link that keeps the current language only when it differs from the default. */
export function href(ctx: ViewContext, path: string, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}
