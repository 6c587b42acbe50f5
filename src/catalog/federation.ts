// Portalverbund: the municipality's published catalogue as a feed for other portals, in a JSON form
// that follows the structure of XZuFi (Leistung with Leistungsschlüssel, texts, Zuständigkeit with
// Organisationseinheit, Onlinedienst, costs, deadlines, documents), with incremental updates; and the
// importer that reads another portal's feed so that its services appear in search marked with their
// source. Documented in docs/api.md.
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, decodeKeyset, encodeKeyset } from '../platform/http/api.ts';
import { HttpError } from '../platform/http/problem.ts';
import { cleanRichText } from '../platform/views/richtext.tsx';
import { slugOf } from './csv-import.ts';
import * as store from './federation-store.ts';
import { type Db, upsertService } from './store.ts';

export const FEED_PATH = `${API_PREFIX}/federation/services`;
export const FEED_FORMAT = 'amtsweg-federation/1';
/** Overlap of incremental syncs: changes committed while a sync ran are fetched again, not missed. */
const OVERLAP_MS = 5 * 60_000;

/** One Leistung in the feed (German keys as in XZuFi). */
export interface FeedItem {
  id: string;
  kurzname: string;
  status: 'veroeffentlicht' | 'zurueckgezogen';
  letzteAenderung: string;
  leistungsschluessel?: string | null;
  ozgId?: number | null;
  bezeichnung?: string;
  textmodule?: {
    kurztext: string;
    volltext: string;
    rechtsgrundlagen: string;
    fristen: string;
    bearbeitungsdauer: string;
    kosten: { betrag: number | null; text: string };
    unterlagen: string[];
    voraussetzungen: string[];
  };
  suchbegriffe?: string[];
  zustaendigkeit?: {
    organisationseinheit: { name: string; anschrift: { strasse: string; postleitzahl: string; ort: string }; telefon: string; email: string; internet: string };
  } | null;
  onlinedienst?: { link: string } | null;
}

export interface Feed {
  format: string;
  quelle: { name: string; url: string };
  generatedAt: string;
  items: FeedItem[];
  nextCursor: string | null;
}

function toItem(r: store.FeedRow): FeedItem {
  const base = { id: r.id, kurzname: r.slug, letzteAenderung: r.updated_at.toISOString() };
  if (r.status !== 'published') return { ...base, status: 'zurueckgezogen' };
  return {
    ...base,
    status: 'veroeffentlicht',
    leistungsschluessel: r.leika_key,
    ozgId: r.ozg_id,
    bezeichnung: r.title,
    textmodule: {
      kurztext: r.summary,
      volltext: r.description,
      rechtsgrundlagen: r.legal_basis,
      fristen: r.deadlines,
      bearbeitungsdauer: r.processing_time,
      kosten: { betrag: r.fee_cents === null ? null : r.fee_cents / 100, text: r.fee_text },
      unterlagen: r.required_documents,
      voraussetzungen: r.prerequisites,
    },
    suchbegriffe: r.keywords,
    zustaendigkeit: r.org_name
      ? {
          organisationseinheit: {
            name: r.org_name,
            anschrift: { strasse: r.org_street ?? '', postleitzahl: r.org_postal_code ?? '', ort: r.org_city ?? '' },
            telefon: r.org_phone ?? '',
            email: r.org_email ?? '',
            internet: r.org_website ?? '',
          },
        }
      : null,
    onlinedienst: r.online_service_url ? { link: r.online_service_url } : null,
  };
}

export function registerFederationFeed(app: FastifyInstance, db: Db, source: { name: string; publicUrl: string }): void {
  app.get<{ Querystring: { since?: string; cursor?: string; limit?: number } }>(
    FEED_PATH,
    {
      schema: {
        tags: ['Portalverbund'],
        summary: 'The published catalogue for other portals (XZuFi structure); with `since`, changes including withdrawn services',
        querystring: {
          type: 'object',
          properties: {
            since: { type: 'string', format: 'date-time' },
            cursor: { type: 'string', maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
          },
          additionalProperties: false,
        },
      },
    },
    async (request) => {
      const after = request.query.cursor ? decodeKeyset(request.query.cursor) : undefined;
      if (request.query.cursor && !after)
        throw new HttpError(400, 'invalid-parameter', 'Invalid parameter', [{ parameter: 'cursor', detail: 'is not a cursor returned by this API' }]);
      const limit = request.query.limit ?? 200;
      const since = request.query.since ? new Date(request.query.since) : undefined;
      const rows = await store.feedPage(db, since, after, limit + 1);
      const page = rows.slice(0, limit);
      const feed: Feed = {
        format: FEED_FORMAT,
        quelle: { name: source.name, url: `${source.publicUrl}${FEED_PATH}` },
        generatedAt: new Date().toISOString(),
        items: page.map(toItem),
        nextCursor: rows.length > limit && page.length > 0 ? encodeKeyset(page.at(-1) as store.FeedRow) : null,
      };
      return feed;
    },
  );
}

const LEIKA = /^99\d{12}$/;

/** Reads another portal's feed (all of it the first time, then the changes) into this catalogue. */
export async function syncSource(db: Db, url: string, name: string): Promise<{ imported: number; withdrawn: number; skipped: number }> {
  await store.saveSource(db, url, name);
  const known = await store.findSource(db, url);
  const since = known?.synced_until ? new Date(known.synced_until.getTime() - OVERLAP_MS) : undefined;
  const prefix = slugOf(name);
  const counts = { imported: 0, withdrawn: 0, skipped: 0 };
  let generatedAt: string | undefined;
  try {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '200', ...(since ? { since: since.toISOString() } : {}), ...(cursor ? { cursor } : {}) });
      const response = await fetch(`${url}?${query}`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
      const feed = (await response.json()) as Feed;
      if (feed.format !== FEED_FORMAT || !Array.isArray(feed.items)) throw new Error(`${url} is not a federation feed (${FEED_FORMAT})`);
      generatedAt ??= feed.generatedAt;
      for (const item of feed.items) counts[await importItem(db, url, prefix, item)]++;
      cursor = feed.nextCursor;
    } while (cursor);
    await store.recordSync(db, url, { syncedUntil: new Date(generatedAt ?? Date.now()) });
    return counts;
  } catch (error) {
    await store.recordSync(db, url, { error: (error as Error).message });
    throw error;
  }
}

async function importItem(db: Db, source: string, prefix: string, item: FeedItem): Promise<'imported' | 'withdrawn' | 'skipped'> {
  if (typeof item.id !== 'string' || typeof item.kurzname !== 'string') return 'skipped';
  if (item.status === 'zurueckgezogen') {
    await store.withdrawFederated(db, source, item.id);
    return 'withdrawn';
  }
  const slug = `${prefix}-${slugOf(item.kurzname)}`.slice(0, 120).replace(/-+$/, '');
  const texts = item.textmodule;
  if (!item.bezeichnung || !texts || !slug) return 'skipped';
  // A slug of the municipality's own catalogue is never overwritten by a federated service.
  const own = await db.selectFrom('services').select(['id', 'federation_source', 'federation_remote_id']).where('slug', '=', slug).executeTakeFirst();
  if (own && (own.federation_source !== source || own.federation_remote_id !== item.id)) return 'skipped';
  const ozgKnown = item.ozgId ? await db.selectFrom('ozg_leistungen').select('ozg_id').where('ozg_id', '=', item.ozgId).executeTakeFirst() : undefined;
  const org = item.zustaendigkeit?.organisationseinheit;
  const id = await upsertService(
    db,
    {
      slug,
      title: item.bezeichnung.slice(0, 300),
      titleEn: '',
      summary: texts.kurztext ?? '',
      // Another portal's text is cleaned like an editor's: only the safe subset survives.
      description: cleanRichText(String(texts.volltext ?? '')).text,
      prerequisites: Array.isArray(texts.voraussetzungen) ? texts.voraussetzungen.map(String) : [],
      requiredDocuments: Array.isArray(texts.unterlagen) ? texts.unterlagen.map(String) : [],
      feeCents: typeof texts.kosten?.betrag === 'number' ? Math.round(texts.kosten.betrag * 100) : null,
      feeText: texts.kosten?.text ?? '',
      processingTime: texts.bearbeitungsdauer ?? '',
      deadlines: texts.fristen ?? '',
      legalBasis: texts.rechtsgrundlagen ?? '',
      organisationSlug: '',
      onlineServiceUrl: item.onlinedienst?.link && /^https?:\/\//.test(item.onlinedienst.link) ? item.onlinedienst.link : null,
      leikaKey: item.leistungsschluessel && LEIKA.test(item.leistungsschluessel) ? item.leistungsschluessel : null,
      ozgId: ozgKnown?.ozg_id ?? null,
      lebenslageIds: [],
      keywords: Array.isArray(item.suchbegriffe) ? item.suchbegriffe.map(String) : [],
      status: 'published',
      lastReviewed: null,
    },
    null,
  );
  const orgFields = org
    ? {
        name: org.name,
        street: org.anschrift?.strasse ?? '',
        postalCode: org.anschrift?.postleitzahl ?? '',
        city: org.anschrift?.ort ?? '',
        phone: org.telefon ?? '',
        email: org.email ?? '',
        website: org.internet ?? '',
      }
    : null;
  await store.markFederated(db, id, source, item.id, orgFields);
  return 'imported';
}

/** Syncs every registered source; a failing one does not stop the others (its error is kept). */
export async function syncAllSources(db: Db): Promise<void> {
  for (const s of await store.listSources(db)) await syncSource(db, s.url, s.name).catch(() => undefined);
}
