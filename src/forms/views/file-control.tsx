// A file question: the files already uploaded (each with a remove button) and a file input.
// Without JavaScript the files go up with the step's form (multipart); nothing else is needed.

import { ErrorMessage } from '../../platform/views/error-summary.tsx';
import { controlId } from '../engine/paths.ts';
import type { ControlProps } from './field.tsx';
import { plainText, Txt } from './text.tsx';

export const DEFAULT_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const TYPE_NAMES: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/gif': 'GIF', 'image/tiff': 'TIFF' };

export function formatBytes(bytes: number, lang: 'de' | 'en'): string {
  const mb = bytes / (1024 * 1024);
  const fmt = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: mb < 10 ? 1 : 0 });
  return mb >= 1 ? `${fmt.format(mb)} MB` : `${fmt.format(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

export function FileControl({ state, field, path, value, maxBytes }: ControlProps & { maxBytes?: number }) {
  const { ctx } = state;
  const id = controlId(path);
  const error = state.errors.get(path);
  const ids = Array.isArray(value) ? (value as string[]) : [];
  const types = field.validation?.fileTypes ?? DEFAULT_FILE_TYPES;
  const limit = field.validation?.maxFileBytes ?? maxBytes;
  const hint = [
    field.hint ? plainText(field.hint, ctx.lang) : undefined,
    ctx.t('form.file.allowed', { types: types.map((t) => TYPE_NAMES[t] ?? t).join(', ') }),
    limit ? ctx.t('form.file.maxSize', { size: formatBytes(limit, ctx.lang) }) : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        <Txt text={field.label} ctx={ctx} />
        {field.required ? null : <span class="kern-label__optional"> {ctx.t('form.optional')}</span>}
      </label>
      <div class="kern-hint" id={`${id}-hint`}>
        {hint}
      </div>
      <ErrorMessage id={`${id}-error`} ctx={ctx} message={error} />
      {ids.length > 0 ? (
        <ul class="upload-list" aria-label={ctx.t('form.file.uploaded')}>
          {ids.map((uploadId) => {
            const upload = state.uploads.get(uploadId);
            const name = upload?.filename ?? uploadId;
            return (
              <li key={uploadId}>
                <span>
                  {name}
                  {upload ? ` (${formatBytes(upload.sizeBytes, ctx.lang)})` : ''}
                </span>
                <button type="submit" class="kern-btn kern-btn--tertiary kern-btn--x-small" name="_action" value={`removeFile:${uploadId}`} formNoValidate>
                  <span class="kern-label">{ctx.t('form.file.remove', { name })}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        type="file"
        id={id}
        name={path}
        multiple={field.repeat ? true : undefined}
        accept={types.join(',')}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}
