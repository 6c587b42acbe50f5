// Pieces of the postbox pages: a message's text and files, and the file input for replies.
import { formatBytes } from '../../forms/index.ts';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';

export interface MessageBody {
  id: string;
  subject: string;
  body: string;
  date: string;
  fromCitizen: boolean;
  kind: 'message' | 'nachforderung' | 'bescheid';
  reference: string | null;
  files: { id: string; filename: string; sizeBytes: number }[];
}

export function MessageText({ ctx, message }: { ctx: ViewContext; message: MessageBody }) {
  const { t } = ctx;
  return (
    <>
      <p class="kern-body kern-body--small">
        {message.fromCitizen ? t('postbox.fromYou') : t('postbox.fromAuthority')} · {message.date}
        {message.kind !== 'message' ? ` · ${t(`postbox.kind.${message.kind}`)}` : ''}
      </p>
      {message.body.split(/\n{2,}/).map((paragraph, i) => (
        <p class="kern-body postbox-text" key={`${message.id}-${i}`}>
          {paragraph}
        </p>
      ))}
      {message.files.length > 0 ? (
        <ul class="kern-list" aria-label={t('postbox.attachments')}>
          {message.files.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={`/konto/postfach/${message.id}/anhaenge/${f.id}`} download>
                {f.filename}
              </a>{' '}
              <span class="kern-body kern-body--small">({formatBytes(f.sizeBytes, ctx.lang)})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function FilesInput({
  ctx,
  name,
  label,
  errors,
  optional = true,
}: {
  ctx: ViewContext;
  name: string;
  label: string;
  errors: PageError[];
  optional?: boolean;
}) {
  const fileErrors = errors.filter((e) => e.target === name);
  return (
    <div class={`kern-form-input${fileErrors.length > 0 ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={name}>
        {label} {optional ? <span class="kern-label__optional">{ctx.t('form.optional')}</span> : null}
      </label>
      <div class="kern-hint" id={`${name}-hint`}>
        {ctx.t('postbox.filesHint')}
      </div>
      {fileErrors.map((e) => (
        <p class="kern-error" id={`${name}-error`} key={e.message}>
          <span class="kern-sr-only">{ctx.t('form.errorPrefix')} </span>
          {e.message}
        </p>
      ))}
      <input
        class="kern-form-input__input"
        type="file"
        id={name}
        name={name}
        multiple
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        aria-describedby={`${name}-hint${fileErrors.length > 0 ? ` ${name}-error` : ''}`}
      />
    </div>
  );
}
