// Matching services to the federal catalogue (role Redaktion): services without a LeiKa key and
// OZG-Leistungen of municipal responsibility without a local service; one service's suggestions
// with their score, each to take or to reject.
import type { MatchSuggestion } from '../../catalog/index.ts';
import { germanDay } from '../../ozg/index.ts';
import { DataTable, DescriptionItem } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { PostButton } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const MATCHING = '/backoffice/zuordnung';

export interface MatchingProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  unmatched: { id: string; title: string }[];
  uncovered: { ozg_id: number; name: string; themenfeld: string }[];
  /** Published services whose texts were last reviewed over a year ago, or never. */
  due: { id: string; title: string; last_reviewed: string | null }[];
  /** How many services a CSV import just created as drafts. */
  imported?: number;
}

export function MatchingPage({ ctx, viewer, unmatched, uncovered, due, imported }: MatchingProps) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('match.title')} staff={viewer}>
      <PageTop ctx={ctx} notice={imported === undefined ? undefined : { kind: 'success', title: t('import.title'), text: t('import.done', { n: imported }) }} />
      <h1 class="kern-heading-large">{t('match.title')}</h1>
      <p class="kern-body">{t('match.intro')}</p>
      <p>
        <a class="kern-link" href={`${MATCHING}/import`}>
          {t('import.link')}
        </a>
      </p>
      <h2 class="kern-heading-medium">{t('match.unmatched', { n: unmatched.length })}</h2>
      {unmatched.length === 0 ? (
        <p class="kern-body">{t('match.allMatched')}</p>
      ) : (
        <ul class="kern-list">
          {unmatched.map((s) => (
            <li key={s.id}>
              <a class="kern-link" href={`${MATCHING}/${s.id}`}>
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2 class="kern-heading-medium">{t('match.reviewsDue', { n: due.length })}</h2>
      {due.length === 0 ? (
        <p class="kern-body">{t('match.noReviewsDue')}</p>
      ) : (
        <DataTable caption={t('match.reviewsDue', { n: due.length })} columns={[t('bo.deliveries.service'), t('match.lastReviewed')]}>
          {due.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a class="kern-link" href={`/backoffice/redaktion/${s.id}`}>
                  {s.title}
                </a>
              </th>
              <td>{s.last_reviewed ? germanDay(s.last_reviewed) : t('match.never')}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <h2 class="kern-heading-medium">{t('match.uncovered', { n: uncovered.length })}</h2>
      <p class="kern-body">{t('match.uncoveredIntro')}</p>
      <DataTable caption={t('match.uncovered', { n: uncovered.length })} columns={[t('ozg.ozgId'), t('match.ozgLeistung'), t('ozg.themenfeld')]}>
        {uncovered.map((o) => (
          <tr key={o.ozg_id}>
            <td>{o.ozg_id}</td>
            <th scope="row">{o.name}</th>
            <td>{o.themenfeld}</td>
          </tr>
        ))}
      </DataTable>
    </BackofficeLayout>
  );
}

export interface MatchServiceProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: { id: string; title: string; leikaKey: string | null; legalBasis: string };
  suggestions: MatchSuggestion[];
  notice?: { kind: 'success' | 'warning'; title: string; text: string };
}

export function MatchServicePage({ ctx, viewer, service, suggestions, notice }: MatchServiceProps) {
  const { t } = ctx;
  const base = `${MATCHING}/${service.id}`;
  const number = new Intl.NumberFormat(ctx.lang, { maximumFractionDigits: 2 });
  return (
    <BackofficeLayout ctx={ctx} title={service.title} staff={viewer}>
      <PageTop ctx={ctx} notice={notice} back={{ href: MATCHING, label: t('match.title') }} />
      <h1 class="kern-heading-large">{service.title}</h1>
      <dl class="kern-description-list">
        <DescriptionItem label={t('ozg.leika')}>{service.leikaKey ?? t('match.none')}</DescriptionItem>
        <DescriptionItem label={t('match.legalBasis')}>{service.legalBasis || '–'}</DescriptionItem>
      </dl>
      <h2 class="kern-heading-medium">{t('match.suggestions')}</h2>
      {suggestions.length === 0 ? (
        <p class="kern-body">{t('match.noSuggestions')}</p>
      ) : (
        <DataTable caption={t('match.suggestions')} columns={[t('match.leika'), t('ozg.leika'), t('match.ozgLeistung'), t('match.score'), t('match.decision')]}>
          {suggestions.map((m) => (
            <tr key={m.leistungsschluessel}>
              <th scope="row">{m.name}</th>
              <td>{m.leistungsschluessel}</td>
              <td>{m.ozgLeistung ?? '–'}</td>
              <td>
                {number.format(m.score)}
                {m.sameLaw ? ` (${t('match.sameLaw')})` : ''}
              </td>
              <td>
                <div class="bo-actions">
                  <PostButton ctx={ctx} action={`${base}/uebernehmen`} label={t('match.confirm', { name: m.name })} primary>
                    <input type="hidden" name="key" value={m.leistungsschluessel} />
                  </PostButton>
                  <PostButton ctx={ctx} action={`${base}/verwerfen`} label={t('match.reject', { name: m.name })}>
                    <input type="hidden" name="key" value={m.leistungsschluessel} />
                  </PostButton>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </BackofficeLayout>
  );
}
