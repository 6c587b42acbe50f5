// The CSV import of a municipality's service list for editors: upload → preview (mapping, problems
// per row) → import of the rows without problems as drafts, audited. Nothing is written before the
// editor confirms; the file travels with the preview form, base64-encoded.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { checkRows, guessMapping, IMPORT_FIELDS, importContext, importRows, type Mapping } from '../../catalog/index.ts';
import { audit } from '../../platform/audit/index.ts';
import { parseCsv } from '../../platform/csv.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.ts';
import { readTextUpload, staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { IMPORT, PreviewPage, UploadPage } from '../views/catalog-import.tsx';
import { viewerOf } from './users.tsx';

const MAX_CSV_BYTES = 512 * 1024;
/** The preview form carries the file base64-encoded: about 4/3 of its size, plus the mapping. */
const FORM_BODY_LIMIT = Math.ceil((MAX_CSV_BYTES * 4) / 3) + 64 * 1024;

export function registerCatalogImport(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const editor = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'redaktion');

  const upload = (request: FastifyRequest, reply: FastifyReply, session: StaffSession, error?: string) =>
    sendPage(
      noStore(reply),
      <UploadPage ctx={formContext(request, reply)} viewer={viewerOf(session)} errors={error ? [{ target: 'file', message: error }] : []} />,
      error ? 422 : 200,
    );

  /** The preview of `text` with `mapping` (or the guessed one); the upload page again if the file says nothing. */
  async function preview(request: FastifyRequest, reply: FastifyReply, session: StaffSession, text: string, mapping?: Mapping) {
    const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
    if (parsed.header.length === 0 || parsed.records.length + parsed.malformed.length === 0)
      return upload(request, reply, session, request.t('import.error.empty'));
    const used = mapping ?? guessMapping(parsed.header);
    const rows = checkRows(parsed.records, used, await importContext(db));
    return sendPage(
      noStore(reply),
      <PreviewPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        csv={Buffer.from(text).toString('base64')}
        header={parsed.header}
        mapping={used}
        rows={rows}
        malformed={parsed.malformed}
      />,
    );
  }

  /** The file and the mapping the preview form sends back (an empty text when the file is missing). */
  function posted(request: FastifyRequest): { text: string; mapping: Mapping } {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const text = Buffer.from(String(body.csv ?? ''), 'base64').toString('utf8');
    const mapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, String(body[`map-${f}`] ?? '')]).filter(([, h]) => h)) as Mapping;
    return { text, mapping };
  }

  app.get(IMPORT, async (request, reply) => {
    const session = editor(request, reply);
    return session ? upload(request, reply, session) : reply;
  });

  app.post(IMPORT, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    if (!request.isMultipart()) return upload(request, reply, session, request.t('import.error.noFile'));
    const { text, tooLarge } = await readTextUpload(request, MAX_CSV_BYTES);
    if (tooLarge) return upload(request, reply, session, request.t('import.error.tooLarge'));
    if (!text) return upload(request, reply, session, request.t('import.error.noFile'));
    return preview(request, reply, session, text);
  });

  app.post(`${IMPORT}/vorschau`, { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const { text, mapping } = posted(request);
    if (!text) return upload(request, reply, session, request.t('import.error.noFile'));
    return preview(request, reply, session, text, mapping);
  });

  app.post(`${IMPORT}/bestaetigen`, { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const { text, mapping } = posted(request);
    if (!text) return upload(request, reply, session, request.t('import.error.noFile'));
    const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
    const context = await importContext(db);
    const rows = checkRows(parsed.records, mapping, context);
    const ids = await importRows(db, rows, context.organisations);
    await audit(db, {
      actorType: 'staff',
      actorId: session.user.id,
      action: 'catalog.import',
      objectType: 'service',
      objectId: 'csv',
      details: { imported: ids.length, skipped: rows.length - ids.length + parsed.malformed.length, services: ids },
    });
    return reply.redirect(`/backoffice/zuordnung?importiert=${ids.length}`, 303);
  });
}
