// Evaluates show/require conditions against answers. Pure: the server's result is authoritative,
// the browser runs the same rules (public/forms.js is built from this module) to hide what does not
// apply while the citizen answers.
import type { Condition } from '../definition/schema.ts';
import type { Value } from '../fields/types.ts';

export type Lookup = (fieldId: string) => Value | undefined;

function answered(value: Value | undefined): boolean {
  return value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0);
}

type Expected = string | number | boolean | string[] | undefined;

function equals(value: Value | undefined, expected: Expected): boolean {
  if (Array.isArray(value)) return typeof expected === 'string' && value.includes(expected);
  return value === expected;
}

export function evaluate(condition: Condition, lookup: Lookup): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluate(c, lookup));
  if ('any' in condition) return condition.any.some((c) => evaluate(c, lookup));
  if ('not' in condition) return !evaluate(condition.not, lookup);
  const value = lookup(condition.field);
  switch (condition.op) {
    case 'answered':
      return answered(value);
    case 'notAnswered':
      return !answered(value);
    case 'equals':
      return equals(value, condition.value);
    case 'notEquals':
      return !equals(value, condition.value);
    case 'in':
      return Array.isArray(condition.value) && condition.value.some((v) => equals(value, v));
  }
}

/** The ids of the fields a condition looks at. */
export function conditionFields(condition: Condition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionFields);
  if ('any' in condition) return condition.any.flatMap(conditionFields);
  if ('not' in condition) return conditionFields(condition.not);
  return [condition.field];
}
