// Addresses of answers inside the answers tree: `fieldId`, or `groupId.0.fieldId` inside the first
// instance of a repeating group. Flat groups (exactly one instance) add no segment.
import type { Field, Item } from '../definition/schema.ts';
import type { Answers } from './journey.ts';

/** The answers object a path's last segment lives in, created on the way when `create` is set. */
export function scopeAt(answers: Answers, groupPath: string[], create = false): Answers | undefined {
  let scope: Answers | undefined = answers;
  for (let i = 0; i < groupPath.length && scope; i += 2) {
    const id = groupPath[i] as string;
    const index = Number(groupPath[i + 1]);
    let instances = scope[id] as Answers[] | undefined;
    if (!Array.isArray(instances)) {
      if (!create) return undefined;
      instances = [];
      scope[id] = instances;
    }
    scope = instances[index];
  }
  return scope;
}

/** The instances of the repeating group at `path` (e.g. `hunde` or `a.0.b`). */
export function instancesAt(answers: Answers, path: string): Answers[] | undefined {
  const segments = path.split('.');
  const id = segments.pop() as string;
  const scope = scopeAt(answers, segments);
  const value = scope?.[id];
  return Array.isArray(value) && value.every((v) => typeof v === 'object' && v !== null) ? (value as Answers[]) : undefined;
}

/** HTML id for the control of a path (ids may not rely on dots in CSS selectors). */
export const controlId = (path: string) => `f-${path.replaceAll('.', '--')}`;

/** The item a control name or group path belongs to (`hunde.0.name` → field `name` of group `hunde`). */
export function itemAtPath(items: Item[], path: string): Item | undefined {
  const segments = path.split('.').filter((s) => !/^\d+$/.test(s));
  let level: Item[] = items;
  for (const [i, id] of segments.entries()) {
    const found = findItem(level, id);
    if (!found || i === segments.length - 1) return found;
    if (found.kind !== 'group') return undefined;
    level = found.items;
  }
  return undefined;
}

export function fieldAtPath(items: Item[], path: string): Field | undefined {
  const item = itemAtPath(items, path);
  return item?.kind === 'field' ? item : undefined;
}

/** Whether any question among the items is a file upload (the step then posts multipart). */
/** Every field of a step by id, at any depth (conditions name fields by id within their scope). */
export function fieldsById(items: Item[], into = new Map<string, Field>()): Map<string, Field> {
  for (const item of items) {
    if (item.kind === 'field') into.set(item.id, item);
    else if (item.kind === 'group') fieldsById(item.items, into);
  }
  return into;
}

export function hasFileField(items: Item[]): boolean {
  return items.some((i) => (i.kind === 'field' && i.type === 'file') || (i.kind === 'group' && hasFileField(i.items)));
}

/** Finds an item by id, looking through flat groups, which add no path segment. */
function findItem(items: Item[], id: string): Item | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (item.kind === 'group' && item.repeat.min === 1 && item.repeat.max === 1) {
      const inner = findItem(item.items, id);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Adds an empty instance to the repeating group at `path`; false if the group is full. */
export function addInstance(answers: Answers, path: string, max: number | null): boolean {
  const segments = path.split('.');
  const id = segments.pop() as string;
  const scope = scopeAt(answers, segments, true);
  if (!scope) return false;
  const instances = Array.isArray(scope[id]) ? (scope[id] as Answers[]) : [];
  if (max !== null && instances.length >= max) return false;
  scope[id] = [...instances, {}];
  return true;
}

/** Removes instance `path` (`hunde.1`) of a repeating group. */
export function removeInstance(answers: Answers, path: string): boolean {
  const segments = path.split('.');
  const index = Number(segments.pop());
  const instances = instancesAt(answers, segments.join('.'));
  if (!instances || !Number.isInteger(index) || index < 0 || index >= instances.length) return false;
  instances.splice(index, 1);
  return true;
}

/** Removes a stored upload's id wherever it is referenced; true if it was. */
export function removeReference(answers: Answers, ref: string): boolean {
  let found = false;
  for (const [key, value] of Object.entries(answers)) {
    if (!Array.isArray(value)) continue;
    if (value.every((v) => typeof v === 'string')) {
      const kept = (value as string[]).filter((v) => v !== ref);
      if (kept.length !== value.length) {
        found = true;
        if (kept.length === 0) delete answers[key];
        else answers[key] = kept;
      }
    } else for (const instance of value as Answers[]) found = removeReference(instance, ref) || found;
  }
  return found;
}

/** Appends stored upload ids to the file field at `path`. */
/** The upload references a file field holds. */
export function referencesAt(answers: Answers, path: string): string[] {
  const segments = path.split('.');
  const id = segments.pop() as string;
  const value = scopeAt(answers, segments)?.[id];
  return Array.isArray(value) ? (value as string[]) : [];
}

/**
 * Puts new uploads into a file field: a repeated field collects them, a single one keeps only the
 * newest. Returns the references it replaced, whose files are to be deleted.
 */
export function addReferences(answers: Answers, path: string, refs: string[], repeated: boolean): string[] {
  const segments = path.split('.');
  const id = segments.pop() as string;
  const scope = scopeAt(answers, segments);
  if (!scope || refs.length === 0) return [];
  const existing = referencesAt(answers, path);
  if (repeated) {
    scope[id] = [...existing, ...refs];
    return [];
  }
  scope[id] = refs.slice(-1);
  return [...existing, ...refs.slice(0, -1)];
}
