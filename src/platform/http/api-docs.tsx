// Server-rendered API reference from the OpenAPI document: no script, accessible like every page.

import { DataTable } from '../views/components.tsx';
import type { ViewContext } from '../views/context.ts';
import { Layout } from '../views/layout.tsx';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string | string[]; pattern?: string; enum?: unknown[]; minimum?: number; maximum?: number };
}

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: Parameter[];
  responses?: Record<string, { description?: string }>;
}

export interface OpenApiDocument {
  info: { title: string; description?: string; version: string };
  paths: Record<string, Record<string, Operation>>;
}

function typeOf(p: Parameter): string {
  const s = p.schema ?? {};
  const base = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'string');
  const extra = [
    s.pattern ? `pattern ${s.pattern}` : '',
    s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined ? `≤ ${s.maximum}` : '',
  ].filter(Boolean);
  return extra.length ? `${base} (${extra.join(', ')})` : base;
}

function anchor(method: string, path: string): string {
  return `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, '-').replace(/-$/, '');
}

export function ApiDocsPage({ ctx, spec }: { ctx: ViewContext; spec: OpenApiDocument }) {
  const { t } = ctx;
  const operations = Object.entries(spec.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
  return (
    <Layout ctx={ctx} title={t('api.docs.title')}>
      <h1 class="kern-heading-large">{t('api.docs.title')}</h1>
      <p class="kern-body kern-body--large">{t('api.docs.lead')}</p>
      <p class="kern-body">{t('api.docs.formats')}</p>
      <p>
        <a class="kern-link" href="/api/openapi.json">
          {t('api.docs.spec')}
        </a>
      </p>
      <nav aria-labelledby="api-toc">
        <h2 class="kern-heading-medium" id="api-toc">
          {t('api.docs.endpoints')}
        </h2>
        <ul class="kern-list link-list">
          {operations.map(({ path, method, op }) => (
            <li key={anchor(method, path)}>
              <a class="kern-link" href={`#${anchor(method, path)}`}>
                <code>
                  {method.toUpperCase()} {path}
                </code>
              </a>{' '}
              <span lang="en">{op.summary}</span>
            </li>
          ))}
        </ul>
      </nav>
      {operations.map(({ path, method, op }) => (
        <section key={anchor(method, path)} aria-labelledby={anchor(method, path)} class="api-operation">
          <h2 class="kern-heading-medium" id={anchor(method, path)}>
            <code>
              {method.toUpperCase()} {path}
            </code>
          </h2>
          <p class="kern-body" lang="en">
            {op.summary}
          </p>
          {op.parameters && op.parameters.length > 0 ? (
            <DataTable
              caption={t('api.docs.parameters')}
              columns={[t('api.docs.name'), t('api.docs.in'), t('api.docs.type'), t('api.docs.required'), t('api.docs.descriptionCol')]}
              captionClass="kern-title kern-title--small"
            >
              {op.parameters.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <th scope="row">
                    <code>{p.name}</code>
                  </th>
                  <td>{p.in}</td>
                  <td>{typeOf(p)}</td>
                  <td>{p.required ? t('api.docs.yes') : t('api.docs.no')}</td>
                  <td lang="en">{p.description ?? ''}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          <h3 class="kern-heading-small">{t('api.docs.responses')}</h3>
          <ul class="kern-list">
            {Object.entries(op.responses ?? {}).map(([code, r]) => (
              <li key={code}>
                <code>{code}</code> <span lang="en">{r.description ?? ''}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
