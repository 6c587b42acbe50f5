// The e-mail address question used on the check and save pages.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../platform/views/context.ts';

export function EmailInput({ ctx, label, hint, value, error }: { ctx: ViewContext; label: ComponentChildren; hint: string; value: string; error?: string }) {
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for="email">
        {label}
      </label>
      <div class="kern-hint" id="email-hint">
        {hint}
      </div>
      {error ? (
        <p class="kern-error" id="email-error">
          <span class="kern-sr-only">{ctx.t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        type="email"
        id="email"
        name="email"
        value={value}
        autocomplete="email"
        spellcheck={false}
        aria-describedby={`email-hint${error ? ' email-error' : ''}`}
      />
    </div>
  );
}
