// JSON Schemas of the open-data API: they validate requests and generate the OpenAPI document.
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: str,
    title: str,
    status: int,
    detail: str,
    errors: { type: 'array', items: { type: 'object', properties: { parameter: str, detail: str } } },
  },
} as const;

const serviceSummary = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    slug: str,
    title: str,
    titleEn: str,
    summary: str,
    ozgId: { type: ['integer', 'null'] },
    leikaKey: nullableStr,
    themenfeld: nullableStr,
    onlineServiceUrl: nullableStr,
    source: { type: ['string', 'null'], description: 'The portal a federated service comes from (Portalverbund); null for the municipality’s own' },
    url: { type: 'string', description: 'Portal page of the service' },
  },
} as const;

const organisation = {
  type: ['object', 'null'],
  properties: { name: str, street: str, postalCode: str, city: str, openingHours: str, phone: str, email: str, website: str },
} as const;

const serviceDetail = {
  type: 'object',
  properties: {
    ...serviceSummary.properties,
    description: str,
    prerequisites: { type: 'array', items: str },
    requiredDocuments: { type: 'array', items: str },
    feeCents: { type: ['integer', 'null'], description: 'Fee in euro cents; null when it depends on the case' },
    feeText: str,
    processingTime: str,
    deadlines: str,
    legalBasis: str,
    keywords: { type: 'array', items: str },
    lastReviewed: { type: ['string', 'null'], format: 'date' },
    updatedAt: { type: 'string', format: 'date-time' },
    organisation,
    ozgLeistung: { type: ['object', 'null'], properties: { ozgId: int, name: str } },
    lebenslagen: { type: 'array', items: { type: 'object', properties: { id: int, name: str } } },
  },
} as const;

function paged(items: object) {
  return {
    type: 'object',
    properties: {
      items: { type: 'array', items },
      total: int,
      limit: int,
      nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page' },
    },
  } as const;
}

const errors = {
  400: { description: 'Invalid parameter', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } },
} as const;

const limit = { type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'Page size' } as const;
const cursor = { type: 'string', maxLength: 200, description: 'Opaque cursor from `nextCursor`' } as const;
const themenfeldParam = {
  type: 'string',
  pattern: '^([0-9]{1,3}|[a-z_]{2,60})$',
  description: 'Themenfeld id or slug (e.g. `bauen_wohnen`)',
} as const;

export const listServicesSchema = {
  tags: ['Leistungen'],
  summary: 'Search or list the published services of the municipality',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      q: { type: 'string', maxLength: 200, description: 'German full-text search with typo tolerance and synonyms' },
      themenfeld: themenfeldParam,
      lebenslage: { type: 'integer', minimum: 1, maximum: 100000, description: 'Lebenslage id' },
      ozgId: { type: 'integer', minimum: 10000, maximum: 99999, description: 'OZG-ID' },
      leikaKey: { type: 'string', pattern: '^99[0-9]{12}$', description: 'LeiKa Leistungsschlüssel' },
      limit,
      cursor,
    },
  },
  response: { 200: paged(serviceSummary), ...errors },
} as const;

export const getServiceSchema = {
  tags: ['Leistungen'],
  summary: 'One published service with all details',
  params: { type: 'object', properties: { id: { type: 'string', maxLength: 100, description: 'UUID or slug of the service' } }, required: ['id'] },
  response: { 200: serviceDetail, 404: { description: 'Not found', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } } },
} as const;

export const listOzgLeistungenSchema = {
  tags: ['OZG-Katalog'],
  summary: 'OZG-Leistungen of the federal catalogue',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: { themenfeld: themenfeldParam, lebenslage: { type: 'integer', minimum: 1, maximum: 100000 }, limit, cursor },
  },
  response: {
    200: paged({
      type: 'object',
      properties: { ozgId: int, name: str, lebenslageId: int, lebenslage: str, themenfeldId: int, themenfeld: str, leikaCount: int },
    }),
    ...errors,
  },
} as const;

export const listThemenfelderSchema = {
  tags: ['OZG-Katalog'],
  summary: 'The 14 OZG-Themenfelder',
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { id: int, name: str, slug: str, serviceCount: int, ozgLeistungCount: int } } },
      },
    },
  },
} as const;

export const listLebenslagenSchema = {
  tags: ['OZG-Katalog'],
  summary: 'Lebens- und Unternehmenslagen',
  querystring: { type: 'object', additionalProperties: false, properties: { themenfeld: themenfeldParam } },
  response: {
    200: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { id: int, name: str, themenfeldId: int, themenfeld: str, serviceCount: int } } },
      },
    },
    ...errors,
  },
} as const;

export const getLeikaSchema = {
  tags: ['OZG-Katalog'],
  summary: 'One LeiKa Leistung by its 14-digit key',
  params: { type: 'object', properties: { key: { type: 'string', pattern: '^99[0-9]{12}$' } }, required: ['key'] },
  response: {
    200: {
      type: 'object',
      properties: {
        leistungsschluessel: str,
        name: str,
        ozgId: { type: ['integer', 'null'] },
        ozgLeistung: nullableStr,
        themenfeld: nullableStr,
        typisierung: nullableStr,
        rechtsgrundlage: nullableStr,
        gesetze: nullableStr,
        gesetzKuerzel: nullableStr,
        sdg1Relevant: { type: 'boolean' },
        sdg2Relevant: { type: 'boolean' },
      },
    },
    ...errors,
  },
} as const;

export const suggestSchema = {
  tags: ['Leistungen'],
  summary: 'Title suggestions for search-as-you-type',
  querystring: { type: 'object', additionalProperties: false, required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 100 } } },
  response: { 200: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { title: str, url: str } } } } }, ...errors },
} as const;
