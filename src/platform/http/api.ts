// Conventions of the open-data API: JSON or CSV, ETags with conditional GET, open CORS for reads,
// opaque cursors for pagination, `.csv` suffix as an alternative to `Accept: text/csv`.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toCsv } from '../csv.ts';
import { HttpError } from './problem.ts';

export const API_PREFIX = '/api/v1';
const CSV_FLAG = 'x-amtsweg-csv';

/** For Fastify's rewriteUrl: /api/v1/x.csv is served as /api/v1/x with CSV output. */
export function rewriteCsvUrl(req: { url?: string; headers: Record<string, unknown> }): string {
  const url = req.url ?? '/';
  const [path = '/', query] = url.split('?', 2);
  if (path.startsWith(`${API_PREFIX}/`) && path.endsWith('.csv')) {
    req.headers[CSV_FLAG] = '1';
    return `${path.slice(0, -4)}${query !== undefined ? `?${query}` : ''}`;
  }
  return url;
}

function wantsCsv(request: FastifyRequest): boolean {
  if (request.headers[CSV_FLAG] === '1') return true;
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/.test(accept) && !/\bapplication\/json\b/.test(accept);
}

export interface CsvView {
  columns: string[];
  rows: Record<string, unknown>[];
}

export function sendData(request: FastifyRequest, reply: FastifyReply, json: unknown, csv: CsvView): FastifyReply {
  if (wantsCsv(request)) return reply.type('text/csv; charset=utf-8').send(toCsv(csv.columns, csv.rows));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(json));
}

export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

/**
 * A keyset position as an opaque cursor: a row's timestamp as the database writes it (text, to the
 * microsecond – a JavaScript date would cut it to milliseconds and page through the same row again)
 * and its id.
 */
export interface Keyset {
  key: string;
  id: string;
}

const DB_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

export const encodeKeyset = (row: Keyset) => Buffer.from(`${row.key}|${row.id}`).toString('base64url');

/** The position in a cursor made by `encodeKeyset`; undefined for anything else. */
export function decodeKeyset(cursor: string | undefined): Keyset | undefined {
  const [key, id] = Buffer.from(cursor ?? '', 'base64url')
    .toString()
    .split('|');
  return key && DB_TIMESTAMP.test(key) && id && /^[0-9a-f-]{36}$/.test(id) ? { key, id } : undefined;
}

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0 && value.o <= 1_000_000) return value.o;
  } catch {
    // fall through to the error below
  }
  throw new HttpError(400, 'invalid-parameter', 'Invalid parameter', [{ parameter: 'cursor', detail: 'is not a cursor returned by this API' }]);
}

export interface PageEnvelope<T> {
  items: T[];
  total: number;
  limit: number;
  nextCursor: string | null;
}

export function pageEnvelope<T>(items: T[], total: number, limit: number, offset: number): PageEnvelope<T> {
  return { items, total, limit, nextCursor: offset + items.length < total ? encodeCursor(offset + items.length) : null };
}

/** The integration API (hand-off, status back, tokens) holds personal data: no CORS, never cached. */
export const isIntegrationApi = (url: string) => /^\/api\/v1\/(handoff|applications|oauth)\//.test(url);

export function registerApiConventions(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    if (isIntegrationApi(request.url)) {
      reply.header('cache-control', 'no-store');
      return;
    }
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', 'ETag');
    reply.header('vary', 'Accept');
  });
  app.options('/api/*', async (_request, reply) => {
    reply
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'Accept, If-None-Match')
      .header('access-control-max-age', '86400')
      .code(204)
      .send();
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith(`${API_PREFIX}/`) || request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string') return payload;
    const etag = `"${crypto.createHash('sha1').update(payload).digest('base64url')}"`;
    reply.header('etag', etag);
    // A route that knows better (an immutable version) sets its own caching.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'public, max-age=300');
    const match = request.headers['if-none-match'];
    if (match?.split(',').some((m) => m.trim().replace(/^W\//, '') === etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}
