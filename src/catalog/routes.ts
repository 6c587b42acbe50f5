// Citizen portal routes of the catalogue: start page, search, service detail, browsing. HTTP only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { HttpError } from '../platform/http/problem.ts';
import { sendPage } from '../platform/views/render.ts';
import { findService } from './read-store.ts';
import type { CatalogReader } from './reader.ts';
import { buildSearchQuery } from './search-query.ts';
import type { Db } from './store.ts';
import { findLebenslage, findThemenfeld } from './taxonomy-store.ts';
import { AreaPage, ServicesAzPage, TaxonomyPage } from './views/browse.tsx';
import { HomePage } from './views/home.tsx';
import { SearchPage, type SearchParams } from './views/search.tsx';
import { ServicePage } from './views/service.tsx';
import { lebenslageLinks, themenfeldLinks } from './views/shared.tsx';

const PAGE_SIZE = 10;
const ALL = 1000;

const notFound = () => new HttpError(404, 'not-found', 'Not found');

const searchSchema = {
  querystring: {
    type: 'object',
    properties: {
      q: { type: 'string', maxLength: 500, default: '' },
      themenfeld: { type: 'string', pattern: '^[a-z_]*$', maxLength: 60 },
      lebenslage: {
        anyOf: [
          { type: 'integer', minimum: 1 },
          { type: 'string', maxLength: 0 },
        ],
      },
      bereich: { type: 'string', enum: ['local', 'leika', ''] },
      seite: { type: 'integer', minimum: 1, maximum: 1000, default: 1 },
      lang: { type: 'string' },
    },
  },
} as const;

interface SearchQs {
  q: string;
  themenfeld?: string;
  lebenslage?: number | string;
  bereich?: string;
  seite: number;
}

function searchHref(params: SearchParams, page: number): string {
  const qs = new URLSearchParams({ q: params.q });
  if (params.themenfeld) qs.set('themenfeld', params.themenfeld);
  if (params.lebenslage) qs.set('lebenslage', String(params.lebenslage));
  if (params.scope === 'leika') qs.set('bereich', 'leika');
  if (page > 1) qs.set('seite', String(page));
  return `/suche?${qs}`;
}

export function registerCatalogPages(app: FastifyInstance, db: Db, reader: CatalogReader): void {
  app.get('/', async (request, reply) => {
    const [themenfelder, lebenslagen] = await Promise.all([reader.listThemenfelder(), reader.listLebenslagen()]);
    return sendPage(reply, h(HomePage, { ctx: request.viewContext(), themenfelder, lebenslagen: lebenslagen.filter((l) => l.serviceCount > 0) }));
  });

  app.get('/suche', { schema: searchSchema }, async (request: FastifyRequest<{ Querystring: SearchQs }>, reply) => {
    const qs = request.query;
    const params: SearchParams = {
      q: qs.q.trim().slice(0, 200),
      themenfeld: qs.themenfeld || undefined,
      lebenslage: typeof qs.lebenslage === 'number' ? qs.lebenslage : undefined,
      scope: qs.bereich === 'leika' ? 'leika' : 'local',
      page: qs.seite,
    };
    const [themenfelder, lebenslagen] = await Promise.all([reader.listThemenfelder(), reader.listLebenslagen()]);
    const themenfeldId = themenfelder.find((tf) => tf.slug === params.themenfeld)?.id;
    const query = buildSearchQuery(params.q);
    const offset = (params.page - 1) * PAGE_SIZE;
    const empty = { total: 0, items: [] };
    const [services, leika] = !query
      ? [empty, empty]
      : params.scope === 'leika'
        ? [empty, await reader.searchLeika(query, { themenfeldId, lebenslageId: params.lebenslage }, PAGE_SIZE, offset)]
        : [await reader.searchServices(query, { themenfeldId, lebenslageId: params.lebenslage }, PAGE_SIZE, offset), empty];
    const total = params.scope === 'leika' ? leika.total : services.total;
    return sendPage(
      reply,
      h(SearchPage, {
        ctx: request.viewContext(),
        params,
        total,
        pages: Math.ceil(total / PAGE_SIZE),
        services: services.items,
        leika: leika.items,
        themenfelder,
        lebenslagen,
        hrefFor: (page: number) => searchHref(params, page),
      }),
    );
  });

  app.get('/leistungen', async (request, reply) => {
    const { items } = await reader.searchServices(undefined, {}, ALL, 0);
    return sendPage(reply, h(ServicesAzPage, { ctx: request.viewContext(), services: items }));
  });

  app.get<{ Params: { slug: string } }>('/leistungen/:slug', async (request, reply) => {
    const service = await findService(db, { slug: request.params.slug });
    if (!service) throw notFound();
    return sendPage(reply, h(ServicePage, { ctx: request.viewContext(), service }));
  });

  app.get('/themen', async (request, reply) => {
    const ctx = request.viewContext();
    return sendPage(reply, h(TaxonomyPage, { ctx, title: ctx.t('browse.themenfelder'), links: themenfeldLinks(await reader.listThemenfelder()) }));
  });

  app.get<{ Params: { slug: string } }>('/themen/:slug', async (request, reply) => {
    const themenfeld = await findThemenfeld(db, request.params.slug);
    if (!themenfeld) throw notFound();
    const [services, lebenslagen] = await Promise.all([
      reader.searchServices(undefined, { themenfeldId: themenfeld.id }, ALL, 0),
      reader.listLebenslagen(themenfeld.id),
    ]);
    const ctx = request.viewContext();
    return sendPage(
      reply,
      h(AreaPage, { ctx, title: themenfeld.name, parent: { label: ctx.t('browse.themenfelder'), href: '/themen' }, services: services.items, lebenslagen }),
    );
  });

  app.get('/lebenslagen', async (request, reply) => {
    const ctx = request.viewContext();
    return sendPage(reply, h(TaxonomyPage, { ctx, title: ctx.t('browse.lebenslagen'), links: lebenslageLinks(await reader.listLebenslagen()) }));
  });

  app.get<{ Params: { id: string } }>('/lebenslagen/:id', async (request, reply) => {
    const id = Number(request.params.id);
    const lebenslage = Number.isInteger(id) && id > 0 && id < 2 ** 31 ? await findLebenslage(db, id) : undefined;
    if (!lebenslage) throw notFound();
    const services = await reader.searchServices(undefined, { lebenslageId: id }, ALL, 0);
    const ctx = request.viewContext();
    return sendPage(
      reply,
      h(AreaPage, { ctx, title: lebenslage.name, parent: { label: ctx.t('browse.lebenslagen'), href: '/lebenslagen' }, services: services.items }),
    );
  });
}
