// Open-data API of the forms (/api/v1/forms): published form definitions, the JSON Schema of their
// submission data keyed by FIM ids (FIT-Connect's `submissionSchema`), and the definition schema.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { API_PREFIX } from '../platform/http/api.ts';
import { HttpError } from '../platform/http/problem.ts';
import { Condition, FormDefinition } from './definition/schema.ts';
import { submissionSchema, submissionSchemaUri } from './export/submission.ts';
import { listPublishedForms } from './store.ts';
import type { FormVersions } from './versions.ts';
import { plainText } from './views/text.tsx';

const notFound = { description: 'Not found', content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } };
const anyObject = { type: 'object', additionalProperties: true } as const;
const formParams = { type: 'object', properties: { formId: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,62}$' } }, required: ['formId'] } as const;
const versionParams = {
  type: 'object',
  properties: { ...formParams.properties, version: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
  required: ['formId', 'version'],
} as const;

type VersionRequest = FastifyRequest<{ Params: { formId: string; version: number } }>;

export interface FormsApiDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  publicUrl: string;
}

export function registerFormsApi(app: FastifyInstance, { db, forms, publicUrl }: FormsApiDeps): void {
  const base = `${API_PREFIX}/forms`;
  const versionUrl = (formId: string, version: number) => `${base}/${formId}/versions/${version}`;
  const schemaUri = (formId: string, version: number) => submissionSchemaUri(publicUrl, formId, version);

  async function published(formId: string, version: number) {
    const found = await forms.get(formId, version);
    if (!found || found.status !== 'published') throw new HttpError(404, 'not-found', `No published version ${version} of form "${formId}"`);
    return found;
  }

  app.get(base, { schema: { tags: ['Formulare'], summary: 'Published online forms with their current version', response: { 200: anyObject } } }, async () => {
    const rows = await listPublishedForms(db);
    return {
      items: rows.map((row) => {
        const def = row.definition as FormDefinition;
        return {
          id: row.formId,
          title: plainText(def.title, 'de'),
          version: row.version,
          publishedAt: row.publishedAt,
          fim: def.source ? { schemaId: def.source.schemaId, schemaVersion: def.source.schemaVersion, xdfVersion: def.source.xdfVersion } : null,
          definition: `${publicUrl}${versionUrl(row.formId, row.version)}`,
          submissionSchema: schemaUri(row.formId, row.version),
          onlineApplication: `${publicUrl}/antrag/${row.formId}`,
        };
      }),
    };
  });

  app.get(
    `${base}/:formId`,
    {
      schema: {
        tags: ['Formulare'],
        summary: 'The current published version of a form',
        params: formParams,
        response: { 302: { description: 'To the version' }, 404: notFound },
      },
    },
    async (request: FastifyRequest<{ Params: { formId: string } }>, reply) => {
      const current = await forms.current(request.params.formId);
      if (!current) throw new HttpError(404, 'not-found', `No published form "${request.params.formId}"`);
      return reply.redirect(versionUrl(current.formId, current.version), 302);
    },
  );

  app.get(
    `${base}/:formId/versions/:version`,
    {
      schema: {
        tags: ['Formulare'],
        summary: 'A published form definition (never changes)',
        params: versionParams,
        response: { 200: anyObject, 404: notFound },
      },
    },
    async (request: VersionRequest, reply) => {
      const found = await published(request.params.formId, request.params.version);
      reply.header('cache-control', 'public, max-age=86400, immutable');
      return found.definition;
    },
  );

  app.get(
    `${base}/:formId/versions/:version/submission-schema.json`,
    {
      schema: {
        tags: ['Formulare'],
        summary: 'JSON Schema of the submission data, keyed by FIM element ids (FIT-Connect submissionSchema)',
        params: versionParams,
        response: { 200: anyObject, 404: notFound },
      },
    },
    async (request: VersionRequest, reply) => {
      const { formId, version } = request.params;
      const found = await published(formId, version);
      reply.header('content-type', 'application/schema+json').header('cache-control', 'public, max-age=86400, immutable');
      return JSON.stringify(submissionSchema(found.definition, version, schemaUri(formId, version)));
    },
  );

  // Self-contained: the shared Condition schema is embedded, so `$ref: "Condition"` resolves within.
  const definitionSchemaUrl = `${publicUrl}${API_PREFIX}/schemas/form-definition.schema.json`;
  const definitionSchema = JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    ...FormDefinition,
    $id: definitionSchemaUrl,
    $defs: { Condition },
  });
  app.get(
    `${API_PREFIX}/schemas/form-definition.schema.json`,
    { schema: { tags: ['Formulare'], summary: 'JSON Schema of the form definition', response: { 200: anyObject } } },
    async (_request, reply) => {
      reply.header('content-type', 'application/schema+json').header('cache-control', 'public, max-age=3600');
      return definitionSchema;
    },
  );
}
