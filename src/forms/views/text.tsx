// Texts from a form definition in the reader's language; German where no translation exists, marked
// with lang="de" so screen readers pronounce it correctly.
import type { ViewContext } from '../../platform/views/context.ts';

export interface DefText {
  de: string;
  en?: string;
}

export const plainText = (text: DefText, lang: 'de' | 'en'): string => (lang === 'en' && text.en ? text.en : text.de);

export function Txt({ text, ctx }: { text: DefText; ctx: ViewContext }) {
  if (ctx.lang === 'de' || text.en) return <>{plainText(text, ctx.lang)}</>;
  return <span lang="de">{text.de}</span>;
}

/** Content text: paragraphs separated by blank lines, always as text, never as markup. */
export function Paragraphs({ text, ctx }: { text: DefText; ctx: ViewContext }) {
  const lang = ctx.lang === 'en' && !text.en ? 'de' : undefined;
  return (
    <>
      {plainText(text, ctx.lang)
        .split(/\n\s*\n/)
        .map((p) => (
          <p class="kern-body" lang={lang} key={p}>
            {p}
          </p>
        ))}
    </>
  );
}
