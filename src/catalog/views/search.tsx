import { Pagination, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout, SearchForm } from '../../platform/views/layout.tsx';
import type { LebenslageSummary, ThemenfeldSummary } from '../taxonomy-store.ts';
import type { LeikaHit, ServiceHit } from '../types.ts';
import { ServiceList } from './shared.tsx';

export interface SearchParams {
  q: string;
  themenfeld?: string;
  lebenslage?: number;
  scope: 'local' | 'leika';
  page: number;
}

export interface SearchPageProps {
  ctx: ViewContext;
  params: SearchParams;
  total: number;
  pages: number;
  services: ServiceHit[];
  leika: LeikaHit[];
  themenfelder: ThemenfeldSummary[];
  lebenslagen: LebenslageSummary[];
  hrefFor: (page: number) => string;
}

function Filters({ ctx, params, themenfelder, lebenslagen }: Pick<SearchPageProps, 'ctx' | 'params' | 'themenfelder' | 'lebenslagen'>) {
  const { t } = ctx;
  return (
    <form class="filters" action="/suche" method="get" aria-labelledby="filters-heading">
      <h2 class="kern-heading-small" id="filters-heading">
        {t('search.filters')}
      </h2>
      <input type="hidden" name="q" value={params.q} />
      <fieldset class="kern-fieldset">
        <legend class="kern-label">{t('search.scope')}</legend>
        <div class="kern-fieldset__body">
          {(['local', 'leika'] as const).map((scope) => (
            <div class="kern-form-check" key={scope}>
              <input class="kern-form-check__radio" type="radio" id={`scope-${scope}`} name="bereich" value={scope} checked={params.scope === scope} />
              <label class="kern-label" for={`scope-${scope}`}>
                {scope === 'local' ? t('search.scopeLocal') : t('search.scopeCatalog')}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
      <SelectField
        id="filter-themenfeld"
        name="themenfeld"
        label={t('search.filterThemenfeld')}
        emptyLabel={t('search.filterAll')}
        selected={params.themenfeld ?? ''}
        options={themenfelder.map((tf) => ({ value: tf.slug, label: tf.name }))}
      />
      <SelectField
        id="filter-lebenslage"
        name="lebenslage"
        label={t('search.filterLebenslage')}
        emptyLabel={t('search.filterAll')}
        selected={String(params.lebenslage ?? '')}
        options={lebenslagen.map((l) => ({ value: String(l.id), label: l.name }))}
      />
      <button type="submit" class="kern-btn kern-btn--secondary">
        <span class="kern-label">{t('search.applyFilters')}</span>
      </button>
    </form>
  );
}

function LeikaList({ ctx, items }: { ctx: ViewContext; items: LeikaHit[] }) {
  const { t } = ctx;
  return (
    <>
      <p class="kern-body kern-body--small">{t('search.catalogNote')}</p>
      <ul class="result-list">
        {items.map((item) => (
          <li class="result" key={item.leistungsschluessel ?? `${item.ozgId}-${item.name}`}>
            <h2 class="kern-heading-small result__title" lang="de">
              {item.name}
            </h2>
            <p class="kern-body kern-body--small">
              {item.leistungsschluessel ? `${t('search.leikaKey')}: ${item.leistungsschluessel} · ` : ''}
              {item.ozgLeistung ? (
                <>
                  {t('search.ozgLeistung')}: <span lang="de">{item.ozgLeistung}</span> ({item.ozgId}) · <span lang="de">{item.themenfeld}</span>
                </>
              ) : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function SearchPage(props: SearchPageProps) {
  const { ctx, params, total } = props;
  const { t } = ctx;
  const title = params.q ? t('search.titleFor', { q: params.q }) : t('search.title');
  const hasResults = props.services.length > 0 || props.leika.length > 0;
  return (
    <Layout ctx={ctx} title={title} headerSearch={false}>
      <h1 class="kern-heading-large">{title}</h1>
      <SearchForm ctx={ctx} id="q" value={params.q} />
      <div class="search-layout">
        <Filters ctx={ctx} params={params} themenfelder={props.themenfelder} lebenslagen={props.lebenslagen} />
        <section class="search-results" aria-labelledby="results-heading">
          <h2 class="kern-sr-only" id="results-heading">
            {t('search.resultsLabel')}
          </h2>
          {!params.q ? (
            <p class="kern-body">{t('search.empty')}</p>
          ) : (
            <output class="kern-body kern-body--bold result-count">{total === 1 ? t('search.countOne') : t('search.count', { count: total })}</output>
          )}
          {params.q && !hasResults ? (
            <section class="kern-alert kern-alert--info" aria-label={t('search.none', { q: params.q })}>
              <div class="kern-alert__header">
                <span class="kern-title">{t('search.none', { q: params.q })}</span>
              </div>
              <div class="kern-alert__body">
                <p class="kern-body">{t('search.noneHelp')}</p>
                <p>
                  <a class="kern-link" href="/themen">
                    {t('site.nav.themenfelder')}
                  </a>{' '}
                  ·{' '}
                  <a class="kern-link" href="/lebenslagen">
                    {t('site.nav.lebenslagen')}
                  </a>
                </p>
              </div>
            </section>
          ) : null}
          {params.scope === 'leika' ? <LeikaList ctx={ctx} items={props.leika} /> : <ServiceList ctx={ctx} services={props.services} />}
          <Pagination ctx={ctx} page={params.page} pages={props.pages} hrefFor={props.hrefFor} />
        </section>
      </div>
    </Layout>
  );
}
