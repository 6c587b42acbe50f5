// Fills any form definition with valid answers, step by step, as a citizen would type them: proof
// that an imported form can be completed. Only required questions are answered.
import type { FormDefinition, Item, Step } from '../../src/forms/index.ts';

const CANDIDATES = ['12345', 'Beispiel', 'A', '1', 'DE', '10', 'ABC-123', 'a@b.de', '0123 456789'];

function textFor(field: Extract<Item, { kind: 'field' }>): string {
  const v = field.validation ?? {};
  const fits = (s: string) =>
    (v.minLength === undefined || s.length >= v.minLength) &&
    (v.maxLength === undefined || s.length <= v.maxLength) &&
    (v.pattern === undefined || new RegExp(`^(?:${v.pattern})$`, 'u').test(s));
  const padded = v.minLength ? ['x'.repeat(v.minLength)] : [];
  const found = [...CANDIDATES, ...padded].find(fits);
  if (found === undefined) throw new Error(`no sample text fits field ${field.id} (${JSON.stringify(v)})`);
  return found;
}

function valueFor(def: FormDefinition, field: Extract<Item, { kind: 'field' }>): string | undefined {
  const options = field.codeList ? (def.codeLists[field.codeList]?.options ?? []) : (field.options ?? []);
  const min = field.validation?.min;
  switch (field.type) {
    case 'yesno':
      return 'nein';
    case 'choice':
    case 'multichoice':
      return options[0]?.code;
    case 'date':
      return min && /^\d{4}-\d{2}-\d{2}/.test(min) && min > '2020-01-01' ? `${min.slice(8, 10)}.${min.slice(5, 7)}.${min.slice(0, 4)}` : '01.06.2020';
    case 'time':
      return '09:30';
    case 'datetime':
      return '01.06.2020 09:30';
    case 'number':
    case 'integer':
    case 'currency':
      return min !== undefined && !Number.isNaN(Number(min)) ? String(Math.max(Number(min), 1)) : '1';
    case 'email':
      return 'antrag@example.org';
    case 'phone':
      return '0123 456789';
    case 'iban':
      return 'DE89370400440532013000';
    case 'file':
    case 'hidden':
    case 'locked':
      return undefined;
    default:
      return textFor(field);
  }
}

/** The body for a step: every required question answered, repeating groups at their minimum; `files` are the upload fields to send a file for. */
export function fillStep(def: FormDefinition, step: Step): { body: Record<string, string>; files: string[] } {
  const body: Record<string, string> = {};
  const files: string[] = [];
  const walk = (items: Item[], prefix: string) => {
    for (const item of items) {
      if (item.kind === 'content' || item.condition) continue;
      if (item.kind === 'group') {
        const flat = item.repeat.min === 1 && item.repeat.max === 1;
        if (flat) walk(item.items, prefix);
        else for (let i = 0; i < item.repeat.min; i++) walk(item.items, `${prefix}${item.id}.${i}.`);
        continue;
      }
      if (!item.required) continue;
      const value = valueFor(def, item);
      if (value === undefined) {
        if (item.type === 'file') files.push(`${prefix}${item.id}`);
        continue;
      }
      body[item.repeat ? `${prefix}${item.id}.0` : `${prefix}${item.id}`] = value;
    }
  };
  walk(step.items, '');
  return { body, files };
}
