// The frame of the account pages and the one-form page most of them are: a heading, a lead, the
// error summary, a few inputs and one button.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { ErrorSummary, type PageError } from './error-summary.tsx';
import { Input, type InputSpec } from './inputs.tsx';
import { Layout } from './layout.tsx';

export function AccountPage({ ctx, title, hasErrors, children }: { ctx: ViewContext; title: string; hasErrors?: boolean; children: ComponentChildren }) {
  return (
    <Layout ctx={ctx} title={hasErrors ? `${ctx.t('form.errorPrefix')} ${title}` : title} headerSearch={false}>
      {children}
    </Layout>
  );
}

export const CsrfField = ({ ctx }: { ctx: ViewContext }) => <input type="hidden" name="_csrf" value={ctx.csrfToken} />;

/** A button that POSTs to `action` with the CSRF token; `children` are fields sent with it. */
export function PostButton({
  ctx,
  action,
  label,
  primary,
  children,
}: {
  ctx: ViewContext;
  action: string;
  label: string;
  primary?: boolean;
  children?: ComponentChildren;
}) {
  return (
    <form method="post" action={action}>
      <CsrfField ctx={ctx} />
      {children}
      <button type="submit" class={`kern-btn kern-btn--${primary ? 'primary' : 'secondary'}`}>
        <span class="kern-label">{label}</span>
      </button>
    </form>
  );
}

export function Notice({ kind, title, children }: { kind: 'success' | 'info' | 'warning' | 'danger'; title: string; children: ComponentChildren }) {
  return (
    <div class={`kern-alert kern-alert--${kind}`} role={kind === 'success' ? 'status' : undefined}>
      <div class="kern-alert__header">
        <h2 class="kern-title">{title}</h2>
      </div>
      <div class="kern-alert__body">{children}</div>
    </div>
  );
}

export interface FormPageProps {
  ctx: ViewContext;
  title: string;
  lead?: ComponentChildren;
  action: string;
  inputs: InputSpec[];
  submit: string;
  errors?: PageError[];
  /** Shown above the form, e.g. "Your password was changed". */
  notice?: ComponentChildren;
  /** Links and text below the form. */
  after?: ComponentChildren;
  /** Content between the heading and the form (another way to do the same). */
  before?: ComponentChildren;
  /** The page frame (the portal's by default; the back office has its own). */
  frame?: typeof AccountPage;
}

export function FormPage({ ctx, title, lead, action, inputs, submit, errors = [], notice, after, before, frame: Frame = AccountPage }: FormPageProps) {
  const errorOf = (name: string) => errors.find((e) => e.target === name)?.message;
  return (
    <Frame ctx={ctx} title={title} hasErrors={errors.length > 0}>
      <ErrorSummary ctx={ctx} errors={errors} />
      {notice}
      <h1 class="kern-heading-large">{title}</h1>
      {lead ? <p class="kern-body">{lead}</p> : null}
      {before}
      <form method="post" action={action} novalidate class="account-form">
        <CsrfField ctx={ctx} />
        {inputs.map((spec) => (
          <Input key={spec.name} ctx={ctx} spec={spec} error={errorOf(spec.name)} />
        ))}
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{submit}</span>
        </button>
      </form>
      {after}
    </Frame>
  );
}

/** A page that only tells something, with links onward. */
export function MessagePage({ ctx, title, children }: { ctx: ViewContext; title: string; children: ComponentChildren }) {
  return (
    <AccountPage ctx={ctx} title={title}>
      <h1 class="kern-heading-large">{title}</h1>
      {children}
    </AccountPage>
  );
}
