// Prefill from a confirmed identity: fields marked with `prefill` (outside repeating groups) get the
// identity's value, parsed like typed input so that only valid values are taken over.
import type { Field, FormDefinition, Item, PrefillSource } from '../definition/schema.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { Value } from '../fields/types.ts';
import type { Answers } from './journey.ts';
import { isFlatGroup } from './scopes.ts';

export type PrefillIdentity = Partial<Record<PrefillSource, string>>;

/** ISO dates arrive from IdPs; the date field reads what a citizen would type. */
const asInput = (field: Field, value: string) => (field.type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value.split('-').reverse().join('.') : value);

function* prefillable(items: Item[]): Generator<Field> {
  for (const item of items) {
    if (item.kind === 'field' && item.prefill) yield item;
    else if (item.kind === 'group' && isFlatGroup(item)) yield* prefillable(item.items);
  }
}

/** The answers to start a draft with, and the ids of the fields that were prefilled. */
export function prefillAnswers(def: FormDefinition, identity: PrefillIdentity): { answers: Answers; fields: string[] } {
  const answers: Answers = {};
  const fields: string[] = [];
  for (const field of def.steps.flatMap((s) => [...prefillable(s.items)])) {
    const value = field.prefill ? identity[field.prefill] : undefined;
    if (!value) continue;
    const module = FIELD_MODULES[field.type];
    const parsed = module.parse(asInput(field, value), field);
    if (!parsed.ok || parsed.value === undefined || module.validate(parsed.value, field, field.options ?? [])) continue;
    answers[field.id] = parsed.value;
    fields.push(field.id);
  }
  return { answers, fields };
}

/** Locked prefilled fields keep their value whatever is posted. */
export function keepLocked(def: FormDefinition, prefilled: string[], answers: Answers, body: Record<string, unknown>, lang: 'de' | 'en'): void {
  for (const field of def.steps.flatMap((s) => [...prefillable(s.items)])) {
    if (!field.prefillLocked || !prefilled.includes(field.id) || answers[field.id] === undefined) continue;
    body[field.id] = FIELD_MODULES[field.type].toInput(answers[field.id] as Value, lang);
  }
}
