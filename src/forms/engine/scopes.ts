// Scopes in the answers tree: a repeating group holds a list of instances, each its own scope; a
// condition's field is looked up in the innermost scope first, then outwards.
import type { Group } from '../definition/schema.ts';
import type { Value } from '../fields/types.ts';
import type { Lookup } from './conditions.ts';
import type { Answers } from './journey.ts';

export const isInstances = (v: unknown): v is Answers[] => Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x));

/** A group that occurs exactly once: a fieldset whose fields sit in the enclosing scope. */
export const isFlatGroup = (g: Group) => g.repeat.min === 1 && g.repeat.max === 1;

/** Resolves a field id inside a group instance first, then in the enclosing scopes. */
export function lookupIn(scopes: Answers[]): Lookup {
  return (fieldId) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const v = scopes[i]?.[fieldId];
      if (v !== undefined && !isInstances(v)) return v as Value;
    }
    return undefined;
  };
}
