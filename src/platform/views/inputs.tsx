// Labelled controls in the KERN pattern: label, hint, the error above the control, all tied to it
// with aria-describedby. One shell for every kind of control, so each page gets the same markup.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from './context.ts';
import { ErrorMessage } from './error-summary.tsx';

/** The ids a control is described by: its hint and its error, when there are any. */
const describedBy = (name: string, hint?: string, error?: string) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

export function FieldShell({
  ctx,
  name,
  label,
  hint,
  error,
  children,
}: {
  ctx: ViewContext;
  name: string;
  label: ComponentChildren;
  hint?: string;
  error?: string;
  children: ComponentChildren;
}) {
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
      <ErrorMessage id={`${name}-error`} ctx={ctx} message={error} />
      {children}
    </div>
  );
}

export interface InputSpec {
  name: string;
  label: ComponentChildren;
  type: 'email' | 'password' | 'text';
  autocomplete: string;
  hint?: string;
  value?: string;
  /** A narrower box for short values (KERN width class, e.g. `input-width-10`). */
  width?: string;
  inputMode?: 'numeric' | 'decimal';
}

export function Input({ ctx, spec, error }: { ctx: ViewContext; spec: InputSpec; error?: string }) {
  const { name, label, type, autocomplete, hint, value, width, inputMode } = spec;
  return (
    <FieldShell ctx={ctx} name={name} label={label} hint={hint} error={error}>
      <input
        class={`kern-form-input__input${width ? ` ${width}` : ''}${error ? ' kern-form-input__input--error' : ''}`}
        // Preact types each input type separately; the union is one attribute here.
        type={type as 'text'}
        id={name}
        name={name}
        value={type === 'password' ? '' : value}
        autocomplete={autocomplete}
        inputMode={inputMode}
        spellcheck={type === 'text' ? undefined : false}
        maxLength={type === 'password' ? 256 : type === 'email' ? 254 : 320}
        aria-describedby={describedBy(name, hint, error)}
      />
    </FieldShell>
  );
}

export function TextArea({
  ctx,
  name,
  label,
  hint,
  value = '',
  rows,
  maxLength,
  error,
}: {
  ctx: ViewContext;
  name: string;
  label: ComponentChildren;
  hint?: string;
  value?: string;
  rows: number;
  maxLength: number;
  error?: string;
}) {
  return (
    <FieldShell ctx={ctx} name={name} label={label} hint={hint} error={error}>
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={name}
        name={name}
        rows={rows}
        maxLength={maxLength}
        aria-describedby={describedBy(name, hint, error)}
      >
        {value}
      </textarea>
    </FieldShell>
  );
}

interface ChoiceProps {
  ctx: ViewContext;
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  checked: string[];
  error?: string;
}

/** Options under one legend; the first carries the group's name as id (error summary links). */
function ChoiceGroup({ ctx, legend, name, options, checked, error, type }: ChoiceProps & { type: 'checkbox' | 'radio' }) {
  return (
    <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} id={`${name}-fieldset`}>
      <legend class="kern-label">{legend}</legend>
      <ErrorMessage id={`${name}-error`} ctx={ctx} message={error} />
      <div class="kern-fieldset__body">
        {options.map((o, i) => (
          <div class="kern-form-check" key={o.value}>
            <input
              class={`kern-form-check__${type}`}
              type={type}
              id={i === 0 ? name : `${name}-${o.value}`}
              name={name}
              value={o.value}
              checked={checked.includes(o.value)}
            />
            <label class="kern-label" for={i === 0 ? name : `${name}-${o.value}`}>
              {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export const Checkboxes = (props: ChoiceProps) => <ChoiceGroup {...props} type="checkbox" />;

/** One of several options; `checked` holds the chosen value, if any. */
export const Radios = ({ value, ...props }: Omit<ChoiceProps, 'checked'> & { value: string }) => <ChoiceGroup {...props} checked={[value]} type="radio" />;
