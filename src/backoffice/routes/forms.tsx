// The editors' form management (role Redaktion): import FIM schemas and code lists by upload, see the
// to-dos, publish a draft version. The same import as `amtsweg import fim|codelist`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { FimImportError, InvalidDefinitionError, importCodeList, importFimForm, listForms, publishDraftVersion } from '../../forms/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { readTextUpload, staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { FormsPage, type ImportResult } from '../views/forms.tsx';
import { viewerOf } from './users.tsx';

const MAX_XML_BYTES = 10 * 1024 * 1024;

export function registerFormAdmin(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    session: StaffSession,
    extra: { errors?: PageError[]; imported?: ImportResult; done?: string; formId?: string } = {},
  ) {
    const errors = extra.errors ?? [];
    return sendPage(
      noStore(reply),
      <FormsPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        forms={await listForms(db)}
        errors={errors}
        imported={extra.imported}
        done={extra.done}
        values={{ formId: extra.formId }}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get<{ Querystring: { veroeffentlicht?: string } }>('/backoffice/formulare', async (request, reply) => {
    const session = staffOr(request, reply, 'redaktion');
    if (!session) return reply;
    const published = request.query.veroeffentlicht;
    return page(request, reply, session, { done: published ? request.t('bo.forms.publishedDone', { id: published }) : undefined });
  });

  app.post('/backoffice/formulare', async (request, reply) => {
    const session = staffOr(request, reply, 'redaktion');
    if (!session) return reply;
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported-media-type', 'multipart/form-data expected');
    const { fields, text: xml, tooLarge } = await readTextUpload(request, MAX_XML_BYTES);
    const t = request.t;
    const formId = (fields.formId ?? '').trim();
    const kind = fields.kind === 'codelist' ? 'codelist' : 'fim';
    const errors: PageError[] = [
      ...(tooLarge ? [{ target: 'file', message: t('bo.forms.error.tooLarge') }] : !xml ? [{ target: 'file', message: t('bo.forms.error.noFile') }] : []),
      ...(kind === 'fim' && !/^[a-z][a-z0-9-]{1,62}$/.test(formId) ? [{ target: 'formId', message: t('bo.forms.error.formId') }] : []),
    ];
    if (errors.length > 0 || !xml) return page(request, reply, session, { errors, formId });
    try {
      if (kind === 'codelist') {
        const list = await importCodeList(db, xml);
        await audit(db, {
          actorType: 'staff',
          actorId: session.user.id,
          action: 'codelist.import',
          objectType: 'code_list',
          objectId: list.canonicalUri,
          details: { version: list.version },
        });
        return page(request, reply, session, { done: t('bo.forms.codelistDone', { uri: list.canonicalUri, version: list.version, entries: list.entries }) });
      }
      const { definition, version } = await importFimForm(db, xml, formId);
      await audit(db, {
        actorType: 'staff',
        actorId: session.user.id,
        action: 'form.import',
        objectType: 'form',
        objectId: formId,
        details: { version, todos: definition.todos.length },
      });
      return page(request, reply, session, { imported: { formId, title: definition.title.de, version, todos: definition.todos }, formId });
    } catch (error) {
      // The file's problem, said precisely (FIM version, missing element with its path …), next to the upload.
      if (error instanceof FimImportError || error instanceof InvalidDefinitionError)
        return page(request, reply, session, { errors: [{ target: 'file', message: error.message }], formId });
      throw error;
    }
  });

  app.post<{ Params: { id: string } }>('/backoffice/formulare/:id/veroeffentlichen', async (request, reply) => {
    const session = staffOr(request, reply, 'redaktion');
    if (!session) return reply;
    const version = await publishDraftVersion(db, request.params.id);
    if (version === undefined) throw new HttpError(404, 'not-found', 'No draft to publish');
    await audit(db, {
      actorType: 'staff',
      actorId: session.user.id,
      action: 'form.publish',
      objectType: 'form',
      objectId: request.params.id,
      details: { version },
    });
    return reply.redirect(`/backoffice/formulare?veroeffentlicht=${encodeURIComponent(request.params.id)}`, 303);
  });
}
