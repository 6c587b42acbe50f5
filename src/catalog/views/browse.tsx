// Browsing pages: Themen, Lebenslagen and the A–Z list.
import { Breadcrumbs } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { LebenslageSummary } from '../taxonomy-store.ts';
import type { ServiceHit } from '../types.ts';
import { type CountedLink, CountedLinkList, lebenslageLinks, ServiceList, serviceTitle } from './shared.tsx';

/** A list page of Themen or Lebenslagen. */
export function TaxonomyPage({ ctx, title, links }: { ctx: ViewContext; title: string; links: CountedLink[] }) {
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} items={[{ label: title }]} />
      <h1 class="kern-heading-large">{title}</h1>
      <CountedLinkList ctx={ctx} links={links} />
    </Layout>
  );
}

export interface AreaPageProps {
  ctx: ViewContext;
  title: string;
  parent: { label: string; href: string };
  services: ServiceHit[];
  lebenslagen?: LebenslageSummary[];
}

/** One Themenfeld or Lebenslage with its services (and, for a Themenfeld, its Lebenslagen). */
export function AreaPage({ ctx, title, parent, services, lebenslagen }: AreaPageProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} items={[parent, { label: title }]} />
      <h1 class="kern-heading-large" lang="de">
        {title}
      </h1>
      <section aria-labelledby="area-services">
        <h2 class="kern-heading-medium" id="area-services">
          {t('browse.servicesIn')}
        </h2>
        {services.length === 0 ? <p class="kern-body">{t('browse.noServices')}</p> : <ServiceList ctx={ctx} services={services} headingLevel={3} />}
      </section>
      {lebenslagen && lebenslagen.length > 0 ? (
        <section aria-labelledby="area-lebenslagen">
          <h2 class="kern-heading-medium" id="area-lebenslagen">
            {t('browse.lebenslagenIn')}
          </h2>
          <CountedLinkList ctx={ctx} links={lebenslageLinks(lebenslagen)} />
        </section>
      ) : null}
    </Layout>
  );
}

export function ServicesAzPage({ ctx, services }: { ctx: ViewContext; services: ServiceHit[] }) {
  const title = ctx.t('browse.services');
  const groups = new Map<string, ServiceHit[]>();
  for (const s of [...services].sort((a, b) => serviceTitle(ctx, a).localeCompare(serviceTitle(ctx, b), ctx.lang))) {
    const letter = serviceTitle(ctx, s).charAt(0).toLocaleUpperCase(ctx.lang);
    groups.set(letter, [...(groups.get(letter) ?? []), s]);
  }
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs ctx={ctx} items={[{ label: title }]} />
      <h1 class="kern-heading-large">{title}</h1>
      {[...groups].map(([letter, items]) => (
        <section key={letter} aria-labelledby={`letter-${letter}`}>
          <h2 class="kern-heading-medium" id={`letter-${letter}`}>
            {letter}
          </h2>
          <ul class="kern-list link-list">
            {items.map((s) => (
              <li key={s.id}>
                <a class="kern-link" href={`/leistungen/${s.slug}`}>
                  {serviceTitle(ctx, s)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
