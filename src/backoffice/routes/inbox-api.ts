// The inbox as JSON (GET /backoffice/api/vorgaenge): the same filters, visibility and keyset pages
// as the inbox page, for the office's own tools. Staff session cookie; errors as problem+json.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { auditInboxRead, type InboxQuery, inboxFilter, isOverdue, pageOf } from '../cases/inbox-query.ts';
import { COUNT_LIMIT, inboxWithCounts } from '../cases/inbox-store.ts';
import { CASE_STATUSES } from '../cases/workflow.ts';
import { staffApi } from '../http.ts';

const text = { type: 'string', maxLength: 200 } as const;
const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: [...CASE_STATUSES] },
    service: { type: 'string', format: 'uuid' },
    assignee: { type: 'string', pattern: '^(me|none|[0-9a-f-]{36})$' },
    overdue: { type: 'string', enum: ['0', '1'] },
    from: { type: 'string', pattern: '^\\d{1,2}\\.\\d{1,2}\\.\\d{4}$' },
    to: { type: 'string', pattern: '^\\d{1,2}\\.\\d{1,2}\\.\\d{4}$' },
    q: text,
    sort: { type: 'string', enum: ['newest', 'oldest', 'due'] },
    nach: text,
  },
} as const;

export function registerInboxApi(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const roles = ['sachbearbeitung', 'teamleitung'] as const;
  // Who asks is checked before what is asked: a visitor gets 401, never a hint about parameters.
  const preValidation = async (request: FastifyRequest) => void staffApi(request, ...roles);
  app.get<{ Querystring: InboxQuery }>('/backoffice/api/vorgaenge', { schema: { querystring }, preValidation }, async (request, reply) => {
    const session = staffApi(request, ...roles);
    const { filter, invalid } = inboxFilter(request.query, { id: session.user.id, organisationIds: session.user.organisationIds });
    if (invalid.length > 0) {
      throw new HttpError(
        400,
        'invalid-parameter',
        'Invalid date',
        invalid.map((parameter) => ({ parameter, detail: 'not a calendar date (TT.MM.JJJJ)' })),
      );
    }
    const { found, counts } = await inboxWithCounts(db, filter);
    const { rows, next } = pageOf(found);
    await auditInboxRead(db, session.user.id, request.query, rows, 'api');
    return reply.header('cache-control', 'no-store').send({
      items: rows.map((r) => ({
        id: r.id,
        reference: r.reference,
        applicant: r.applicantName,
        service: r.serviceTitle,
        status: r.status,
        submittedAt: r.submittedAt.toISOString(),
        dueAt: r.dueAt?.toISOString() ?? null,
        overdue: isOverdue(r.dueAt, r.status),
        assignee: r.assigneeName,
        href: `/backoffice/vorgaenge/${r.id}`,
      })),
      // null: more than countLimit cases match (a search for a common name); narrow the filter.
      counts: counts ?? null,
      countLimit: COUNT_LIMIT,
      next: next ?? null,
    });
  });
}
