// The submission data (Fachdaten) of an application as a receiving system expects it: a JSON object
// keyed by FIM element ids (the item id for native forms), nested like the Stammdatenschema, and its
// JSON Schema (draft 2020-12), which FIT-Connect references as `submissionSchema`.
import type { Field, FormDefinition, Item, Step } from '../definition/schema.ts';
import type { Answers } from '../engine/journey.ts';
import { isFlatGroup } from '../engine/scopes.ts';
import type { Value } from '../fields/types.ts';
import { plainText } from '../views/text.tsx';

export type JsonSchema = { [key: string]: unknown };

/** Where the open-data API publishes the schema of a form version's submission data. */
export const submissionSchemaUri = (publicUrl: string, formId: string, version: number) =>
  `${publicUrl}/api/v1/forms/${formId}/versions/${version}/submission-schema.json`;

type Member = Exclude<Item, { kind: 'content' }>;

/**
 * The key of each answerable item of one object: its FIM id, or its item id where the FIM id is
 * missing (native forms) or already taken on that level (an element used twice).
 */
function keyed(items: Item[]): [Member, string][] {
  const taken = new Set<string>();
  return items
    .filter((item): item is Member => item.kind !== 'content')
    .map((item) => {
      const key = item.fimId && !taken.has(item.fimId) ? item.fimId : item.id;
      taken.add(key);
      return [item, key];
    });
}

function optionCodes(def: FormDefinition, field: Field): string[] {
  return (field.codeList ? (def.codeLists[field.codeList]?.options ?? []) : (field.options ?? [])).map((o) => o.code);
}

function bounds(field: Field): JsonSchema {
  const { min, max } = field.validation ?? {};
  return { ...(min !== undefined ? { minimum: Number(min) } : {}), ...(max !== undefined ? { maximum: Number(max) } : {}) };
}

function textSchema(field: Field): JsonSchema {
  const v = field.validation ?? {};
  return {
    type: 'string',
    ...(v.minLength !== undefined ? { minLength: v.minLength } : {}),
    ...(v.maxLength !== undefined ? { maxLength: v.maxLength } : {}),
    // The definition's pattern must match the whole answer; JSON Schema patterns are not anchored.
    ...(v.pattern !== undefined ? { pattern: `^(?:${v.pattern})$` } : {}),
  };
}

/** The schema of one value of a field (one entry, when the field repeats). */
function valueSchema(def: FormDefinition, field: Field): JsonSchema {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'hidden':
    case 'locked':
    case 'phone':
      return textSchema(field);
    case 'email':
      return { type: 'string', format: 'email' };
    case 'iban':
      return { type: 'string', pattern: '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$' };
    case 'number':
      return { type: 'number', ...bounds(field) };
    case 'integer':
      return { type: 'integer', ...bounds(field) };
    case 'currency':
      return { type: 'number', description: 'Euro, at most two decimal places', ...bounds(field) };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'time':
      return { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' };
    case 'datetime':
      return { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T([01][0-9]|2[0-3]):[0-5][0-9]$' };
    case 'yesno':
      return { type: 'boolean' };
    case 'choice':
      return { type: 'string', enum: optionCodes(def, field) };
    case 'multichoice':
      return { type: 'array', items: { type: 'string', enum: optionCodes(def, field) }, uniqueItems: true, minItems: 1 };
    case 'file':
      return { type: 'array', items: { type: 'string', description: 'Id of an attachment of this submission' }, minItems: 1 };
  }
}

function arrayOf(items: JsonSchema, repeat: { min: number; max: number | null }): JsonSchema {
  return { type: 'array', items, minItems: repeat.min, ...(repeat.max !== null ? { maxItems: repeat.max } : {}) };
}

function titled(item: Field | Extract<Item, { kind: 'group' }>, schema: JsonSchema): JsonSchema {
  return { title: plainText(item.label, 'de'), ...schema };
}

/** An object schema for items; required lists only what is required whatever else was answered. */
function objectSchema(def: FormDefinition, items: Item[], unconditional: boolean): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [item, key] of keyed(items)) {
    const always = unconditional && !item.condition;
    if (item.kind === 'field') {
      // A repeated file field collects several files in one list, like a single one.
      const one = valueSchema(def, item);
      properties[key] = titled(item, item.repeat && item.type !== 'file' ? arrayOf(one, item.repeat) : one);
      if (always && item.required && !item.requiredIf) required.push(key);
      continue;
    }
    const inner = objectSchema(def, item.items, true);
    properties[key] = titled(item, isFlatGroup(item) ? inner : arrayOf(inner, item.repeat));
    if (always && (isFlatGroup(item) || item.repeat.min > 0)) required.push(key);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

/** A step that stands for a FIM group keeps that group's key; other steps' items sit at the top. */
const stepKey = (step: Step): string | undefined => step.fimId;

export function submissionSchema(def: FormDefinition, version: number, schemaUri: string): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const step of def.steps) {
    const inner = objectSchema(def, step.items, !step.condition);
    const key = stepKey(step);
    if (key) {
      properties[key] = { title: plainText(step.title, 'de'), ...inner };
      if (!step.condition) required.push(key);
    } else {
      Object.assign(properties, inner.properties);
      required.push(...((inner.required as string[] | undefined) ?? []));
    }
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: schemaUri,
    title: plainText(def.title, 'de'),
    description: def.source
      ? `Fachdaten nach FIM-Stammdatenschema ${def.source.schemaId} Version ${def.source.schemaVersion} (XDatenfelder ${def.source.xdfVersion}), Formularversion ${version}`
      : `Fachdaten des Formulars ${def.id}, Version ${version}`,
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

type Data = Record<string, unknown>;

function itemsData(items: Item[], scope: Answers): Data {
  const out: Data = {};
  for (const [item, key] of keyed(items)) {
    if (item.kind === 'field') {
      const value = scope[item.id] as Value | undefined;
      if (value === undefined) continue;
      const euros = (cents: unknown) => Number(cents) / 100;
      out[key] = item.type === 'currency' ? (Array.isArray(value) ? value.map(euros) : euros(value)) : value;
    } else if (isFlatGroup(item)) {
      const inner = itemsData(item.items, scope);
      // A group that did not apply (its condition was false) has no answers left and is left out.
      if (Object.keys(inner).length > 0 || !item.condition) out[key] = inner;
    } else {
      const instances = Array.isArray(scope[item.id]) ? (scope[item.id] as Answers[]) : [];
      if (instances.length > 0 || !item.condition) out[key] = instances.map((instance) => itemsData(item.items, instance));
    }
  }
  return out;
}

/** The answers of a submitted application as submission data matching `submissionSchema`. */
export function submissionData(def: FormDefinition, answers: Answers): Data {
  const out: Data = {};
  for (const step of def.steps) {
    const data = itemsData(step.items, answers);
    const key = stepKey(step);
    if (!key) Object.assign(out, data);
    else if (Object.keys(data).length > 0 || !step.condition) out[key] = data;
  }
  return out;
}
