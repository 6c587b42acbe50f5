// One question as KERN form controls: label (or legend), hint, error message, control. Radios and
// checkboxes sit in a fieldset; long lists become a select.
import type { ComponentChildren } from 'preact';
import { ErrorMessage } from '../../platform/views/error-summary.tsx';
import type { Field } from '../definition/schema.ts';
import { repeatedSlots } from '../engine/input.ts';
import { controlId } from '../engine/paths.ts';
import type { Value } from '../fields/types.ts';
import { FileControl } from './file-control.tsx';
import { asList, asText, inputValue, optionsOf, type RenderState } from './state.ts';
import { plainText, Txt } from './text.tsx';

const RADIO_LIMIT = 12;

type InputKind = { type: 'text' | 'email' | 'tel'; inputMode?: 'numeric' | 'decimal' | 'email' | 'tel'; autocomplete?: string; width?: string };

const INPUTS: Partial<Record<Field['type'], InputKind>> = {
  text: { type: 'text' },
  email: { type: 'email', autocomplete: 'email', inputMode: 'email' },
  phone: { type: 'tel', autocomplete: 'tel' },
  iban: { type: 'text', width: 'input-width-20', autocomplete: 'off' },
  number: { type: 'text', inputMode: 'decimal', width: 'input-width-10' },
  integer: { type: 'text', inputMode: 'numeric', width: 'input-width-5' },
  currency: { type: 'text', inputMode: 'decimal', width: 'input-width-10' },
  date: { type: 'text', inputMode: 'numeric', width: 'input-width-10' },
  time: { type: 'text', inputMode: 'numeric', width: 'input-width-5' },
  datetime: { type: 'text', width: 'input-width-20' },
};

export interface ControlProps {
  state: RenderState;
  field: Field;
  path: string;
  value: Value | undefined;
  /** Label override, e.g. "Kennzeichen 2" for the second of a repeated field. */
  label?: string;
}

function describedBy(...ids: (string | false | undefined)[]) {
  const list = ids.filter(Boolean).join(' ');
  return list === '' ? undefined : list;
}

function Label({ state, field, id, label, legend }: { state: RenderState; field: Field; id: string; label?: string; legend?: boolean }) {
  const content = (
    <>
      {label ?? <Txt text={field.label} ctx={state.ctx} />}
      {field.required ? null : <span class="kern-label__optional"> {state.ctx.t('form.optional')}</span>}
    </>
  );
  return legend ? (
    <legend class="kern-label">{content}</legend>
  ) : (
    <label class="kern-label" for={id}>
      {content}
    </label>
  );
}

function formatHint(state: RenderState, field: Field): string | undefined {
  const own = field.hint ? plainText(field.hint, state.ctx.lang) : undefined;
  const format = ['date', 'time', 'datetime', 'currency', 'iban'].includes(field.type)
    ? state.ctx.t(`form.format.${field.type}` as 'form.format.date')
    : undefined;
  const source = state.prefilled?.has(field.id) ? state.ctx.t(field.prefillLocked ? 'form.prefilledLocked' : 'form.prefilled') : undefined;
  return [source, own, format].filter(Boolean).join(' ') || undefined;
}

function Hint({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <div class="kern-hint" id={id}>
      {text}
    </div>
  ) : null;
}

function TextControl({ state, field, path, value, label }: ControlProps) {
  const id = controlId(path);
  const error = state.errors.get(path);
  const hint = formatHint(state, field);
  const kind = INPUTS[field.type] ?? { type: 'text' };
  const common = {
    id,
    name: path,
    'aria-describedby': describedBy(hint && `${id}-hint`, error && `${id}-error`),
    'aria-invalid': error ? ('true' as const) : undefined,
    maxLength: field.validation?.maxLength,
  };
  const text = asText(inputValue(state, field, path, value));
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label state={state} field={field} id={id} label={label} />
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorMessage id={`${id}-error`} ctx={state.ctx} message={error} />
      {field.type === 'textarea' ? (
        <textarea class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`} rows={5} {...common}>
          {text}
        </textarea>
      ) : (
        <input
          class={`kern-form-input__input${kind.width ? ` ${kind.width}` : ''}${error ? ' kern-form-input__input--error' : ''}`}
          type={kind.type as 'text'}
          inputMode={kind.inputMode}
          autocomplete={field.autocomplete ?? kind.autocomplete}
          spellcheck={kind.inputMode ? false : undefined}
          value={text}
          readOnly={field.prefillLocked && state.prefilled?.has(field.id)}
          {...common}
        />
      )}
    </div>
  );
}

function Fieldset({ state, field, path, children, label }: { state: RenderState; field: Field; path: string; children: ComponentChildren; label?: string }) {
  const id = controlId(path);
  const error = state.errors.get(path);
  const hint = formatHint(state, field);
  return (
    <fieldset
      class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={`${id}-fieldset`}
      aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
    >
      <Label state={state} field={field} id={id} label={label} legend />
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorMessage id={`${id}-error`} ctx={state.ctx} message={error} />
      {children}
    </fieldset>
  );
}

interface CheckOption {
  value: string;
  label: ComponentChildren;
}

function Checks({
  type,
  path,
  options,
  selected,
  error,
}: {
  type: 'radio' | 'checkbox';
  path: string;
  options: CheckOption[];
  selected: string[];
  error: boolean;
}) {
  const id = controlId(path);
  const cls = type === 'radio' ? 'kern-form-check__radio' : 'kern-form-check__checkbox';
  return (
    <div class={`kern-fieldset__body${type === 'radio' && options.length === 2 ? ' kern-fieldset__body--horizontal' : ''}`}>
      {options.map((o, i) => (
        <div class="kern-form-check" key={o.value}>
          <input
            class={`${cls}${error ? ` ${cls}--error` : ''}`}
            type={type}
            id={i === 0 ? id : `${id}-${i}`}
            name={path}
            value={o.value}
            checked={selected.includes(o.value)}
          />
          <label class="kern-label" for={i === 0 ? id : `${id}-${i}`}>
            {o.label}
          </label>
        </div>
      ))}
    </div>
  );
}

function ChoiceControl({ state, field, path, value, label }: ControlProps) {
  const { ctx } = state;
  const error = state.errors.has(path);
  const selected = asList(inputValue(state, field, path, value));
  const options: CheckOption[] =
    field.type === 'yesno'
      ? [
          { value: 'ja', label: ctx.t('form.yes') },
          { value: 'nein', label: ctx.t('form.no') },
        ]
      : optionsOf(state.def, field).map((o) => ({ value: o.code, label: <Txt text={o.label} ctx={ctx} /> }));
  if (field.type === 'choice' && options.length > RADIO_LIMIT) return <SelectControl {...{ state, field, path, value, label }} />;
  return (
    <Fieldset state={state} field={field} path={path} label={label}>
      <Checks type={field.type === 'multichoice' ? 'checkbox' : 'radio'} path={path} options={options} selected={selected} error={error} />
    </Fieldset>
  );
}

function SelectControl({ state, field, path, value, label }: ControlProps) {
  const id = controlId(path);
  const error = state.errors.get(path);
  const hint = formatHint(state, field);
  const selected = asText(inputValue(state, field, path, value));
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label state={state} field={field} id={id} label={label} />
      <Hint id={`${id}-hint`} text={hint} />
      <ErrorMessage id={`${id}-error`} ctx={state.ctx} message={error} />
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={id}
          name={path}
          aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
          aria-invalid={error ? 'true' : undefined}
        >
          <option value="">{state.ctx.t('form.selectPrompt')}</option>
          {optionsOf(state.def, field).map((o) => (
            <option key={o.code} value={o.code} selected={o.code === selected}>
              {plainText(o.label, state.ctx.lang)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function LockedControl({ state, field, value }: ControlProps) {
  const shown = value ?? field.defaultValue;
  return (
    <div class="kern-form-input locked-value">
      <p class="kern-label">
        <Txt text={field.label} ctx={state.ctx} />
      </p>
      <p class="kern-body">{shown === undefined ? '' : String(shown)}</p>
    </div>
  );
}

function SingleControl(props: ControlProps) {
  switch (props.field.type) {
    case 'yesno':
    case 'choice':
    case 'multichoice':
      return <ChoiceControl {...props} />;
    case 'file':
      return <FileControl {...props} />;
    case 'locked':
      return <LockedControl {...props} />;
    case 'hidden':
      return null;
    default:
      return <TextControl {...props} />;
  }
}

/** A question; a repeated one ("up to three licence plates") shows one input per answer plus a free one. */
export function FieldView(props: ControlProps) {
  const { field, path, state, value } = props;
  if (!field.repeat || field.type === 'file' || field.type === 'multichoice') return <SingleControl {...props} />;
  const values = Array.isArray(value) ? (value as Value[]) : value === undefined ? [] : [value];
  const typed = state.raw ? Object.keys(state.raw).filter((k) => k.startsWith(`${path}.`)).length : 0;
  const slots = Math.max(repeatedSlots(field, values), typed);
  const label = plainText(field.label, state.ctx.lang);
  return (
    <fieldset class="kern-fieldset" id={`${controlId(path)}-fieldset`}>
      <legend class="kern-label">
        <Txt text={field.label} ctx={state.ctx} />
      </legend>
      <ErrorMessage id={`${controlId(path)}-error`} ctx={state.ctx} message={state.errors.get(path)} />
      {Array.from({ length: slots }, (_, i) => (
        <SingleControl key={i} {...props} path={`${path}.${i}`} value={values[i]} label={`${label} ${i + 1}`} />
      ))}
    </fieldset>
  );
}
