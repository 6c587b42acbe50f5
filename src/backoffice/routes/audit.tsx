// The audit log page (role Administration): entries newest first, filters, and the chain check on demand.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { auditActions, listAudit, verifyAuditLog } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { formatMoment } from '../../platform/i18n/index.ts';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import { AuditPage } from '../views/audit.tsx';
import { viewerOf } from './users.tsx';

type AuditRoute = { Querystring: { aktion?: string; person?: string; vor?: string; pruefen?: string } };

export function registerAuditLog(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;

  app.get<AuditRoute>('/backoffice/protokoll', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    if (!session) return reply;
    const filter = { action: request.query.aktion || undefined, actor: request.query.person?.trim() || undefined };
    const entries = await listAudit(db, { ...filter, before: request.query.vor, limit: 101 });
    const page = entries.slice(0, 100);
    const verification = request.query.pruefen === '1' ? await verifyAuditLog(db) : undefined;
    return sendPage(
      noStore(reply),
      <AuditPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        rows={page.map((e) => ({
          id: e.id,
          at: formatMoment(e.at, request.lang),
          actor: e.actorName ?? (e.actorType === 'system' ? `System (${e.actorId})` : e.actorId),
          action: e.action,
          object: `${e.objectType} ${e.objectId}`,
        }))}
        actions={await auditActions(db)}
        filter={filter}
        next={entries.length > 100 ? page.at(-1)?.id : undefined}
        verification={verification ? { entries: verification.entries, brokenAt: verification.brokenAt?.id } : undefined}
      />,
    );
  });
}
