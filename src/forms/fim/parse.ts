// Reads an XDatenfelder 2.0 or 3.0.0 document (Stammdatenschema or Datenfeldgruppe) into the
// version-neutral FIM model. Lenient where exports differ in harmless ways (element order, empty
// optional elements), strict where the meaning would be unclear (missing or duplicate ids and
// names, unknown elements in an identification, invalid status codes, unknown versions).
import {
  type Cardinality,
  type FimCodeListReference,
  type FimConstraints,
  type FimField,
  type FimGroup,
  FimImportError,
  type FimRule,
  type FimSchema,
  type FimVersion,
} from './model.ts';
import { child, childrenNamed, parseXml, textOf, type XmlElement, XmlSyntaxError } from './xml.ts';

const NAMESPACES: Record<string, FimVersion> = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0.0',
};

const ROOTS: Record<string, FimSchema['documentType']> = {
  'xdatenfelder.stammdatenschema.0102': 'stammdatenschema',
  'xdatenfelder.datenfeldgruppe.0103': 'datenfeldgruppe',
};

// Elements that say one thing about an element; a second occurrence makes the document ambiguous.
const SINGLE = [
  'identifikation',
  'name',
  'bezeichnungEingabe',
  'bezeichnungAusgabe',
  'beschreibung',
  'definition',
  'hilfetextEingabe',
  'feldart',
  'datentyp',
  'praezisierung',
];
const IDENTIFICATION = new Set(['id', 'version']);
// XDatenfelder 3.0 Freigabestatus code list (1 in Planung … 7 inaktiv).
const FREIGABESTATUS = new Set(['1', '2', '3', '4', '5', '6', '7']);

interface Context {
  version: FimVersion;
  path: string;
}

function at(ctx: Context, name: string): Context {
  return { ...ctx, path: `${ctx.path}/${name}` };
}

function checkSingles(element: XmlElement, ctx: Context): void {
  for (const name of SINGLE) {
    if (childrenNamed(element, name).length > 1) {
      throw new FimImportError('duplicate-element', `Das Element „${name}“ kommt mehrfach vor`, `${ctx.path}/${name}`);
    }
  }
}

function identification(element: XmlElement, ctx: Context): { id: string; version: string } {
  const ident = child(element, 'identifikation');
  const here = at(ctx, 'identifikation');
  if (!ident) throw new FimImportError('missing-element', 'Die Identifikation fehlt', here.path);
  for (const c of ident.children) {
    if (!IDENTIFICATION.has(c.name)) throw new FimImportError('unexpected-element', `Unerwartetes Element „${c.name}“`, `${here.path}/${c.name}`);
  }
  const ids = childrenNamed(ident, 'id');
  if (ids.length === 0) throw new FimImportError('missing-element', 'Die ID fehlt', `${here.path}/id`);
  if (ids.length > 1) throw new FimImportError('duplicate-element', 'Die ID kommt mehrfach vor', `${here.path}/id`);
  const id = ids[0]?.text ?? '';
  if (!id) throw new FimImportError('empty-element', 'Die ID ist leer', `${here.path}/id`);
  if (childrenNamed(ident, 'version').length > 1) throw new FimImportError('duplicate-element', 'Die Version kommt mehrfach vor', `${here.path}/version`);
  return { id, version: textOf(ident, 'version') };
}

function checkStatus(element: XmlElement, ctx: Context): void {
  if (ctx.version !== '3.0.0') return;
  const status = textOf(element, 'freigabestatus');
  if (status && !FREIGABESTATUS.has(status)) {
    throw new FimImportError('invalid-value', `Unbekannter Freigabestatus „${status}“ (erlaubt: 1 bis 7)`, `${ctx.path}/freigabestatus`);
  }
}

function parseCardinality(raw: string, ctx: Context): Cardinality {
  const match = /^(\d+):(\d+|\*)$/.exec(raw.trim());
  if (!match) throw new FimImportError('invalid-value', `Ungültige Anzahl „${raw}“ (erwartet z. B. 1:1, 0:*)`, `${ctx.path}/anzahl`);
  const min = Number(match[1]);
  const max = match[2] === '*' ? null : Number(match[2]);
  if (max !== null && max < min) throw new FimImportError('invalid-value', `Ungültige Anzahl „${raw}“ (Maximum kleiner als Minimum)`, `${ctx.path}/anzahl`);
  return { min, max };
}

function rules(element: XmlElement, ctx: Context): FimRule[] {
  return childrenNamed(element, 'regel').map((r, i) => {
    const rc = at(ctx, `regel[${i + 1}]`);
    checkSingles(r, rc);
    return {
      ...identification(r, rc),
      name: textOf(r, 'name'),
      description: textOf(r, 'beschreibung'),
      definition: textOf(r, 'script') || textOf(r, 'skript') || textOf(r, 'definition') || textOf(r, 'freitextRegel'),
    };
  });
}

function numberOrUndefined(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** 2.0 keeps constraints as a JSON string, 3.0 as attributes; anything else is kept as a note. */
function constraints(element: XmlElement, version: FimVersion): FimConstraints {
  const node = child(element, 'praezisierung');
  if (!node) return {};
  let source: Record<string, unknown> = node.attributes;
  let note = version === '3.0.0' ? node.text : '';
  if (version === '2.0' && node.text) {
    try {
      const parsed = JSON.parse(node.text) as unknown;
      source = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
      if (source !== parsed) note = node.text;
    } catch {
      note = node.text;
    }
  }
  const result: FimConstraints = {
    minLength: numberOrUndefined(source.minLength),
    maxLength: numberOrUndefined(source.maxLength),
    minValue: typeof source.minValue === 'string' && source.minValue !== '' ? source.minValue : undefined,
    maxValue: typeof source.maxValue === 'string' && source.maxValue !== '' ? source.maxValue : undefined,
    pattern: typeof source.pattern === 'string' && source.pattern !== '' ? source.pattern : undefined,
    note: note || undefined,
  };
  return Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined)) as FimConstraints;
}

function codeList(element: XmlElement): FimCodeListReference | undefined {
  const ref = child(element, 'codelisteReferenz');
  if (!ref || ref.children.length === 0) return undefined;
  // 2.0 nests the genericode identification; 3.0 has the same elements directly.
  const generic = child(ref, 'genericodeIdentification') ?? ref;
  const canonicalIdentification = textOf(generic, 'canonicalIdentification');
  if (!canonicalIdentification) return undefined;
  return { canonicalIdentification, version: textOf(generic, 'version'), canonicalVersionUri: textOf(generic, 'canonicalVersionUri') };
}

function values(element: XmlElement): FimField['values'] {
  const werte = child(element, 'werte');
  if (!werte) return [];
  return childrenNamed(werte, 'wert').map((w) => ({ code: textOf(w, 'code'), name: textOf(w, 'name'), hint: textOf(w, 'hilfe') }));
}

function base(element: XmlElement, ctx: Context, cardinality: Cardinality) {
  checkSingles(element, ctx);
  checkStatus(element, ctx);
  const ident = identification(element, ctx);
  const name = textOf(element, 'name');
  if (!name) throw new FimImportError('missing-element', `Der Name von ${ident.id} fehlt`, `${ctx.path}/name`);
  return {
    ...ident,
    name,
    // 3.0 names the schema's title `bezeichnung`; groups and fields have `bezeichnungEingabe`.
    label: textOf(element, 'bezeichnungEingabe') || textOf(element, 'bezeichnung') || name,
    hint: textOf(element, 'hilfetextEingabe'),
    description: textOf(element, 'beschreibung'),
    cardinality,
    rules: rules(element, ctx),
  };
}

function field(element: XmlElement, ctx: Context, cardinality: Cardinality): FimField {
  const common = base(element, ctx, cardinality);
  return {
    kind: 'field',
    ...common,
    fieldType: textOf(element, 'feldart') || 'input',
    dataType: textOf(element, 'datentyp') || 'text',
    constraints: constraints(element, ctx.version),
    codeList: codeList(element),
    values: values(element),
    content:
      textOf(element, 'inhalt') ||
      childrenNamed(element, 'inhalt')
        .map((c) => c.text)
        .find(Boolean) ||
      '',
    prefill: textOf(element, 'vorbefuellung') || 'keine',
  };
}

function structure(element: XmlElement, ctx: Context): (FimGroup | FimField)[] {
  return childrenNamed(element, 'struktur').flatMap((s, i) => {
    const sc = at(ctx, `struktur[${i + 1}]`);
    const cardinality = parseCardinality(textOf(s, 'anzahl') || '1:1', sc);
    const contained = child(s, 'enthaelt');
    if (!contained) throw new FimImportError('missing-element', 'Die Struktur enthält kein Element', `${sc.path}/enthaelt`);
    return contained.children.map((c) => {
      if (c.name === 'datenfeld') return field(c, at(sc, 'datenfeld'), cardinality);
      if (c.name === 'datenfeldgruppe') return group(c, at(sc, 'datenfeldgruppe'), cardinality);
      throw new FimImportError('unexpected-element', `Unerwartetes Element „${c.name}“ in einer Struktur`, `${sc.path}/enthaelt/${c.name}`);
    });
  });
}

function group(element: XmlElement, ctx: Context, cardinality: Cardinality): FimGroup {
  return { kind: 'group', ...base(element, ctx, cardinality), children: structure(element, ctx) };
}

/** Parses XDatenfelder XML; throws FimImportError naming the problem for anything it cannot import. */
export function parseXDatenfelder(xml: string): FimSchema {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      throw new FimImportError('not-xml', `Die Datei ist kein wohlgeformtes XML${error.line ? ` (Zeile ${error.line})` : ''}: ${error.message}`);
    }
    throw error;
  }
  const namespace = root.attributes[root.prefix ? `xmlns:${root.prefix}` : 'xmlns'] ?? '';
  if (!root.name.startsWith('xdatenfelder.') && !namespace.includes('xdatenfelder')) {
    throw new FimImportError('not-fim', `Die Datei ist kein XDatenfelder-Dokument (Wurzelelement „${root.name}“)`);
  }
  const version = NAMESPACES[namespace];
  if (!version) {
    const hint = /xdatenfelder_1|xdatenfelder$/.test(namespace) ? ' XDatenfelder 1.x wird nicht unterstützt; bitte als 2.0 oder 3.0.0 exportieren.' : '';
    throw new FimImportError(
      namespace.includes('xdatenfelder_1') ? 'unsupported-version' : 'unknown-namespace',
      `Unbekannter XDatenfelder-Namensraum „${namespace || '(keiner)'}“; unterstützt werden 2.0 und 3.0.0.${hint}`,
    );
  }
  const documentType = ROOTS[root.name];
  if (!documentType)
    throw new FimImportError('not-fim', `Nicht unterstützte XDatenfelder-Nachricht „${root.name}“ (erwartet: Stammdatenschema oder Datenfeldgruppe)`);
  const element = child(root, documentType);
  if (!element) throw new FimImportError('missing-element', `Das Element „${documentType}“ fehlt`, root.name);
  const ctx: Context = { version, path: documentType };
  const { cardinality: _ignored, ...common } = base(element, ctx, { min: 1, max: 1 });
  return { kind: 'schema', documentType, xdfVersion: version, ...common, children: structure(element, ctx) };
}
