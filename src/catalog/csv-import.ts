// Importing a municipality's existing list of services from CSV: the columns are mapped to fields
// (guessed from the headings, changed by the editor in the preview), every row is checked and its
// problems reported by line, and only the rows without problems are written – as drafts, when the
// editor confirms. Pure except `importRows`.
import type { Kysely } from 'kysely';
import type { CsvRecord } from '../platform/csv.ts';
import type { Database } from '../platform/db/schema.ts';
import { foldUmlauts } from './search-query.ts';
import { writeService } from './store.ts';

export const IMPORT_FIELDS = [
  'title',
  'summary',
  'legalBasis',
  'leikaKey',
  'organisation',
  'keywords',
  'onlineServiceUrl',
  'feeText',
  'processingTime',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Partial<Record<ImportField, string>>;

/** Words in headings that point to a field (folded: lowercase, umlauts written out). */
const HINTS: Record<ImportField, string[]> = {
  title: ['bezeichnung', 'leistung', 'titel', 'name'],
  summary: ['kurztext', 'beschreibung', 'zusammenfassung'],
  legalBasis: ['rechtsgrundlage', 'gesetz'],
  leikaKey: ['leika', 'leistungsschluessel', 'schluessel'],
  organisation: ['organisationseinheit', 'zustaendig', 'amt', 'fachbereich'],
  keywords: ['stichwort', 'suchbegriff', 'synonym', 'schlagwort'],
  onlineServiceUrl: ['online', 'url', 'link'],
  feeText: ['gebuehr', 'kosten'],
  processingTime: ['bearbeitungsdauer', 'bearbeitungszeit', 'dauer'],
};

/** For each field the first heading that mentions one of its words, each heading used once. */
export function guessMapping(header: string[]): Mapping {
  const taken = new Set<string>();
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const found = header.find((h) => !taken.has(h) && HINTS[field].some((hint) => foldUmlauts(h.toLowerCase()).includes(hint)));
    if (found) {
      mapping[field] = found;
      taken.add(found);
    }
  }
  return mapping;
}

export const slugOf = (title: string) =>
  foldUmlauts(title.toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);

export type RowProblem = 'title' | 'leikaKey' | 'organisation' | 'url' | 'duplicate' | 'exists';

export interface CheckedRow {
  line: number;
  title: string;
  slug: string;
  problems: RowProblem[];
  values: Record<ImportField, string>;
}

/** Checks every record against the mapping, the offices and the services that exist already. */
export function checkRows(records: CsvRecord[], mapping: Mapping, known: { organisations: Map<string, string>; slugs: Set<string> }): CheckedRow[] {
  const seen = new Set<string>();
  return records.map((r) => {
    const values = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, (mapping[f] ? r.values[mapping[f] as string] : '')?.trim() ?? ''])) as Record<
      ImportField,
      string
    >;
    const slug = slugOf(values.title);
    const problems: RowProblem[] = [];
    if (!values.title || !slug) problems.push('title');
    if (values.leikaKey && !/^99\d{12}$/.test(values.leikaKey.replace(/\s/g, ''))) problems.push('leikaKey');
    if (values.organisation && !known.organisations.has(foldUmlauts(values.organisation.toLowerCase()))) problems.push('organisation');
    if (values.onlineServiceUrl && !/^https?:\/\/\S+$/.test(values.onlineServiceUrl)) problems.push('url');
    if (slug && seen.has(slug)) problems.push('duplicate');
    else if (slug && known.slugs.has(slug)) problems.push('exists');
    if (slug) seen.add(slug);
    return { line: r.line, title: values.title, slug, problems, values };
  });
}

/** What a check needs to know: offices by folded slug or name, and the services' slugs. */
export async function importContext(db: Kysely<Database>): Promise<{ organisations: Map<string, string>; slugs: Set<string> }> {
  const [orgs, services] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'slug', 'name']).execute(),
    db.selectFrom('services').select('slug').execute(),
  ]);
  const organisations = new Map<string, string>();
  for (const o of orgs) {
    organisations.set(foldUmlauts(o.slug.toLowerCase()), o.id);
    organisations.set(foldUmlauts(o.name.toLowerCase()), o.id);
  }
  return { organisations, slugs: new Set(services.map((s) => s.slug)) };
}

/** Writes the rows without problems as draft services, in one transaction; returns their ids. */
export async function importRows(db: Kysely<Database>, rows: CheckedRow[], organisations: Map<string, string>): Promise<string[]> {
  const good = rows.filter((r) => r.problems.length === 0);
  return db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (const r of good) {
      const v = r.values;
      const leikaKey = v.leikaKey.replace(/\s/g, '') || null;
      const ozg = leikaKey
        ? await trx.selectFrom('leika_leistungen').select('ozg_id').where('leistungsschluessel', '=', leikaKey).executeTakeFirst()
        : undefined;
      ids.push(
        await writeService(
          trx,
          {
            slug: r.slug,
            title: v.title,
            titleEn: '',
            summary: v.summary,
            description: '',
            prerequisites: [],
            requiredDocuments: [],
            feeCents: null,
            feeText: v.feeText,
            processingTime: v.processingTime,
            deadlines: '',
            legalBasis: v.legalBasis,
            organisationSlug: '',
            onlineServiceUrl: v.onlineServiceUrl || null,
            leikaKey,
            ozgId: ozg?.ozg_id ?? null,
            lebenslageIds: [],
            keywords: v.keywords
              .split(/[;,]/)
              .map((k) => k.trim())
              .filter(Boolean),
            status: 'draft',
            lastReviewed: null,
          },
          v.organisation ? (organisations.get(foldUmlauts(v.organisation.toLowerCase())) ?? null) : null,
        ),
      );
    }
    return ids;
  });
}
