// Reads what the browser sent for one step into the answers: parses every field with its type's
// module, keeps what was typed for re-display, drops answers to questions that no longer apply, and
// reports problems with the paths of the fields they belong to. Pure: no HTTP, no storage.
import type { FormDefinition, Group, Item, Step } from '../definition/schema.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { RawInput, Value } from '../fields/types.ts';
import { evaluate } from './conditions.ts';
import { type Answers, type ItemError, stepErrors } from './journey.ts';
import { isFlatGroup, lookupIn } from './scopes.ts';

export type RawValues = Record<string, RawInput>;

export interface StepRead {
  answers: Answers;
  /** Problems with the answers, parse errors first; empty when the step is complete. */
  errors: ItemError[];
  /** What was typed, by path, to show again with the errors. */
  raw: RawValues;
}

/** Inputs a repeated field shows: its answers plus one empty slot, within its bounds. */
export function repeatedSlots(field: Extract<Item, { kind: 'field' }>, values: Value[]): number {
  const max = field.repeat?.max ?? Number.POSITIVE_INFINITY;
  return Math.min(max, Math.max(values.length + 1, field.repeat?.min ?? 1, 1));
}

const SERVER_SET = new Set(['hidden', 'locked', 'file']);

function readField(field: Extract<Item, { kind: 'field' }>, scope: Answers, path: string, body: RawValues, raw: RawValues, errors: ItemError[]): void {
  if (SERVER_SET.has(field.type)) {
    // Hidden and locked values come from the definition, files from stored uploads – never from the body.
    if (field.type !== 'file' && field.defaultValue !== undefined) scope[field.id] = field.defaultValue;
    return;
  }
  const module = FIELD_MODULES[field.type];
  const parseOne = (name: string): Value | undefined => {
    const input = body[name];
    raw[name] = input;
    const result = module.parse(input, field);
    if (result.ok) return result.value;
    errors.push({ ...result.error, path: name });
    return undefined;
  };
  if (!field.repeat) {
    const value = parseOne(path);
    if (value === undefined) delete scope[field.id];
    else scope[field.id] = value;
    return;
  }
  const values: Value[] = [];
  const existing = Array.isArray(scope[field.id]) ? (scope[field.id] as Value[]) : [];
  const slots = repeatedSlots(field, existing);
  for (let i = 0; i < Math.max(slots, existing.length + 1); i++) {
    const value = parseOne(`${path}.${i}`);
    if (value !== undefined) values.push(value);
  }
  if (values.length === 0) delete scope[field.id];
  else scope[field.id] = values as string[];
}

/** The instances of a repeating group, padded with empty ones up to its minimum. */
export function withMinimum(scope: Answers, group: Group): Answers[] {
  const instances = Array.isArray(scope[group.id]) ? (scope[group.id] as Answers[]) : [];
  while (instances.length < group.repeat.min) instances.push({});
  if (instances.length > 0) scope[group.id] = instances;
  return instances;
}

function readItems(items: Item[], scope: Answers, prefix: string, body: RawValues, raw: RawValues, errors: ItemError[]): void {
  for (const item of items) {
    const path = `${prefix}${item.id}`;
    if (item.kind === 'content') continue;
    if (item.kind === 'field') readField(item, scope, path, body, raw, errors);
    else if (isFlatGroup(item)) readItems(item.items, scope, prefix, body, raw, errors);
    else {
      const instances = withMinimum(scope, item);
      instances.forEach((instance, i) => {
        readItems(item.items, instance, `${path}.${i}.`, body, raw, errors);
      });
    }
  }
}

/**
 * Removes answers to items whose condition is false, so nothing that no longer applies is kept or
 * sent; returns the paths of those items.
 */
export function pruneHidden(items: Item[], scopes: Answers[], prefix = '', hidden: string[] = []): string[] {
  const scope = scopes[scopes.length - 1] as Answers;
  const lookup = lookupIn(scopes);
  for (const item of items) {
    if (item.kind === 'content') continue;
    const path = `${prefix}${item.id}`;
    if (item.condition && !evaluate(item.condition, lookup)) {
      hidden.push(path);
      if (item.kind === 'field' || !isFlatGroup(item)) delete scope[item.id];
      else for (const inner of item.items) if (inner.kind !== 'content') delete scope[inner.id];
      continue;
    }
    if (item.kind !== 'group') continue;
    if (isFlatGroup(item)) pruneHidden(item.items, scopes, prefix, hidden);
    else
      ((scope[item.id] as Answers[] | undefined) ?? []).forEach((instance, i) => {
        pruneHidden(item.items, [...scopes, instance], `${path}.${i}.`, hidden);
      });
  }
  return hidden;
}

const within = (path: string, paths: string[]) => paths.some((p) => path === p || path.startsWith(`${p}.`));

export function readStep(def: FormDefinition, step: Step, answers: Answers, body: RawValues): StepRead {
  const next = structuredClone(answers);
  const raw: RawValues = {};
  const parseErrors: ItemError[] = [];
  readItems(step.items, next, '', body, raw, parseErrors);
  const hidden = pruneHidden(step.items, [next]);
  const visibleParseErrors = parseErrors.filter((e) => !within(e.path, hidden));
  const failed = visibleParseErrors.map((e) => e.path);
  // A field that could not be read is reported once, with the reason it could not be read.
  const validation = stepErrors(def, step, next).filter((e) => !failed.some((p) => p === e.path || p.startsWith(`${e.path}.`)));
  return { answers: next, errors: [...visibleParseErrors, ...validation], raw };
}
