// The journey through a form, given the answers so far: which steps apply, which are complete,
// what comes next, and whether a step may be visited (no skipping ahead past incomplete steps).
// Pure functions of (definition, answers) – no HTTP, no storage.
import type { FormDefinition, Item, Step } from '../definition/schema.ts';
import { FIELD_MODULES } from '../fields/registry.ts';
import type { FieldError, Value } from '../fields/types.ts';
import { evaluate, type Lookup } from './conditions.ts';
import { isFlatGroup, isInstances, lookupIn } from './scopes.ts';

/** Answers by item id; a repeating or optional group holds one answers object per instance. */
export interface Answers {
  [itemId: string]: Value | Answers[] | undefined;
}

export interface ItemError extends FieldError {
  /** Where the error is: `fieldId`, or `groupId.0.fieldId` inside a group instance. */
  path: string;
}

function optionsOf(def: FormDefinition, item: Extract<Item, { kind: 'field' }>): { code: string }[] {
  return item.codeList ? (def.codeLists[item.codeList]?.options ?? []) : (item.options ?? []);
}

function fieldErrors(def: FormDefinition, field: Extract<Item, { kind: 'field' }>, value: Answers[string], lookup: Lookup, path: string): ItemError[] {
  const required = field.required || (field.requiredIf ? evaluate(field.requiredIf, lookup) : false);
  const values = field.repeat
    ? Array.isArray(value)
      ? (value as Value[])
      : value === undefined
        ? []
        : [value as Value]
    : value === undefined
      ? []
      : [value as Value];
  if (values.length === 0) return required ? [{ path, key: 'form.error.required' }] : [];
  const errors: ItemError[] = repeatCountErrors(field.repeat, values.length, path);
  const module = FIELD_MODULES[field.type];
  for (const [i, v] of values.entries()) {
    const error = module.validate(v, field, optionsOf(def, field));
    if (error) errors.push({ ...error, path: field.repeat ? `${path}.${i}` : path });
  }
  return errors;
}

/** Too few or too many entries of a repeated field or group. */
function repeatCountErrors(repeat: { min: number; max: number | null } | undefined, count: number, path: string): ItemError[] {
  if (!repeat) return [];
  if (count < repeat.min) return [{ path, key: 'form.error.tooFewEntries', params: { min: repeat.min } }];
  return repeat.max !== null && count > repeat.max ? [{ path, key: 'form.error.tooManyEntries', params: { max: repeat.max } }] : [];
}

function itemErrors(def: FormDefinition, items: Item[], scopes: Answers[], prefix: string): ItemError[] {
  const scope = scopes[scopes.length - 1] ?? {};
  const lookup = lookupIn(scopes);
  return items.flatMap((item): ItemError[] => {
    if (item.condition && !evaluate(item.condition, lookup)) return [];
    const path = `${prefix}${item.id}`;
    if (item.kind === 'content') return [];
    if (item.kind === 'field') return fieldErrors(def, item, scope[item.id], lookup, path);
    if (isFlatGroup(item)) return itemErrors(def, item.items, scopes, prefix);
    const instances = isInstances(scope[item.id]) ? (scope[item.id] as Answers[]) : [];
    return [
      ...repeatCountErrors(item.repeat, instances.length, path),
      ...instances.flatMap((instance, i) => itemErrors(def, item.items, [...scopes, instance], `${path}.${i}.`)),
    ];
  });
}

export function isStepVisible(step: Step, answers: Answers): boolean {
  return !step.condition || evaluate(step.condition, lookupIn([answers]));
}

export function stepErrors(def: FormDefinition, step: Step, answers: Answers): ItemError[] {
  return itemErrors(def, step.items, [answers], '');
}

export interface JourneyStep {
  id: string;
  complete: boolean;
}

/** The steps that apply to these answers, in order, each with whether it is complete. */
export function journey(def: FormDefinition, answers: Answers): JourneyStep[] {
  return def.steps.filter((s) => isStepVisible(s, answers)).map((s) => ({ id: s.id, complete: stepErrors(def, s, answers).length === 0 }));
}

/** The first incomplete step, or undefined when the form may go to "check your answers". */
export function firstIncompleteStep(def: FormDefinition, answers: Answers): string | undefined {
  return journey(def, answers).find((s) => !s.complete)?.id;
}

/** A step may be visited when it applies and every applying step before it is complete. */
export function mayVisit(def: FormDefinition, answers: Answers, stepId: string): boolean {
  const steps = journey(def, answers);
  const index = steps.findIndex((s) => s.id === stepId);
  return index >= 0 && steps.slice(0, index).every((s) => s.complete);
}

export function nextStep(def: FormDefinition, answers: Answers, currentId: string): string | undefined {
  const steps = journey(def, answers);
  const index = steps.findIndex((s) => s.id === currentId);
  return index >= 0 ? steps[index + 1]?.id : steps[0]?.id;
}

export function previousStep(def: FormDefinition, answers: Answers, currentId: string): string | undefined {
  const steps = journey(def, answers);
  const index = steps.findIndex((s) => s.id === currentId);
  return index > 0 ? steps[index - 1]?.id : undefined;
}
