// How DigiCheck's pages show texts of the models, scores, money and effort ranges.
import { formatEuro } from '../../platform/i18n/format.ts';
import type { ViewContext } from '../../platform/views/context.ts';

/** A model text in the page's language. */
export const local = (ctx: ViewContext, text: { de: string; en: string }) => (ctx.lang === 'en' ? text.en : text.de);
export const num = (ctx: ViewContext, value: number | null) =>
  value === null ? '–' : new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 2 }).format(value);
export const euros = (ctx: ViewContext, [min, max]: [number, number]) =>
  min === max ? formatEuro(min, ctx.lang) : `${formatEuro(min, ctx.lang)} – ${formatEuro(max, ctx.lang)}`;
export const days = (ctx: ViewContext, [min, max]: [number, number]) => (min === max ? num(ctx, min) : `${num(ctx, min)} – ${num(ctx, max)}`);
