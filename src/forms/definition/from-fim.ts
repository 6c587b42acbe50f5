// Turns a FIM Stammdatenschema into a form definition: top-level groups become steps, `anzahl`
// becomes required/repetition, feldart/datentyp become field types, praezisierung becomes
// validation, code lists become options. Whatever cannot be carried over safely (free-text rules,
// unusable patterns, missing code lists) becomes an editor to-do instead of being dropped.
import type { CodeListOptions } from '../fim/genericode.ts';
import type { Cardinality, FimField, FimGroup, FimSchema } from '../fim/model.ts';
import {
  type Content,
  type Field,
  type FieldType,
  FORM_SCHEMA_VERSION,
  type FormDefinition,
  type Group,
  type Item,
  type PrefillSource,
  type Step,
} from './schema.ts';

type Todo = FormDefinition['todos'][number];

interface Mapping {
  ids: Set<string>;
  todos: Todo[];
  codeLists: FormDefinition['codeLists'];
  available: Map<string, CodeListOptions>;
}

const INPUT_TYPES: Record<string, FieldType> = {
  text: 'text',
  string_latin: 'text',
  date: 'date',
  time: 'time',
  datetime: 'datetime',
  bool: 'yesno',
  num: 'number',
  num_int: 'integer',
  num_currency: 'currency',
  file: 'file',
  obj: 'file',
};
const LONG_TEXT = 255;

function uniqueId(m: Mapping, wanted: string): string {
  const base = wanted
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .replace(/^([^A-Za-z])/, 'x$1')
    .slice(0, 90);
  let id = base;
  for (let n = 2; m.ids.has(id); n++) id = `${base}-${n}`;
  m.ids.add(id);
  return id;
}

const text = (de: string) => ({ de });
const optionalText = (de: string) => (de ? { de } : undefined);

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    // FIM exports often put prose into `pattern` ("Mehrfachauswahl", "Codeliste …"); a real pattern has syntax.
    return /[\\^$.*+?()[\]{}|]/.test(pattern);
  } catch {
    return false;
  }
}

function choiceOptions(field: FimField, id: string, m: Mapping): Pick<Field, 'options' | 'codeList'> {
  if (field.values.length > 0) return { options: field.values.map((v) => ({ code: v.code, label: text(v.name || v.code) })) };
  const ref = field.codeList;
  const list = ref ? m.available.get(ref.canonicalIdentification) : undefined;
  if (ref && list) {
    m.codeLists[ref.canonicalIdentification] ??= {
      title: list.shortName,
      canonicalUri: list.canonicalUri,
      version: list.version,
      options: list.entries.map((e) => ({ code: e.code, label: text(e.name) })),
    };
    return { codeList: ref.canonicalIdentification };
  }
  m.todos.push({
    itemId: id,
    message: ref
      ? `Codeliste „${ref.canonicalIdentification}“ (${ref.version || 'ohne Version'}) fehlt: mit „amtsweg import codelist“ importieren; bis dahin ist das Feld ein Freitextfeld`
      : 'Auswahlfeld ohne Werte und ohne Codeliste; bis zur Ergänzung ist das Feld ein Freitextfeld',
  });
  return { options: [] };
}

function fieldType(field: FimField, id: string, m: Mapping): FieldType {
  if (field.fieldType === 'select')
    return /mehrfachauswahl/i.test(`${field.constraints.pattern ?? ''} ${field.constraints.note ?? ''}`) ? 'multichoice' : 'choice';
  if (field.fieldType === 'hidden') return 'hidden';
  if (field.fieldType === 'locked') return 'locked';
  const type = INPUT_TYPES[field.dataType];
  if (!type) {
    m.todos.push({ itemId: id, message: `Unbekannter Datentyp „${field.dataType}“, als Text übernommen` });
    return 'text';
  }
  return type === 'text' && (field.constraints.maxLength ?? 0) > LONG_TEXT ? 'textarea' : type;
}

function validation(field: FimField, id: string, type: FieldType, m: Mapping): Field['validation'] {
  const c = field.constraints;
  const result: NonNullable<Field['validation']> = {};
  if (c.minLength !== undefined && c.minLength > 0) result.minLength = c.minLength;
  if (c.maxLength !== undefined && c.maxLength > 0) result.maxLength = c.maxLength;
  if (c.minValue !== undefined) result.min = c.minValue;
  if (c.maxValue !== undefined) result.max = c.maxValue;
  if (c.pattern !== undefined && type !== 'multichoice') {
    if (isRegex(c.pattern)) result.pattern = c.pattern;
    else m.todos.push({ itemId: id, message: `Präzisierung „${c.pattern}“ ist kein regulärer Ausdruck und wurde nicht übernommen` });
  }
  if (c.note && !/mehrfachauswahl/i.test(c.note)) m.todos.push({ itemId: id, message: `Präzisierung prüfen: „${c.note}“` });
  return Object.keys(result).length > 0 ? result : undefined;
}

function repeatOf(cardinality: Cardinality) {
  return cardinality.max === 1 ? undefined : { min: cardinality.min, max: cardinality.max };
}

function rulesToTodos(element: FimField | FimGroup | FimSchema, id: string, m: Mapping): void {
  for (const rule of element.rules) {
    m.todos.push({ itemId: id, message: `FIM-Regel ${rule.id} „${rule.name}“ umsetzen: ${rule.definition || rule.description || '(ohne Beschreibung)'}` });
  }
}

// FIM names of the harmonised fields an eID identity can fill (XÖV core components).
const PREFILL_BY_NAME: Record<string, PrefillSource> = {
  vorname: 'givenName',
  rufname: 'givenName',
  familienname: 'familyName',
  nachname: 'familyName',
  geburtsdatum: 'birthDate',
  'straße und hausnummer': 'street',
  postleitzahl: 'postalCode',
  ort: 'city',
  wohnort: 'city',
  'e-mail': 'email',
  'e-mail-adresse': 'email',
};

/** A field marked for prefill gets its identity source by its FIM name; an unknown one is an editor's to-do. */
function prefillSource(field: FimField, id: string, m: Mapping): PrefillSource | undefined {
  if (field.prefill === 'keine' || field.cardinality.max !== 1) return undefined;
  const source = PREFILL_BY_NAME[field.name.trim().toLowerCase()];
  if (!source)
    m.todos.push({
      itemId: id,
      message: `Vorbefüllung „${field.prefill}“: für „${field.name}“ ist keine Quelle im Identitätsnachweis bekannt; Quelle zuordnen oder Vorbefüllung entfernen`,
    });
  return source;
}

function mapField(field: FimField, path: string, m: Mapping): Field | Content {
  const id = uniqueId(m, `${path}${field.id}`);
  rulesToTodos(field, id, m);
  if (field.fieldType === 'label') return { kind: 'content', id, text: text(field.content || field.label) };
  const chosen = fieldType(field, id, m);
  const choices = chosen === 'choice' || chosen === 'multichoice' ? choiceOptions(field, id, m) : {};
  // Without its values a choice could not be answered; a text field keeps the form fillable meanwhile.
  const type = choices.options?.length === 0 ? 'text' : chosen;
  const mapped: Field = {
    kind: 'field',
    id,
    fimId: field.id,
    label: text(field.label),
    hint: optionalText(field.hint),
    type,
    required: field.cardinality.min >= 1,
    repeat: repeatOf(field.cardinality),
    validation: validation(field, id, type, m),
    ...(type === chosen ? choices : {}),
    defaultValue: field.content || undefined,
    prefill: prefillSource(field, id, m),
  };
  return Object.fromEntries(Object.entries(mapped).filter(([, v]) => v !== undefined)) as Field;
}

function mapItems(children: (FimGroup | FimField)[], path: string, m: Mapping): Item[] {
  return children.map((c) => (c.kind === 'field' ? mapField(c, path, m) : mapGroup(c, path, m)));
}

function mapGroup(group: FimGroup, path: string, m: Mapping): Group {
  const id = uniqueId(m, `${path}${group.id}`);
  rulesToTodos(group, id, m);
  const result: Group = {
    kind: 'group',
    id,
    fimId: group.id,
    label: text(group.label),
    repeat: { min: group.cardinality.min, max: group.cardinality.max },
    items: mapItems(group.children, `${id}_`, m),
  };
  if (group.hint) result.hint = text(group.hint);
  return result;
}

/** One step per top-level group that occurs exactly once; runs of top-level fields and optional or repeating groups share steps. */
function steps(schema: FimSchema, m: Mapping): Step[] {
  const result: Step[] = [];
  let loose: Item[] = [];
  const flush = () => {
    if (loose.length === 0) return;
    const title = result.length === 0 ? 'Allgemeine Angaben' : 'Weitere Angaben';
    result.push({ id: uniqueId(m, `step${result.length + 1}`), title: text(title), items: loose });
    loose = [];
  };
  for (const child of schema.children) {
    const once = child.kind === 'group' && child.cardinality.min === 1 && child.cardinality.max === 1;
    if (!once) {
      loose.push(...mapItems([child], '', m));
      continue;
    }
    flush();
    const stepId = uniqueId(m, `step-${child.id}`);
    rulesToTodos(child, stepId, m);
    const items = mapItems(child.children, `${child.id}.`, m);
    if (items.length > 0) {
      const step: Step = { id: stepId, fimId: child.id, title: text(child.label), items };
      if (child.hint) step.description = text(child.hint);
      result.push(step);
    }
  }
  flush();
  return result;
}

/** Maps a parsed FIM schema; `codeLists` are the genericode lists available to resolve references. */
export function definitionFromFim(schema: FimSchema, formId: string, codeLists: CodeListOptions[] = []): FormDefinition {
  const m: Mapping = { ids: new Set(), todos: [], codeLists: {}, available: new Map(codeLists.map((l) => [l.canonicalUri, l])) };
  rulesToTodos(schema, formId, m);
  return {
    schemaVersion: FORM_SCHEMA_VERSION,
    id: formId,
    title: text(schema.label),
    source: { kind: 'fim', schemaId: schema.id, schemaVersion: schema.version, xdfVersion: schema.xdfVersion },
    steps: steps(schema, m),
    codeLists: m.codeLists,
    todos: m.todos,
  };
}
