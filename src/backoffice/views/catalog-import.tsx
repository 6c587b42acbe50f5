// Importing the municipality's service list from CSV (role Redaktion): the upload, then a preview
// with the column mapping and every row's problems; nothing is written before "Importieren".
import type { CheckedRow, ImportField, Mapping } from '../../catalog/index.ts';
import { IMPORT_FIELDS } from '../../catalog/index.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import { ErrorMessage, type PageError } from '../../platform/views/error-summary.tsx';
import { CsrfField } from '../../platform/views/simple-pages.tsx';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const IMPORT = '/backoffice/zuordnung/import';

const fieldLabel = (ctx: ViewContext, f: ImportField) => ctx.t(`import.field.${f}` as MessageKey);

export function UploadPage({ ctx, viewer, errors }: { ctx: ViewContext; viewer: StaffViewer; errors: PageError[] }) {
  const { t } = ctx;
  const error = errors.find((e) => e.target === 'file')?.message;
  return (
    <BackofficeLayout ctx={ctx} title={errors.length > 0 ? `${t('form.errorPrefix')} ${t('import.title')}` : t('import.title')} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: '/backoffice/zuordnung', label: t('match.title') }} />
      <h1 class="kern-heading-large">{t('import.title')}</h1>
      <p class="kern-body">{t('import.intro')}</p>
      <form method="post" action={`${IMPORT}?_csrf=${encodeURIComponent(ctx.csrfToken ?? '')}`} enctype="multipart/form-data" novalidate>
        <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
          <label class="kern-label" for="file">
            {t('import.file')}
          </label>
          <div class="kern-hint" id="file-hint">
            {t('import.fileHint')}
          </div>
          <ErrorMessage id="file-error" ctx={ctx} message={error} />
          <input
            class="kern-form-input__input"
            type="file"
            id="file"
            name="file"
            accept=".csv,text/csv"
            aria-describedby={error ? 'file-hint file-error' : 'file-hint'}
          />
        </div>
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('import.preview')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface PreviewProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  /** The file as it was uploaded, carried base64-encoded to the confirmation (nothing stored before). */
  csv: string;
  header: string[];
  mapping: Mapping;
  rows: CheckedRow[];
  malformed: { line: number; reason: string }[];
}

export function PreviewPage({ ctx, viewer, csv, header, mapping, rows, malformed }: PreviewProps) {
  const { t } = ctx;
  const good = rows.filter((r) => r.problems.length === 0).length;
  return (
    <BackofficeLayout ctx={ctx} title={t('import.previewTitle')} staff={viewer}>
      <PageTop ctx={ctx} back={{ href: IMPORT, label: t('import.other') }} />
      <h1 class="kern-heading-large">{t('import.previewTitle')}</h1>
      <p class="kern-body">{t('import.summary', { good, bad: rows.length - good + malformed.length })}</p>
      <form method="post" action={`${IMPORT}/vorschau`} novalidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="csv" value={csv} />
        <fieldset class="kern-fieldset">
          <legend class="kern-label">{t('import.mapping')}</legend>
          <div class="bo-filters">
            {IMPORT_FIELDS.map((f) => (
              <SelectField
                key={f}
                id={`map-${f}`}
                name={`map-${f}`}
                label={fieldLabel(ctx, f)}
                emptyLabel={t('import.notMapped')}
                selected={mapping[f] ?? ''}
                options={header.map((h) => ({ value: h, label: h }))}
              />
            ))}
          </div>
        </fieldset>
        <div class="bo-actions">
          <button type="submit" class="kern-btn kern-btn--secondary">
            <span class="kern-label">{t('import.applyMapping')}</span>
          </button>
          <button type="submit" class="kern-btn kern-btn--primary" formaction={`${IMPORT}/bestaetigen`} disabled={good === 0}>
            <span class="kern-label">{t('import.confirm', { n: good })}</span>
          </button>
        </div>
      </form>
      <DataTable caption={t('import.rows')} columns={[t('import.line'), t('import.field.title'), t('import.slug'), t('import.check')]}>
        {rows.map((r) => (
          <tr key={r.line}>
            <td>{r.line}</td>
            <th scope="row">{r.title || '–'}</th>
            <td>{r.slug || '–'}</td>
            <td>{r.problems.length === 0 ? t('import.ok') : r.problems.map((p) => t(`import.problem.${p}` as MessageKey)).join(' ')}</td>
          </tr>
        ))}
        {malformed.map((m) => (
          <tr key={`bad-${m.line}`}>
            <td>{m.line}</td>
            <th scope="row">–</th>
            <td>–</td>
            <td>{t('import.problem.malformed', { reason: m.reason })}</td>
          </tr>
        ))}
      </DataTable>
    </BackofficeLayout>
  );
}
