// GET /api/v1/ozg/status – the OZG implementation status as open data: every service with its
// Reifegrad (computed, or the coordination's override with its reason), the criteria it meets and
// what the next level needs. JSON, or CSV (`.csv` or Accept: text/csv).
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { API_PREFIX, sendData } from '../platform/http/api.ts';
import { LEVEL_CRITERIA } from './maturity.ts';
import { levelCounts, ozgStatus } from './status.ts';

const CRITERIA = Object.values(LEVEL_CRITERIA).flat();

const serviceSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    slug: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'published'] },
    ozgId: { type: ['integer', 'null'] },
    leikaKey: { type: ['string', 'null'] },
    organisation: { type: ['string', 'null'] },
    reifegrad: { type: 'integer', minimum: 0, maximum: 4 },
    computedReifegrad: { type: 'integer', minimum: 0, maximum: 4 },
    override: { type: ['object', 'null'], properties: { reifegrad: { type: 'integer' }, reason: { type: 'string' } } },
    external: { type: 'boolean', description: 'The online service runs elsewhere; levels above 2 are not checked here' },
    criteria: { type: 'object', properties: Object.fromEntries(CRITERIA.map((c) => [c, { type: 'boolean' }])) },
    missingForNext: { type: 'array', items: { type: 'string', enum: CRITERIA } },
  },
} as const;

export function registerOzgApi(app: FastifyInstance, db: Kysely<Database>): void {
  app.get(
    `${API_PREFIX}/ozg/status`,
    {
      schema: {
        tags: ['OZG'],
        summary: 'OZG implementation status: the Reifegrad of every service, why, and what the next level needs',
        response: {
          200: {
            description: 'Services by title, and how many stand at each level',
            type: 'object',
            properties: {
              generatedAt: { type: 'string', format: 'date-time' },
              levels: { type: 'object', properties: Object.fromEntries([0, 1, 2, 3, 4].map((l) => [String(l), { type: 'integer' }])) },
              services: { type: 'array', items: serviceSchema },
            },
            examples: [
              {
                generatedAt: '2026-11-23T10:00:00.000Z',
                levels: { '0': 12, '1': 3, '2': 24, '3': 2, '4': 1 },
                services: [
                  {
                    id: '05a042f9-0cd2-4c4c-9f7e-32b82041fc75',
                    slug: 'bewohnerparkausweis',
                    title: 'Bewohnerparkausweis',
                    status: 'published',
                    ozgId: 10173,
                    leikaKey: '99108001001000',
                    organisation: 'Straßenverkehrsbehörde',
                    reifegrad: 2,
                    computedReifegrad: 2,
                    override: null,
                    external: false,
                    criteria: { information: true, onlineForm: true, eid: false, proofs: true, postbox: true, noPaper: true, onceOnly: false },
                    missingForNext: ['eid'],
                  },
                ],
              },
            ],
          },
        },
      },
    },
    async (request, reply) => {
      const services = await ozgStatus(db);
      const items = services.map((s) => ({
        id: s.id,
        slug: s.slug,
        title: s.title,
        status: s.status,
        ozgId: s.ozgId,
        leikaKey: s.leikaKey,
        organisation: s.organisation,
        reifegrad: s.maturity.level,
        computedReifegrad: s.maturity.computed,
        override: s.maturity.override ? { reifegrad: s.maturity.override.level, reason: s.maturity.override.reason } : null,
        external: s.maturity.external,
        criteria: Object.fromEntries(CRITERIA.map((c) => [c, s.maturity.met.includes(c)])),
        missingForNext: s.maturity.missing,
      }));
      const csvRows = items.map(({ override, criteria, missingForNext, ...row }) => ({
        ...row,
        overrideReason: override?.reason ?? '',
        ...criteria,
        missingForNext: missingForNext.join(' '),
      }));
      return sendData(
        request,
        reply,
        { generatedAt: new Date().toISOString(), levels: levelCounts(services), services: items },
        { columns: Object.keys(csvRows[0] ?? { id: '' }), rows: csvRows },
      );
    },
  );
}
