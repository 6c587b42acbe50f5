// The editorial workflow's domain: what a version of a service holds, reading it from the editor's
// form (with a message per field), the states Entwurf → in Prüfung → veröffentlicht → archiviert,
// the four-eyes rule, and a readable diff between two versions. No HTTP, no SQL.
import { diffWords } from 'diff';
import { cleanRichText } from '../platform/views/richtext.tsx';
import type { ServiceTexts } from './types.ts';

/** Everything an editor changes about a service; a version stores exactly this. */
export interface ServiceContent extends ServiceTexts {
  /** The responsible Organisationseinheit, shown to citizens. */
  organisationId: string | null;
  /** Further Organisationseinheiten whose staff handle the service's cases. */
  handlingOrganisationIds: string[];
  /** The online form citizens apply with; or else `onlineServiceUrl`, an external online service. */
  formId: string | null;
  onlineServiceUrl: string | null;
  leikaKey: string | null;
  ozgId: number | null;
  lebenslageIds: number[];
  /** Synonyms: words citizens search with. */
  keywords: string[];
}

export type EditorialState = 'draft' | 'review' | 'published' | 'archived';

/** A field of the editor's form with the key of its label (`edit.field.<name>`). */
export const CONTENT_FIELDS = [
  'title',
  'titleEn',
  'summary',
  'description',
  'prerequisites',
  'requiredDocuments',
  'fee',
  'feeText',
  'processingTime',
  'deadlines',
  'legalBasis',
  'organisationId',
  'handlingOrganisationIds',
  'online',
  'leikaKey',
  'ozgId',
  'lebenslageIds',
  'keywords',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

/** What the editor's form sent (repeated checkboxes as arrays). */
export type FormFields = Record<string, string | string[] | undefined>;

/** Names of what a version refers to by id, for the form's choices and the diff. */
export interface EditorialNames {
  organisations: Map<string, string>;
  forms: Map<string, string>;
  lebenslagen: Map<number, string>;
}

export type FieldErrorCode =
  | 'required'
  | 'tooLong'
  | 'fee'
  | 'url'
  | 'link'
  | 'unknownOrganisation'
  | 'unknownForm'
  | 'leikaKey'
  | 'unknownLeika'
  | 'ozgId'
  | 'unknownOzg'
  | 'slug'
  | 'onlineChoice';

export interface FieldError {
  field: ContentField | 'slug';
  code: FieldErrorCode;
  /** The line of the description with a link of a forbidden scheme. */
  line?: number;
}

/** The catalogue facts a typed LeiKa key and OZG-ID are checked against. */
export interface CatalogFacts {
  /** The LeiKa key's OZG-Leistung: a number, null when it has none, undefined when the key is unknown. */
  leikaOzgId: number | null | undefined;
  ozgKnown: boolean;
}

const LIMITS: Partial<Record<ContentField, number>> = { title: 200, titleEn: 200, summary: 600, description: 20000, feeText: 500, processingTime: 300 };

const one = (fields: FormFields, name: string) => {
  const value = fields[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).replace(/\r\n?/g, '\n').trim();
};
const many = (fields: FormFields, name: string) => {
  const value = fields[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
/** One entry a line, blank lines and repeats dropped. */
export const linesOf = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  ),
];

/** "12,50", "12.50", "1.234,50 €" → cents; "" → null; anything else → undefined (an error). */
export function parseFee(text: string): number | null | undefined {
  const t = text.replace(/\s|€|EUR/gi, '');
  if (!t) return null;
  const m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d{1,2}))?$/.exec(t);
  if (!m) return undefined;
  return Number((m[1] as string).replaceAll('.', '')) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

export const formatFee = (cents: number | null) => (cents === null ? '' : (cents / 100).toFixed(2).replace('.', ','));

/** A slug from a title: "Hund anmelden (Hundesteuer)" → "hund-anmelden-hundesteuer". */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The LeiKa key and OZG-ID as typed, for the catalogue lookup before `readContent`. */
export const typedKeys = (fields: FormFields) => ({ leikaKey: one(fields, 'leikaKey').replace(/\s/g, ''), ozgId: one(fields, 'ozgId') });

/** Reads the editor's form into a version's content, or says what is wrong, field by field. */
export function readContent(fields: FormFields, names: EditorialNames, facts: CatalogFacts): { content: ServiceContent; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (field: ContentField, required = false) => {
    const value = one(fields, field);
    if (required && !value) errors.push({ field, code: 'required' });
    const limit = LIMITS[field];
    if (limit && value.length > limit) errors.push({ field, code: 'tooLong' });
    return value;
  };
  const title = text('title', true);
  const titleEn = text('titleEn');
  const summary = text('summary', true);
  const cleaned = cleanRichText(text('description'));
  for (const p of cleaned.problems) errors.push({ field: 'description', code: 'link', line: p.line });

  const feeCents = parseFee(one(fields, 'fee'));
  if (feeCents === undefined) errors.push({ field: 'fee', code: 'fee' });

  const organisationId = one(fields, 'organisationId') || null;
  if (!organisationId) errors.push({ field: 'organisationId', code: 'required' });
  else if (!names.organisations.has(organisationId)) errors.push({ field: 'organisationId', code: 'unknownOrganisation' });
  const handling = many(fields, 'handlingOrganisationIds').filter((id) => id !== organisationId);
  if (handling.some((id) => !names.organisations.has(id))) errors.push({ field: 'handlingOrganisationIds', code: 'unknownOrganisation' });

  const online = one(fields, 'online');
  const formId = online === 'form' ? one(fields, 'formId') : '';
  const url = online === 'url' ? one(fields, 'onlineServiceUrl') : '';
  if (!['none', 'form', 'url'].includes(online)) errors.push({ field: 'online', code: 'onlineChoice' });
  else if (online === 'form' && !names.forms.has(formId)) errors.push({ field: 'online', code: 'unknownForm' });
  else if (online === 'url' && !/^https:\/\/[^\s<>"]+\.[^\s<>"]+$/i.test(url)) errors.push({ field: 'online', code: 'url' });

  const { leikaKey, ozgId: ozgText } = typedKeys(fields);
  if (leikaKey && !/^99\d{12}$/.test(leikaKey)) errors.push({ field: 'leikaKey', code: 'leikaKey' });
  else if (leikaKey && facts.leikaOzgId === undefined) errors.push({ field: 'leikaKey', code: 'unknownLeika' });
  let ozgId = ozgText ? Number(ozgText) : null;
  if (ozgText && !/^\d{1,6}$/.test(ozgText)) errors.push({ field: 'ozgId', code: 'ozgId' });
  else if (ozgText && !facts.ozgKnown) errors.push({ field: 'ozgId', code: 'unknownOzg' });
  // The LeiKa key names its OZG-Leistung; an empty OZG-ID takes it from there.
  if (ozgId === null && leikaKey && typeof facts.leikaOzgId === 'number') ozgId = facts.leikaOzgId;

  const lebenslageIds = many(fields, 'lebenslageIds')
    .map(Number)
    .filter((id) => names.lebenslagen.has(id));
  return {
    content: {
      title,
      titleEn,
      summary,
      description: cleaned.text,
      prerequisites: linesOf(one(fields, 'prerequisites')),
      requiredDocuments: linesOf(one(fields, 'requiredDocuments')),
      feeCents: feeCents ?? null,
      feeText: text('feeText'),
      processingTime: text('processingTime'),
      deadlines: one(fields, 'deadlines'),
      legalBasis: one(fields, 'legalBasis'),
      organisationId,
      handlingOrganisationIds: [...new Set(handling)],
      formId: formId || null,
      onlineServiceUrl: url || null,
      leikaKey: leikaKey || null,
      ozgId: ozgId !== null && Number.isFinite(ozgId) ? ozgId : null,
      lebenslageIds: [...new Set(lebenslageIds)].sort((a, b) => a - b),
      keywords: linesOf(one(fields, 'keywords').replace(/,/g, '\n')),
    },
    errors,
  };
}

/** The editor's form filled from a version's content. */
export function fieldsOf(content: ServiceContent): FormFields {
  return {
    title: content.title,
    titleEn: content.titleEn,
    summary: content.summary,
    description: content.description,
    prerequisites: content.prerequisites.join('\n'),
    requiredDocuments: content.requiredDocuments.join('\n'),
    fee: formatFee(content.feeCents),
    feeText: content.feeText,
    processingTime: content.processingTime,
    deadlines: content.deadlines,
    legalBasis: content.legalBasis,
    organisationId: content.organisationId ?? '',
    handlingOrganisationIds: content.handlingOrganisationIds,
    online: content.formId ? 'form' : content.onlineServiceUrl ? 'url' : 'none',
    formId: content.formId ?? '',
    onlineServiceUrl: content.formId ? '' : (content.onlineServiceUrl ?? ''),
    leikaKey: content.leikaKey ?? '',
    ozgId: content.ozgId === null ? '' : String(content.ozgId),
    lebenslageIds: content.lebenslageIds.map(String),
    keywords: content.keywords.join('\n'),
  };
}

/** Where a service stands: its open version's state first, else the live record's. */
export function editorialState(status: 'draft' | 'published' | 'archived', openVersion: 'draft' | 'review' | null): EditorialState {
  return openVersion ?? status;
}

/**
 * Four eyes: whoever changed a version or sent it for review may not approve it; the approver is
 * an editor (Redaktion) or a team lead (Teamleitung).
 */
export function mayApprove(editorIds: string[], staff: { id: string; roles: string[] }): boolean {
  return !editorIds.includes(staff.id) && staff.roles.some((r) => r === 'redaktion' || r === 'teamleitung');
}

export type DiffPart = { text: string; change?: 'added' | 'removed' };
export type FieldChange = { field: ContentField; kind: 'text'; parts: DiffPart[] } | { field: ContentField; kind: 'list'; added: string[]; removed: string[] };

type Shown = { field: ContentField; value: string | string[] };

/** A version as readers see it: names for ids, the fee in euros. */
function shown(c: ServiceContent, names: EditorialNames): Shown[] {
  const name = <K>(map: Map<K, string>, id: K) => map.get(id) ?? String(id);
  return [
    { field: 'title', value: c.title },
    { field: 'titleEn', value: c.titleEn },
    { field: 'summary', value: c.summary },
    { field: 'description', value: c.description },
    { field: 'prerequisites', value: c.prerequisites },
    { field: 'requiredDocuments', value: c.requiredDocuments },
    { field: 'fee', value: c.feeCents === null ? '' : `${formatFee(c.feeCents)} €` },
    { field: 'feeText', value: c.feeText },
    { field: 'processingTime', value: c.processingTime },
    { field: 'deadlines', value: c.deadlines },
    { field: 'legalBasis', value: c.legalBasis },
    { field: 'organisationId', value: c.organisationId ? name(names.organisations, c.organisationId) : '' },
    { field: 'handlingOrganisationIds', value: c.handlingOrganisationIds.map((id) => name(names.organisations, id)) },
    { field: 'online', value: c.formId ? `${name(names.forms, c.formId)} (/antrag/${c.formId})` : (c.onlineServiceUrl ?? '') },
    { field: 'leikaKey', value: c.leikaKey ?? '' },
    { field: 'ozgId', value: c.ozgId === null ? '' : String(c.ozgId) },
    { field: 'lebenslageIds', value: c.lebenslageIds.map((id) => name(names.lebenslagen, id)) },
    { field: 'keywords', value: c.keywords },
  ];
}

/** The fields that differ between two versions (all filled ones against none), word by word. */
export function diffContent(before: ServiceContent | null, after: ServiceContent, names: EditorialNames): FieldChange[] {
  const old = before ? shown(before, names) : [];
  const changes: FieldChange[] = [];
  for (const { field, value } of shown(after, names)) {
    const previous = old.find((o) => o.field === field)?.value ?? (Array.isArray(value) ? [] : '');
    if (Array.isArray(value) && Array.isArray(previous)) {
      const added = value.filter((v) => !previous.includes(v));
      const removed = previous.filter((v) => !value.includes(v));
      if (added.length || removed.length) changes.push({ field, kind: 'list', added, removed });
    } else if (typeof value === 'string' && typeof previous === 'string' && value !== previous) {
      const parts = diffWords(previous, value).map((p) => ({
        text: p.value,
        change: p.added ? ('added' as const) : p.removed ? ('removed' as const) : undefined,
      }));
      changes.push({ field, kind: 'text', parts });
    }
  }
  return changes;
}
