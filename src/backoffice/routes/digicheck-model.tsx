// DigiCheck's models for administrators: download the edition in force, upload a new questionnaire
// or measures catalogue (checked together with the other before it is used); audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { checkModels, currentModels, ModelError, replaceModel, saveModels } from '../../digicheck/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { sendDownload } from '../../platform/http/download.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { readTextUpload, staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { MODEL, ModelPage } from '../views/digicheck-model.tsx';
import { viewerOf } from './users.tsx';

const MAX_BYTES = 1024 * 1024;

export function registerDigicheckModel(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const admin = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'administration');

  async function page(request: FastifyRequest, reply: FastifyReply, session: StaffSession, errors: PageError[] = []) {
    const { raw, uploaded } = await currentModels(db);
    return sendPage(
      noStore(reply),
      <ModelPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        models={checkModels(raw)}
        uploaded={uploaded}
        errors={errors}
        saved={(request.query as { gespeichert?: string }).gespeichert === '1'}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get(MODEL, async (request, reply) => {
    const session = admin(request, reply);
    return session ? page(request, reply, session) : reply;
  });

  for (const [file, kind] of [
    ['fragebogen.json', 'questionnaire'],
    ['massnahmen.json', 'measures'],
  ] as const) {
    app.get(`${MODEL}/${file}`, async (request, reply) => {
      const session = admin(request, reply);
      if (!session) return reply;
      const { raw } = await currentModels(db);
      return sendDownload(reply, {
        filename: file,
        mediaType: 'application/json; charset=utf-8',
        data: Buffer.from(`${JSON.stringify(raw[kind], null, 2)}\n`),
      });
    });
  }

  app.post(MODEL, async (request, reply) => {
    const session = admin(request, reply);
    if (!session) return reply;
    if (!request.isMultipart()) throw new HttpError(415, 'unsupported-media-type', 'multipart/form-data expected');
    const { fields, text, tooLarge } = await readTextUpload(request, MAX_BYTES);
    const kind = fields.kind === 'measures' ? 'measures' : 'questionnaire';
    const target = `file-${kind}`;
    if (tooLarge || !text) return page(request, reply, session, [{ target, message: request.t('dc.error.modelFile') }]);
    try {
      const { raw, models } = replaceModel((await currentModels(db)).raw, kind, text);
      await saveModels(db, raw, session.user.id);
      await audit(db, {
        actorType: 'staff',
        actorId: session.user.id,
        action: 'digicheck.model_uploaded',
        objectType: 'digicheck_model',
        objectId: kind,
        details: { questionnaire: models.questionnaire.version, measures: models.measures.version },
      });
      return reply.redirect(`${MODEL}?gespeichert=1`, 303);
    } catch (error) {
      // What is wrong with the file, named precisely (entry and reference), next to the upload.
      if (error instanceof ModelError) return page(request, reply, session, [{ target, message: request.t('dc.error.model', { problem: error.message }) }]);
      throw error;
    }
  });
}
