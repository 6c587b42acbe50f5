// Route schemas of the integration API: validation and, through them, the OpenAPI document with
// examples. Responses that carry submission data leave its content open (it follows each form's
// own JSON Schema, linked as `application.form.submissionSchema`).
import { CASE_STATUSES } from '../../platform/db/schema.ts';

const problemResponse = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } } });
const refusals = {
  401: problemResponse('Not authenticated: no, a malformed, a wrongly signed or an expired token'),
  403: problemResponse('Authenticated, but the operation or service is not allowed'),
};
const security: Record<string, string[]>[] = [{ clientCredentials: [] }, { apiKey: [] }];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } }, required: ['id'] } as const;

const service = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, leikaKey: { type: ['string', 'null'] } },
} as const;

const file = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'Upload id, or `receipt` for the sealed receipt' },
    field: { type: 'string', description: 'Form field the file was uploaded in' },
    filename: { type: 'string' },
    mediaType: { type: 'string' },
    size: { type: 'integer' },
    sha256: { type: 'string' },
    url: { type: 'string', format: 'uri', description: 'Download with the same credentials' },
  },
} as const;

const EXAMPLE_ID = '3f6c1f0e-8a4b-4c55-9a49-2b1d0f6f4e21';

export function apiSchemas(maxNoticeBytes: number) {
  return {
    token: {
      tags: ['Integration'],
      summary: 'OAuth2 token by client credentials (RFC 6749 §4.4); tokens are JWTs valid 300 s',
      description:
        'Client authentication by HTTP Basic or `client_id`/`client_secret` in the form body. Errors follow RFC 6749 §5.2 (`invalid_client`, `invalid_scope`, `unsupported_grant_type`).',
      consumes: ['application/x-www-form-urlencoded'],
      body: {
        type: 'object',
        properties: {
          grant_type: { type: 'string', description: 'client_credentials (anything else: unsupported_grant_type)' },
          client_id: { type: 'string', maxLength: 100 },
          client_secret: { type: 'string', maxLength: 200 },
          scope: { type: 'string', maxLength: 200, description: 'Space-separated subset of the integration’s operations' },
        },
        examples: [{ grant_type: 'client_credentials', client_id: 'aw-3kq9xY2mB7pL', client_secret: '…', scope: 'submissions:read submissions:ack' }],
      },
      response: {
        200: {
          description: 'Access token',
          type: 'object',
          properties: { access_token: { type: 'string' }, token_type: { type: 'string' }, expires_in: { type: 'integer' }, scope: { type: 'string' } },
          examples: [
            { access_token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6ImF0K2p3dCJ9…', token_type: 'Bearer', expires_in: 300, scope: 'submissions:read submissions:ack' },
          ],
        },
      },
    },
    list: {
      tags: ['Integration'],
      summary: 'Submissions waiting for this Fachverfahren (pull targets), oldest first',
      security,
      querystring: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['new', 'acknowledged'], default: 'new' },
          limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          cursor: { type: 'string', maxLength: 200 },
        },
        additionalProperties: false,
      },
      response: {
        200: {
          description: 'A page of submissions; follow `nextCursor` until it is null',
          type: 'object',
          properties: {
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string', format: 'uuid' },
                  applicationId: { type: 'string', format: 'uuid' },
                  reference: { type: 'string' },
                  submittedAt: { type: 'string', format: 'date-time' },
                  service,
                  status: { type: 'string', enum: ['new', 'acknowledged'] },
                  acknowledgedAt: { type: ['string', 'null'], format: 'date-time' },
                  href: { type: 'string', format: 'uri' },
                },
              },
            },
            nextCursor: { type: ['string', 'null'] },
          },
          examples: [
            {
              items: [
                {
                  id: EXAMPLE_ID,
                  applicationId: '9b2d7c7e-0f57-4a8e-b2f3-6f8e1a7c5d10',
                  reference: 'MST-2026-000123',
                  submittedAt: '2026-11-23T09:15:02.113Z',
                  service: { id: 'c0a8f1e2-5b6d-4e3f-8a9b-0c1d2e3f4a5b', name: 'Gewerbeanmeldung', leikaKey: '99050012104000' },
                  status: 'new',
                  acknowledgedAt: null,
                  href: `https://portal.musterstadt.example/api/v1/handoff/submissions/${EXAMPLE_ID}`,
                },
              ],
              nextCursor: null,
            },
          ],
        },
        ...refusals,
      },
    },
    one: {
      tags: ['Integration'],
      summary: 'One submission: metadata, data keyed by FIM ids, attachments and receipt as links',
      security,
      params: idParams,
      response: {
        200: {
          description: 'The same document a webhook receives, with `status`',
          type: 'object',
          additionalProperties: true,
          properties: {
            type: { type: 'string' },
            deliveryId: { type: 'string', format: 'uuid' },
            status: { type: 'string', enum: ['new', 'acknowledged'] },
            application: { type: 'object', additionalProperties: true },
            data: { type: 'object', additionalProperties: true, description: 'Valid against application.form.submissionSchema' },
            attachments: { type: 'array', items: file },
            receipt: file,
          },
        },
        404: problemResponse('No such submission for this integration'),
        ...refusals,
      },
    },
    attachment: {
      tags: ['Integration'],
      summary: 'A file of a submission (an upload, or `receipt`)',
      security,
      params: {
        type: 'object',
        properties: { id: { type: 'string', format: 'uuid' }, fileId: { type: 'string', maxLength: 100 } },
        required: ['id', 'fileId'],
      },
      response: { 404: problemResponse('No such file'), ...refusals },
    },
    ack: {
      tags: ['Integration'],
      summary: 'Confirm receipt: the submission leaves the list of new ones (idempotent)',
      security,
      params: idParams,
      response: {
        200: {
          description: 'Acknowledged',
          type: 'object',
          properties: { id: { type: 'string' }, status: { type: 'string' }, acknowledgedAt: { type: ['string', 'null'], format: 'date-time' } },
          examples: [{ id: EXAMPLE_ID, status: 'acknowledged', acknowledgedAt: '2026-11-23T09:16:40.020Z' }],
        },
        404: problemResponse('No such submission for this integration'),
        ...refusals,
      },
    },
    status: {
      tags: ['Integration'],
      summary: 'Report a status from the Fachverfahren: timeline and postbox of the citizen; idempotent by eventId',
      security,
      params: idParams,
      body: {
        type: 'object',
        properties: {
          eventId: {
            type: 'string',
            minLength: 1,
            maxLength: 100,
            pattern: '^[A-Za-z0-9._:-]+$',
            description: 'Your unique id of this event; a repeated call with it changes nothing',
          },
          status: { type: 'string', enum: [...CASE_STATUSES] },
          message: { type: 'string', minLength: 1, maxLength: 5000, description: 'Plain text for the citizen, in German' },
          messageEn: { type: 'string', minLength: 1, maxLength: 5000, description: 'The same in English (optional)' },
          notice: {
            type: 'object',
            properties: {
              filename: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+\\.pdf$' },
              content: {
                type: 'string',
                maxLength: Math.ceil((maxNoticeBytes * 4) / 3) + 4,
                contentEncoding: 'base64',
                description: 'The notice (Bescheid) as PDF',
              },
            },
            required: ['filename', 'content'],
            additionalProperties: false,
          },
        },
        required: ['eventId', 'status', 'message'],
        additionalProperties: false,
        examples: [
          {
            eventId: 'gewerbe-4711-entschieden',
            status: 'entschieden',
            message: 'Ihre Gewerbeanmeldung ist eingetragen. Den Gewerbeschein finden Sie im Anhang.',
            notice: { filename: 'Gewerbeschein.pdf', content: 'JVBERi0xLjcK…' },
          },
        ],
      },
      response: {
        200: {
          description: 'This eventId was applied before; nothing changed',
          type: 'object',
          properties: { eventId: { type: 'string' }, applicationId: { type: 'string' }, status: { type: 'string' }, duplicate: { type: 'boolean' } },
        },
        201: {
          description: 'Applied',
          type: 'object',
          properties: { eventId: { type: 'string' }, applicationId: { type: 'string' }, status: { type: 'string' }, duplicate: { type: 'boolean' } },
          examples: [{ eventId: 'gewerbe-4711-entschieden', applicationId: '9b2d7c7e-0f57-4a8e-b2f3-6f8e1a7c5d10', status: 'entschieden', duplicate: false }],
        },
        404: problemResponse('No submitted application with this id'),
        409: problemResponse('The eventId was used for another application'),
        422: problemResponse('The notice is not a PDF or too large'),
        ...refusals,
      },
    },
  };
}
