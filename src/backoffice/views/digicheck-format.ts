// DigiCheck's formatting (digicheck/format.ts) in the page's language.
import { dayRange, euroRange, figure, textIn } from '../../digicheck/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';

export const local = (ctx: ViewContext, text: { de: string; en: string }) => textIn(ctx.lang, text);
export const num = (ctx: ViewContext, value: number | null) => figure(ctx.lang, value);
export const euros = (ctx: ViewContext, range: [number, number]) => euroRange(ctx.lang, range);
export const days = (ctx: ViewContext, range: [number, number]) => dayRange(ctx.lang, range);
