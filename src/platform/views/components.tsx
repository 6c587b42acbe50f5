// Small shared view pieces: breadcrumbs, pagination, description lists.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { ErrorMessage } from './error-summary.tsx';

export function Breadcrumbs({ ctx, items }: { ctx: ViewContext; items: { label: string; href?: string }[] }) {
  return (
    <nav class="breadcrumbs" aria-label={ctx.t('site.breadcrumb')}>
      <ol class="kern-list kern-list--horizontal">
        <li>
          <a class="kern-link" href="/">
            {ctx.t('site.home')}
          </a>
        </li>
        {items.map((item) => (
          <li key={item.label}>
            {item.href ? (
              <a class="kern-link" href={item.href}>
                {item.label}
              </a>
            ) : (
              <span aria-current="page">{item.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export interface PaginationProps {
  ctx: ViewContext;
  page: number;
  pages: number;
  hrefFor: (page: number) => string;
}

export function Pagination({ ctx, page, pages, hrefFor }: PaginationProps) {
  if (pages <= 1) return null;
  const { t } = ctx;
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <ul class="kern-list kern-list--horizontal">
        {page > 1 ? (
          <li>
            <a class="kern-link" href={hrefFor(page - 1)} rel="prev">
              {t('pagination.previous')}
            </a>
          </li>
        ) : null}
        <li>
          <span aria-current="page">{t('pagination.page', { page, pages })}</span>
        </li>
        {page < pages ? (
          <li>
            <a class="kern-link" href={hrefFor(page + 1)} rel="next">
              {t('pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

export function DescriptionItem({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="kern-description-list-item">
      <dt class="kern-description-list-item__key">{label}</dt>
      <dd class="kern-description-list-item__value">{children}</dd>
    </div>
  );
}

export function ErrorPage({ ctx, title, text, reference }: { ctx: ViewContext; title: string; text: string; reference?: string }) {
  return (
    <>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{text}</p>
      {reference ? (
        <p class="kern-body kern-body--small">
          {ctx.t('error.reference')}: <code>{reference}</code>
        </p>
      ) : null}
      <p>
        <a class="kern-link" href="/">
          {ctx.t('error.backHome')}
        </a>
      </p>
    </>
  );
}

export interface SelectFieldProps {
  id: string;
  name: string;
  label: string;
  /** Label of the empty first option ("all"); without it there is no empty option. */
  emptyLabel?: string;
  selected: string;
  options: { value: string; label: string }[];
  /** The message when the choice is wrong (shown above the select, tied to it). */
  error?: string;
  /** For the message's texts ("Fehler:"); needed with `error`. */
  ctx?: ViewContext;
}

/** A KERN select with its label; the empty option means "no choice". */
export function SelectField({ id, name, label, emptyLabel, selected, options, error, ctx }: SelectFieldProps) {
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
      </label>
      {error && ctx ? <ErrorMessage id={`${id}-error`} ctx={ctx} message={error} /> : null}
      <div class="kern-form-input__select-wrapper">
        <select class="kern-form-input__select" id={id} name={name} aria-describedby={error ? `${id}-error` : undefined}>
          {emptyLabel === undefined ? null : <option value="">{emptyLabel}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === selected}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** A KERN table with its caption (for screen readers unless `captionClass` shows it), column headers and rows. */
export function DataTable({
  caption,
  captionClass = 'kern-sr-only',
  columns,
  small = true,
  children,
}: {
  caption: string;
  captionClass?: string;
  columns: string[];
  small?: boolean;
  children: ComponentChildren;
}) {
  return (
    <div class="kern-table-responsive">
      <table class={small ? 'kern-table kern-table--small' : 'kern-table'}>
        <caption class={captionClass}>{caption}</caption>
        <thead class="kern-table__header">
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}

/** The way back to the page above, at the top of a page. */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <p>
      <a class="kern-link" href={href}>
        ← {label}
      </a>
    </p>
  );
}
