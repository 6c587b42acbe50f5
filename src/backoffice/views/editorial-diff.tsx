// A readable diff of two versions of a service: each changed field by name, deleted words struck
// through and inserted words marked – with the words "gelöscht:"/"eingefügt:" for screen readers,
// since colour and strike-through alone are not read out.
import type { ContentField, FieldChange } from '../../catalog/index.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';

export const fieldLabel = (ctx: ViewContext, field: ContentField | 'slug') => ctx.t(field === 'slug' ? 'edit.slug' : (`edit.field.${field}` as MessageKey));

export function ContentDiff({ ctx, changes, empty }: { ctx: ViewContext; changes: FieldChange[]; empty: string }) {
  const { t } = ctx;
  if (changes.length === 0) return <p class="kern-body">{empty}</p>;
  return (
    <dl class="diff">
      {changes.map((c) => (
        <div key={c.field} class="diff__field">
          <dt class="kern-label">{fieldLabel(ctx, c.field)}</dt>
          <dd class="kern-body">
            {c.kind === 'text' ? (
              <p class="diff__text">
                {c.parts.map((p, i) =>
                  p.change === 'added' ? (
                    <ins key={i}>
                      <span class="kern-sr-only">{` ${t('edit.added')} `}</span>
                      {p.text}
                    </ins>
                  ) : p.change === 'removed' ? (
                    <del key={i}>
                      <span class="kern-sr-only">{` ${t('edit.removed')} `}</span>
                      {p.text}
                    </del>
                  ) : (
                    p.text
                  ),
                )}
              </p>
            ) : (
              <>
                {c.added.length > 0 ? <Items label={t('edit.addedItems')} items={c.added} Tag="ins" /> : null}
                {c.removed.length > 0 ? <Items label={t('edit.removedItems')} items={c.removed} Tag="del" /> : null}
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Items({ label, items, Tag }: { label: string; items: string[]; Tag: 'ins' | 'del' }) {
  return (
    <>
      <p class="diff__list-label">{label}:</p>
      <ul class="kern-list">
        {items.map((item) => (
          <li key={item}>
            <Tag>{item}</Tag>
          </li>
        ))}
      </ul>
    </>
  );
}
