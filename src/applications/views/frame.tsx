// The frame of every application page: the form's name as caption, a back link, the page heading.

import type { ComponentChildren } from 'preact';
import { BackLink } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { Layout } from '../../platform/views/layout.tsx';

/** When a draft about to expire will be deleted, and how long saving keeps it. */
export interface ExpiryNotice {
  date: string;
  days: number;
}

export interface FrameProps {
  ctx: ViewContext;
  formTitle: string;
  title: string;
  /** Text before the heading, e.g. "Schritt 2 von 4". */
  caption?: string;
  back?: { href: string; label: string };
  /** When the page shows errors, the title starts with "Fehler:" so screen readers hear it first. */
  hasErrors?: boolean;
  scripts?: string[];
  /** The date a draft about to expire will be deleted. */
  expiresSoon?: ExpiryNotice;
  children: ComponentChildren;
}

export function Frame({ ctx, formTitle, title, caption, back, hasErrors, scripts, expiresSoon, children }: FrameProps) {
  const pageTitle = `${hasErrors ? `${ctx.t('form.errorPrefix')} ` : ''}${title} – ${formTitle}`;
  return (
    <Layout ctx={ctx} title={pageTitle} headerSearch={false} scripts={scripts}>
      {back ? <BackLink href={back.href} label={back.label} /> : null}
      {expiresSoon ? (
        <section class="kern-alert kern-alert--warning" aria-label={ctx.t('form.expiry.title')}>
          <div class="kern-alert__header">
            <span class="kern-title">{ctx.t('form.expiry.title')}</span>
          </div>
          <div class="kern-alert__body">
            <p class="kern-body">{ctx.t('form.expiry.body', { ...expiresSoon })}</p>
          </div>
        </section>
      ) : null}
      <p class="form-caption kern-body">
        {formTitle}
        {caption ? ` · ${caption}` : ''}
      </p>
      {children}
    </Layout>
  );
}

export const CsrfField = ({ ctx }: { ctx: ViewContext }) => <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
