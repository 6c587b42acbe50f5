// The editorial workflow's pages: the services with their state, one service with its open version
// (diff against what is live, review actions), its published versions, and one version's diff.
import type { EditorialListItem, EditorialState, FieldChange, VersionSummary } from '../../catalog/index.ts';
import { germanDay } from '../../ozg/index.ts';
import { formatDay } from '../../platform/i18n/format.ts';
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { TextArea } from '../../platform/views/inputs.tsx';
import { PostButton } from '../../platform/views/simple-pages.tsx';
import { ContentDiff } from './editorial-diff.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const EDITORIAL = '/backoffice/redaktion';
export const STATES: EditorialState[] = ['draft', 'review', 'published', 'archived'];

type Notice = { kind: 'success' | 'warning'; title: string; text: string };

export function EditorialListPage({
  ctx,
  viewer,
  items,
  state,
  mayCreate,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  items: EditorialListItem[];
  state: EditorialState | undefined;
  mayCreate: boolean;
}) {
  const { t } = ctx;
  return (
    <BackofficeLayout ctx={ctx} title={t('edit.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('edit.title')}</h1>
      <p class="kern-body">{t('edit.intro')}</p>
      {mayCreate ? (
        <p>
          <a class="kern-btn kern-btn--primary" href={`${EDITORIAL}/neu`}>
            <span class="kern-label">{t('edit.new')}</span>
          </a>
        </p>
      ) : null}
      <form method="get" action={EDITORIAL} class="bo-filters">
        <SelectField
          id="status"
          name="status"
          label={t('edit.filter')}
          emptyLabel={t('edit.filterAll')}
          selected={state ?? ''}
          options={STATES.map((s) => ({ value: s, label: t(`edit.state.${s}`) }))}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('edit.show')}</span>
        </button>
      </form>
      <h2 class="kern-heading-medium">{t('edit.count', { n: items.length })}</h2>
      {items.length === 0 ? (
        <p class="kern-body">{t('edit.none')}</p>
      ) : (
        <DataTable
          caption={t('edit.count', { n: items.length })}
          columns={[t('edit.col.title'), t('edit.col.state'), t('edit.col.changed'), t('match.lastReviewed')]}
        >
          {items.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <a class="kern-link" href={`${EDITORIAL}/${s.id}`}>
                  {s.title}
                </a>
              </th>
              <td>
                {t(`edit.state.${s.state}`)}
                {s.livePublished && (s.state === 'draft' || s.state === 'review') ? ` (${t('edit.livePublished')})` : null}
              </td>
              <td>{formatDay(s.changedAt, ctx.lang)}</td>
              <td>{s.lastReviewed ? germanDay(s.lastReviewed) : t('match.never')}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </BackofficeLayout>
  );
}

export interface ServiceOverviewProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: { id: string; slug: string; title: string; status: 'draft' | 'published' | 'archived'; lastReviewed: string | null };
  open: VersionSummary | null;
  changes: FieldChange[];
  published: VersionSummary[];
  /** The viewer may edit (Redaktion), may approve this version (a second person), may return it. */
  may: { edit: boolean; approve: boolean; review: boolean };
  notice?: Notice;
  errors: PageError[];
}

export function ServiceOverviewPage({ ctx, viewer, service, open, changes, published, may, notice, errors }: ServiceOverviewProps) {
  const { t } = ctx;
  const base = `${EDITORIAL}/${service.id}`;
  const state = open?.state ?? service.status;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${service.title}` : service.title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} notice={notice} back={{ href: EDITORIAL, label: t('edit.title') }} />
      <h1 class="kern-heading-large">{service.title}</h1>
      <p class="kern-body">
        {t('edit.col.state')}: <strong>{t(`edit.state.${state}`)}</strong>
        {service.status === 'published' && open ? ` (${t('edit.livePublished')})` : null}
      </p>
      {service.status === 'published' ? (
        <p>
          <a class="kern-link" href={`/leistungen/${service.slug}`}>
            {t('edit.inPortal')}
          </a>
        </p>
      ) : null}
      {open ? (
        <OpenVersion ctx={ctx} base={base} open={open} changes={changes} may={may} errors={errors} />
      ) : may.edit ? (
        <p>
          <a class="kern-btn kern-btn--primary" href={`${base}/bearbeiten`}>
            <span class="kern-label">{t('edit.edit')}</span>
          </a>
        </p>
      ) : null}
      {service.status === 'published' && may.edit ? <PublishedActions ctx={ctx} base={base} lastReviewed={service.lastReviewed} errors={errors} /> : null}
      <History ctx={ctx} base={base} versions={published} />
    </BackofficeLayout>
  );
}

function OpenVersion({
  ctx,
  base,
  open,
  changes,
  may,
  errors,
}: Pick<ServiceOverviewProps, 'ctx' | 'changes' | 'may' | 'errors'> & { base: string; open: VersionSummary }) {
  const { t } = ctx;
  const error = (target: string) => errors.find((e) => e.target === target)?.message;
  return (
    <section aria-labelledby="open-title">
      <h2 class="kern-heading-medium" id="open-title">
        {t('edit.open', { n: open.number, state: t(`edit.state.${open.state}`) })}
      </h2>
      <p class="kern-body">{t('edit.editorsOf', { names: open.editors.join(', ') || t('edit.someone') })}</p>
      <Reviews ctx={ctx} version={open} />
      <h3 class="kern-heading-small">{open.base ? t('edit.changes') : t('edit.changesNew')}</h3>
      <ContentDiff ctx={ctx} changes={changes} empty={t('edit.noChanges')} />
      {open.state === 'draft' && may.edit ? (
        <>
          <p>
            <a class="kern-btn kern-btn--secondary" href={`${base}/bearbeiten`}>
              <span class="kern-label">{t('edit.edit')}</span>
            </a>
          </p>
          <PostButton ctx={ctx} action={`${base}/pruefung`} label={t('edit.submit')} primary>
            <TextArea ctx={ctx} name="note" label={t('edit.submitNote')} rows={2} maxLength={2000} />
          </PostButton>
          <div class="bo-actions">
            <PostButton ctx={ctx} action={`${base}/verwerfen`} label={t('edit.discard')} />
          </div>
        </>
      ) : null}
      {open.state === 'review' ? (
        <section aria-labelledby="review-title" class="bo-review">
          <h3 class="kern-heading-small" id="review-title">
            {t('edit.review')}
          </h3>
          {may.approve ? (
            <PostButton ctx={ctx} action={`${base}/freigeben`} label={t('edit.approve')} primary>
              <TextArea ctx={ctx} name="comment" label={t('edit.approveComment')} rows={2} maxLength={2000} />
            </PostButton>
          ) : (
            <p class="kern-body">{t('edit.fourEyes')}</p>
          )}
          {may.review ? (
            <PostButton ctx={ctx} action={`${base}/zurueckgeben`} label={t('edit.return')}>
              <TextArea ctx={ctx} name="returnComment" label={t('edit.returnComment')} rows={3} maxLength={2000} error={error('returnComment')} />
            </PostButton>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

function PublishedActions({ ctx, base, lastReviewed, errors }: { ctx: ViewContext; base: string; lastReviewed: string | null; errors: PageError[] }) {
  const { t } = ctx;
  return (
    <>
      <section aria-labelledby="reviewed-title">
        <h2 class="kern-heading-medium" id="reviewed-title">
          {t('edit.reviewedTitle')}
        </h2>
        <p class="kern-body">{t('edit.reviewedHint', { date: lastReviewed ? germanDay(lastReviewed) : t('match.never') })}</p>
        <PostButton ctx={ctx} action={`${base}/geprueft`} label={t('edit.reviewed')} />
      </section>
      <section aria-labelledby="archive-title">
        <h2 class="kern-heading-medium" id="archive-title">
          {t('edit.archiveTitle')}
        </h2>
        <p class="kern-body">{t('edit.archiveHint')}</p>
        <PostButton ctx={ctx} action={`${base}/archivieren`} label={t('edit.archive')}>
          <TextArea
            ctx={ctx}
            name="reason"
            label={t('edit.archiveReason')}
            rows={2}
            maxLength={2000}
            error={errors.find((e) => e.target === 'reason')?.message}
          />
        </PostButton>
      </section>
    </>
  );
}

function Reviews({ ctx, version, Heading = 'h3' }: { ctx: ViewContext; version: VersionSummary; Heading?: 'h2' | 'h3' }) {
  const { t } = ctx;
  if (version.reviews.length === 0) return null;
  return (
    <>
      <Heading class="kern-heading-small">{t('edit.reviews')}</Heading>
      <ul class="kern-list">
        {version.reviews.map((r, i) => (
          <li key={i}>
            {formatDay(r.at, ctx.lang)}: {t(`edit.decision.${r.decision}`, { name: r.staff ?? t('edit.someone') })}
            {r.comment ? ` ${t('edit.comment', { comment: r.comment })}` : null}
          </li>
        ))}
      </ul>
    </>
  );
}

function History({ ctx, base, versions }: { ctx: ViewContext; base: string; versions: VersionSummary[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="history-title">
      <h2 class="kern-heading-medium" id="history-title">
        {t('edit.history')}
      </h2>
      {versions.length === 0 ? (
        <p class="kern-body">{t('edit.noHistory')}</p>
      ) : (
        <DataTable caption={t('edit.history')} columns={[t('edit.col.version'), t('edit.col.editors'), t('edit.col.approver'), t('edit.col.published')]}>
          {versions.map((v) => (
            <tr key={v.id}>
              <th scope="row">
                <a class="kern-link" href={`${base}/fassungen/${v.number}`}>
                  {t('edit.showVersion', { n: v.number })}
                </a>
              </th>
              <td>{v.editors.join(', ')}</td>
              <td>{v.approvedBy ?? t('edit.someone')}</td>
              <td>{v.publishedAt ? formatDay(v.publishedAt, ctx.lang) : ''}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

export function VersionPage({
  ctx,
  viewer,
  service,
  version,
  changes,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  service: { id: string; title: string };
  version: VersionSummary;
  changes: FieldChange[];
}) {
  const { t } = ctx;
  const title = t('edit.versionTitle', { n: version.number, title: version.content.title });
  return (
    <BackofficeLayout ctx={ctx} title={title} staff={viewer}>
      <PageTop ctx={ctx} back={{ href: `${EDITORIAL}/${service.id}`, label: service.title }} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('edit.editorsOf', { names: version.editors.join(', ') || t('edit.someone') })}</p>
      <Reviews ctx={ctx} version={version} Heading="h2" />
      <h2 class="kern-heading-medium">{version.base ? t('edit.versionChanges') : t('edit.changesNew')}</h2>
      <ContentDiff ctx={ctx} changes={changes} empty={t('edit.noChanges')} />
    </BackofficeLayout>
  );
}
