// A labelled text input with hint and error in the KERN pattern: the error above the control,
// both tied to it with aria-describedby.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';

export interface InputSpec {
  name: string;
  label: ComponentChildren;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
  value?: string;
}

export function Input({ ctx, spec, error }: { ctx: ViewContext; spec: InputSpec; error?: string }) {
  const { name, label, type, autocomplete, hint, value } = spec;
  const described = [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={name}>
        {label}
      </label>
      {hint ? (
        <div class="kern-hint" id={`${name}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p class="kern-error" id={`${name}-error`}>
          <span class="kern-sr-only">{ctx.t('form.errorPrefix')} </span>
          {error}
        </p>
      ) : null}
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        // Preact types each input type separately; the union is one attribute here.
        type={type as 'text'}
        id={name}
        name={name}
        value={type === 'password' ? '' : value}
        autocomplete={autocomplete}
        spellcheck={type === 'text' ? undefined : false}
        maxLength={type === 'password' ? 256 : type === 'email' ? 254 : 320}
        aria-describedby={described || undefined}
      />
    </div>
  );
}
