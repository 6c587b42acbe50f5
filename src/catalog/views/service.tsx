import { formatDate, formatEuro } from '../../platform/i18n/index.ts';
import { Breadcrumbs, DescriptionItem } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { RichText } from '../../platform/views/richtext.tsx';
import type { ServiceDetail } from '../types.ts';
import { serviceTitle } from './shared.tsx';

function Section({ id, title, children }: { id: string; title: string; children: preact.ComponentChildren }) {
  return (
    <section aria-labelledby={id} class="service-section">
      <h2 class="kern-heading-medium" id={id}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function BulletList({ items }: { items: string[] }) {
  return (
    <ul class="kern-list kern-list--bullet">
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

function Fee({ ctx, service }: { ctx: ViewContext; service: ServiceDetail }) {
  const amount = service.feeCents === null ? null : service.feeCents === 0 ? ctx.t('service.free') : formatEuro(service.feeCents, ctx.lang);
  return (
    <p class="kern-body">
      {amount ? <strong>{amount}</strong> : null}
      {amount && service.feeText ? ' – ' : null}
      {service.feeText ? <span lang="de">{service.feeText}</span> : null}
    </p>
  );
}

function Office({ ctx, service }: { ctx: ViewContext; service: ServiceDetail }) {
  const org = service.organisation;
  if (!org) return null;
  const { t } = ctx;
  return (
    <Section id="office" title={t('service.office')}>
      <p class="kern-body kern-body--bold" lang="de">
        {org.name}
      </p>
      <dl class="kern-description-list">
        <DescriptionItem label={t('service.address')}>
          <span lang="de">
            {org.street}, {org.postalCode} {org.city}
          </span>
        </DescriptionItem>
        {org.openingHours ? (
          <DescriptionItem label={t('service.openingHours')}>
            <span lang="de">{org.openingHours}</span>
          </DescriptionItem>
        ) : null}
        {org.phone ? (
          <DescriptionItem label={t('service.phone')}>
            <a class="kern-link" href={`tel:${org.phone.replace(/[^+\d]/g, '')}`}>
              {org.phone}
            </a>
          </DescriptionItem>
        ) : null}
        {org.email ? (
          <DescriptionItem label={t('service.email')}>
            <a class="kern-link" href={`mailto:${org.email}`}>
              {org.email}
            </a>
          </DescriptionItem>
        ) : null}
      </dl>
    </Section>
  );
}

export function ServicePage({ ctx, service }: { ctx: ViewContext; service: ServiceDetail }) {
  const { t } = ctx;
  const title = serviceTitle(ctx, service);
  return (
    <Layout ctx={ctx} title={title}>
      <Breadcrumbs
        ctx={ctx}
        items={[...(service.themenfeld ? [{ label: service.themenfeld.name, href: `/themen/${service.themenfeld.slug}` }] : []), { label: title }]}
      />
      <h1 class="kern-heading-large" lang={ctx.lang === 'en' && service.titleEn ? 'en' : 'de'}>
        {title}
      </h1>
      {service.source ? (
        <div class="kern-alert kern-alert--info">
          <div class="kern-alert__body">
            <p class="kern-body">{t('federation.notice', { source: service.source.name })}</p>
          </div>
        </div>
      ) : null}
      {ctx.lang === 'en' ? (
        <p class="kern-body kern-body--small">
          {t('service.germanOnly')} <span lang="de">({service.title})</span>
        </p>
      ) : null}
      <p class="kern-body kern-body--large" lang="de">
        {service.summary}
      </p>
      <div class="apply-box">
        {service.onlineServiceUrl ? (
          <>
            <a class="kern-btn kern-btn--primary" href={service.onlineServiceUrl}>
              <span class="kern-label">{t('service.applyOnline')}</span>
            </a>
            <p class="kern-hint">{t('service.applyOnlineHint')}</p>
          </>
        ) : (
          <p class="kern-body">{t('service.noOnline')}</p>
        )}
      </div>
      {service.description ? (
        <Section id="description" title={t('service.description')}>
          <div lang="de">
            <RichText text={service.description} />
          </div>
        </Section>
      ) : null}
      {service.prerequisites.length > 0 ? (
        <Section id="prerequisites" title={t('service.prerequisites')}>
          <div lang="de">
            <BulletList items={service.prerequisites} />
          </div>
        </Section>
      ) : null}
      {service.requiredDocuments.length > 0 ? (
        <Section id="documents" title={t('service.documents')}>
          <div lang="de">
            <BulletList items={service.requiredDocuments} />
          </div>
        </Section>
      ) : null}
      <Section id="fees" title={t('service.fees')}>
        <Fee ctx={ctx} service={service} />
      </Section>
      <dl class="kern-description-list service-facts">
        {service.processingTime ? (
          <DescriptionItem label={t('service.processingTime')}>
            <span lang="de">{service.processingTime}</span>
          </DescriptionItem>
        ) : null}
        {service.deadlines ? (
          <DescriptionItem label={t('service.deadlines')}>
            <span lang="de">{service.deadlines}</span>
          </DescriptionItem>
        ) : null}
        {service.legalBasis ? (
          <DescriptionItem label={t('service.legalBasis')}>
            <span lang="de">{service.legalBasis}</span>
          </DescriptionItem>
        ) : null}
      </dl>
      <Office ctx={ctx} service={service} />
      <Section id="catalog" title={t('service.catalogInfo')}>
        <dl class="kern-description-list">
          {service.leikaKey ? <DescriptionItem label={t('service.leikaKey')}>{service.leikaKey}</DescriptionItem> : null}
          {service.ozgLeistung ? (
            <DescriptionItem label={t('service.ozgLeistung')}>
              <span lang="de">{service.ozgLeistung.name}</span> ({service.ozgLeistung.ozgId})
            </DescriptionItem>
          ) : null}
          {service.themenfeld ? (
            <DescriptionItem label={t('service.themenfeld')}>
              <a class="kern-link" href={`/themen/${service.themenfeld.slug}`} lang="de">
                {service.themenfeld.name}
              </a>
            </DescriptionItem>
          ) : null}
          {service.lebenslagen.length > 0 ? (
            <DescriptionItem label={t('service.lebenslagen')}>
              {service.lebenslagen.map((l, i) => (
                <span key={l.id}>
                  {i > 0 ? ', ' : null}
                  <a class="kern-link" href={`/lebenslagen/${l.id}`} lang="de">
                    {l.name}
                  </a>
                </span>
              ))}
            </DescriptionItem>
          ) : null}
          {service.lastReviewed ? <DescriptionItem label={t('service.lastReviewed')}>{formatDate(service.lastReviewed, ctx.lang)}</DescriptionItem> : null}
        </dl>
      </Section>
    </Layout>
  );
}
