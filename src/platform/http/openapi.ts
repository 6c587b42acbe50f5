// OpenAPI 3.1 generated from the route schemas, served as JSON and as an accessible HTML page.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { renderDocument } from '../views/render.ts';
import { ApiDocsPage, type OpenApiDocument } from './api-docs.tsx';

const INTEGRATION_SCOPES = {
  'submissions:read': 'List and read submissions of pull targets',
  'submissions:ack': 'Confirm receipt of submissions',
  'status:write': 'Report status back to the citizen',
};

export async function registerOpenApi(app: FastifyInstance, publicUrl: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Amtsweg API',
        version: '1.0.0',
        description:
          'Open data: services (Leistungen) of the municipality, the federal OZG/LeiKa catalogue and the published forms (JSON or CSV, no authentication). Integration: Fachverfahren collect submissions and report status back (OAuth2 client credentials or API key; see docs/integration.md). Errors as RFC 9457 problem+json.',
        license: { name: 'Data: dl-de/by-2-0', url: 'https://www.govdata.de/dl-de/by-2-0' },
      },
      servers: [{ url: publicUrl }],
      components: {
        securitySchemes: {
          clientCredentials: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: `${publicUrl}/api/v1/oauth/token`, scopes: INTEGRATION_SCOPES } } },
          apiKey: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: '`Authorization: ApiKey <key>`, optionally bound to a client certificate',
          },
        },
      },
    },
    hideUntagged: true,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=300');
    return app.swagger();
  });
  app.get('/api/docs', { schema: { hide: true } }, async (request, reply) => {
    const spec = app.swagger() as unknown as OpenApiDocument;
    return reply.type('text/html; charset=utf-8').send(renderDocument(h(ApiDocsPage, { ctx: request.viewContext(), spec })));
  });
}
