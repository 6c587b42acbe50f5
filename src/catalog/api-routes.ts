// Open-data API of the catalogue (/api/v1): services, OZG taxonomy, LeiKa. HTTP only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { API_PREFIX, decodeCursor, pageEnvelope, sendData } from '../platform/http/api.ts';
import { HttpError } from '../platform/http/problem.ts';
import {
  getLeikaSchema,
  getServiceSchema,
  listLebenslagenSchema,
  listOzgLeistungenSchema,
  listServicesSchema,
  listThemenfelderSchema,
  problemSchema,
  suggestSchema,
} from './api-schemas.ts';
import { findService, suggestServices } from './read-store.ts';
import type { CatalogReader } from './reader.ts';
import { buildSearchQuery, foldUmlauts } from './search-query.ts';
import type { Db } from './store.ts';
import { findLeika, listOzgLeistungen } from './taxonomy-store.ts';
import type { ServiceDetail, ServiceHit } from './types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ListQuery {
  q?: string;
  themenfeld?: string;
  lebenslage?: number;
  ozgId?: number;
  leikaKey?: string;
  limit: number;
  cursor?: string;
}

function serviceSummary(hit: ServiceHit) {
  return {
    id: hit.id,
    slug: hit.slug,
    title: hit.title,
    titleEn: hit.titleEn,
    summary: hit.summary,
    ozgId: hit.ozgId,
    leikaKey: hit.leikaKey,
    themenfeld: hit.themenfeld,
    onlineServiceUrl: hit.onlineServiceUrl,
    source: hit.source,
    url: `/leistungen/${hit.slug}`,
  };
}

function serviceDetail(s: ServiceDetail) {
  const { organisation, ...rest } = s;
  const org = organisation ? (({ slug: _slug, ...o }) => o)(organisation) : null;
  return { ...rest, themenfeld: s.themenfeld?.name ?? null, organisation: org, source: s.source?.name ?? null, url: `/leistungen/${s.slug}` };
}

export function registerCatalogApi(app: FastifyInstance, db: Db, reader: CatalogReader): void {
  app.addSchema(problemSchema);

  async function resolveThemenfeld(value: string | undefined): Promise<number | undefined> {
    if (value === undefined) return undefined;
    const all = await reader.listThemenfelder();
    const found = all.find((t) => t.slug === value || String(t.id) === value);
    if (!found) throw new HttpError(400, 'invalid-parameter', 'Invalid parameter', [{ parameter: 'themenfeld', detail: `unknown Themenfeld "${value}"` }]);
    return found.id;
  }

  app.get(`${API_PREFIX}/services`, { schema: listServicesSchema }, async (request: FastifyRequest<{ Querystring: ListQuery }>, reply) => {
    const qs = request.query;
    const offset = decodeCursor(qs.cursor);
    const query = qs.q !== undefined ? buildSearchQuery(qs.q) : undefined;
    if (qs.q !== undefined && !query) {
      throw new HttpError(400, 'invalid-parameter', 'Invalid parameter', [{ parameter: 'q', detail: 'contains no searchable word' }]);
    }
    const filter = { themenfeldId: await resolveThemenfeld(qs.themenfeld), lebenslageId: qs.lebenslage, ozgId: qs.ozgId, leikaKey: qs.leikaKey };
    const page = await reader.searchServices(query, filter, qs.limit, offset);
    const items = page.items.map(serviceSummary);
    return sendData(request, reply, pageEnvelope(items, page.total, qs.limit, offset), {
      columns: ['id', 'slug', 'title', 'titleEn', 'summary', 'ozgId', 'leikaKey', 'themenfeld', 'onlineServiceUrl', 'source', 'url'],
      rows: items,
    });
  });

  app.get(`${API_PREFIX}/services/:id`, { schema: getServiceSchema }, async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
    const { id } = request.params;
    const service = await findService(db, UUID.test(id) ? { id } : { slug: id });
    if (!service) throw new HttpError(404, 'not-found', `No published service "${id}"`);
    const body = serviceDetail(service);
    const row = {
      ...body,
      organisation: body.organisation?.name ?? '',
      ozgLeistung: body.ozgLeistung?.name ?? '',
      lebenslagen: body.lebenslagen.map((l) => l.name),
    };
    return sendData(request, reply, body, { columns: Object.keys(row), rows: [row] });
  });

  app.get(
    `${API_PREFIX}/ozg/leistungen`,
    { schema: listOzgLeistungenSchema },
    async (request: FastifyRequest<{ Querystring: { themenfeld?: string; lebenslage?: number; limit: number; cursor?: string } }>, reply) => {
      const qs = request.query;
      const offset = decodeCursor(qs.cursor);
      const page = await listOzgLeistungen(db, { themenfeldId: await resolveThemenfeld(qs.themenfeld), lebenslageId: qs.lebenslage }, qs.limit, offset);
      return sendData(request, reply, pageEnvelope(page.items, page.total, qs.limit, offset), {
        columns: ['ozgId', 'name', 'lebenslageId', 'lebenslage', 'themenfeldId', 'themenfeld', 'leikaCount'],
        rows: page.items as unknown as Record<string, unknown>[],
      });
    },
  );

  app.get(`${API_PREFIX}/ozg/themenfelder`, { schema: listThemenfelderSchema }, async (request, reply) => {
    const items = await reader.listThemenfelder();
    return sendData(
      request,
      reply,
      { items },
      { columns: ['id', 'name', 'slug', 'serviceCount', 'ozgLeistungCount'], rows: items as unknown as Record<string, unknown>[] },
    );
  });

  app.get(
    `${API_PREFIX}/ozg/lebenslagen`,
    { schema: listLebenslagenSchema },
    async (request: FastifyRequest<{ Querystring: { themenfeld?: string } }>, reply) => {
      const items = await reader.listLebenslagen(await resolveThemenfeld(request.query.themenfeld));
      return sendData(
        request,
        reply,
        { items },
        { columns: ['id', 'name', 'themenfeldId', 'themenfeld', 'serviceCount'], rows: items as unknown as Record<string, unknown>[] },
      );
    },
  );

  app.get(`${API_PREFIX}/leika/:key`, { schema: getLeikaSchema }, async (request: FastifyRequest<{ Params: { key: string } }>, reply) => {
    const entry = await findLeika(db, request.params.key);
    if (!entry) throw new HttpError(404, 'not-found', `No LeiKa Leistung with key ${request.params.key}`);
    return sendData(request, reply, entry, { columns: Object.keys(entry), rows: [entry as unknown as Record<string, unknown>] });
  });

  app.get(`${API_PREFIX}/suggest`, { schema: suggestSchema }, async (request: FastifyRequest<{ Querystring: { q: string } }>, reply) => {
    const rows = await suggestServices(db, foldUmlauts(request.query.q.trim()), 8);
    const items = rows.map((r) => ({ title: r.title, url: `/leistungen/${r.slug}` }));
    return sendData(request, reply, { items }, { columns: ['title', 'url'], rows: items });
  });
}
