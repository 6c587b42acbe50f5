import type { ViewContext } from '../../platform/views/context.ts';
import { Layout, SearchForm } from '../../platform/views/layout.tsx';
import type { LebenslageSummary, ThemenfeldSummary } from '../taxonomy-store.ts';
import { CountedLinkList, lebenslageLinks, themenfeldLinks } from './shared.tsx';

export interface HomeProps {
  ctx: ViewContext;
  themenfelder: ThemenfeldSummary[];
  lebenslagen: LebenslageSummary[];
}

export function HomePage({ ctx, themenfelder, lebenslagen }: HomeProps) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('home.title')} headerSearch={false}>
      <h1 class="kern-heading-x-large">{t('home.title')}</h1>
      <p class="kern-body kern-body--large">{t('home.lead')}</p>
      <SearchForm ctx={ctx} id="q" />
      <div class="home-grid">
        <section aria-labelledby="home-lebenslagen">
          <h2 class="kern-heading-medium" id="home-lebenslagen">
            {t('home.browseLebenslagen')}
          </h2>
          <CountedLinkList ctx={ctx} links={lebenslageLinks(lebenslagen)} />
        </section>
        <section aria-labelledby="home-themen">
          <h2 class="kern-heading-medium" id="home-themen">
            {t('home.browseThemenfelder')}
          </h2>
          <CountedLinkList ctx={ctx} links={themenfeldLinks(themenfelder)} />
        </section>
      </div>
    </Layout>
  );
}
