// Runs in the browser (bundled to /assets/forms.js): hides the items whose condition does not hold
// for what is currently entered on the page, using the server's own condition and field modules.
// Hidden controls are disabled, so they are not sent; the server decides again on every post.
import type { Condition, Field } from '../definition/schema.ts';
import { evaluate } from '../engine/conditions.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { RawInput, Value } from '../fields/types.ts';

type Controls = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function rawInput(form: HTMLFormElement, name: string): RawInput | null {
  const controls = [...form.querySelectorAll<Controls>(`[name="${CSS.escape(name)}"]`)].filter((c) => !c.disabled);
  if (controls.length === 0) return null;
  const checkable = controls.filter((c): c is HTMLInputElement => c instanceof HTMLInputElement && (c.type === 'radio' || c.type === 'checkbox'));
  if (checkable.length === 0) return controls[0]?.value;
  const checked = checkable.filter((c) => c.checked).map((c) => c.value);
  return checkable[0]?.type === 'checkbox' ? checked : checked[0];
}

/** Looks a field up like the server: in the item's own scope first, then outwards, then earlier pages. */
function lookupFor(form: HTMLFormElement, block: HTMLElement): (id: string) => Value | undefined {
  const fields = JSON.parse(block.dataset.fields ?? '{}') as Record<string, Field>;
  const known = JSON.parse(block.dataset.known ?? '{}') as Record<string, Value | undefined>;
  return (id) => {
    const field = fields[id];
    if (!field) return known[id];
    const segments = (block.dataset.scope ?? '').split('.').filter(Boolean);
    for (let n = segments.length; n >= 0; n -= 2) {
      const raw = rawInput(form, [...segments.slice(0, n), id].join('.'));
      if (raw === null) continue;
      const parsed = FIELD_MODULES[field.type].parse(raw, field);
      return parsed.ok ? parsed.value : undefined;
    }
    return undefined;
  };
}

/** Shows or hides one block; true when that changed. */
function apply(form: HTMLFormElement, block: HTMLElement): boolean {
  const holds = evaluate(JSON.parse(block.dataset.condition ?? '{}') as Condition, lookupFor(form, block));
  const outerHidden = block.parentElement?.closest<HTMLElement>('.form-conditional')?.hidden === true;
  const hide = !holds || outerHidden;
  if (block.hidden === hide) return false;
  block.hidden = hide;
  for (const control of block.querySelectorAll<Controls>('input, select, textarea')) control.disabled = hide;
  return true;
}

function update(form: HTMLFormElement): void {
  const blocks = [...form.querySelectorAll<HTMLElement>('.form-conditional')];
  // A block may depend on a field in another block: repeat until nothing changes (bounded).
  for (let round = 0; round <= blocks.length; round++) {
    if (!blocks.map((block) => apply(form, block)).some(Boolean)) return;
  }
}

function enhance(form: HTMLFormElement): void {
  for (const hint of form.querySelectorAll<HTMLElement>('.form-conditional__hint')) hint.hidden = true;
  update(form);
  form.addEventListener('input', () => update(form));
  form.addEventListener('change', () => update(form));
}

for (const form of document.querySelectorAll<HTMLFormElement>('form.form-step')) {
  if (form.querySelector('.form-conditional')) enhance(form);
}
