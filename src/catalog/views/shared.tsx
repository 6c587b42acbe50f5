// View pieces shared by the catalogue pages.
import type { ViewContext } from '../../platform/views/context.ts';
import type { LebenslageSummary, ThemenfeldSummary } from '../taxonomy-store.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, type ServiceHit } from '../types.ts';

function CountLabel({ ctx, count }: { ctx: ViewContext; count: number }) {
  return <span class="count">({count === 1 ? ctx.t('browse.serviceCountOne') : ctx.t('browse.serviceCount', { count })})</span>;
}

export interface CountedLink {
  href: string;
  label: string;
  count: number;
}

/** Links to Themen or Lebenslagen (German names) with the number of services behind each. */
export function CountedLinkList({ ctx, links }: { ctx: ViewContext; links: CountedLink[] }) {
  return (
    <ul class="kern-list link-list">
      {links.map((l) => (
        <li key={l.href}>
          <a class="kern-link" href={l.href} lang="de">
            {l.label}
          </a>{' '}
          <CountLabel ctx={ctx} count={l.count} />
        </li>
      ))}
    </ul>
  );
}

export const themenfeldLinks = (items: ThemenfeldSummary[]): CountedLink[] =>
  items.map((tf) => ({ href: `/themen/${tf.slug}`, label: tf.name, count: tf.serviceCount }));

export const lebenslageLinks = (items: LebenslageSummary[]): CountedLink[] =>
  items.map((l) => ({ href: `/lebenslagen/${l.id}`, label: l.name, count: l.serviceCount }));

/** Renders database highlight markers as <mark>; everything else stays escaped text. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(HIGHLIGHT_START);
  return (
    <>
      {parts.map((part, i) => {
        if (i === 0) return part.replaceAll(HIGHLIGHT_END, '');
        const [marked = '', rest = ''] = part.split(HIGHLIGHT_END);
        return (
          <span key={i}>
            <mark>{marked}</mark>
            {rest}
          </span>
        );
      })}
    </>
  );
}

export function serviceTitle(ctx: ViewContext, s: { title: string; titleEn: string }): string {
  return ctx.lang === 'en' && s.titleEn ? s.titleEn : s.title;
}

export function ServiceList({ ctx, services, headingLevel = 2 }: { ctx: ViewContext; services: ServiceHit[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="result-list">
      {services.map((s) => (
        <li key={s.id} class="result">
          <Heading class="kern-heading-small result__title">
            <a class="kern-link" href={`/leistungen/${s.slug}`} lang={ctx.lang === 'en' && s.titleEn ? 'en' : 'de'}>
              {serviceTitle(ctx, s)}
            </a>
          </Heading>
          <p class="kern-body result__snippet" lang="de">
            <Highlighted text={s.snippet} />
          </p>
          {s.source ? <p class="kern-body kern-body--small">{ctx.t('federation.from', { source: s.source })}</p> : null}
          {s.onlineServiceUrl ? (
            <span class="kern-badge kern-badge--success">
              <span class="kern-label">{ctx.t('search.onlineAvailable')}</span>
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
