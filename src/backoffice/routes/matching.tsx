// Matching services to the federal catalogue for editors: the bulk view, a service's suggestions,
// confirm (the service takes the LeiKa key and OZG-Leistung) or reject; both audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { confirmMatch, findMatchedService, rejectMatch, reviewsDue, suggestMatches, uncoveredOzgLeistungen, unmatchedServices } from '../../catalog/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import { MATCHING, MatchingPage, MatchServicePage } from '../views/matching.tsx';
import { viewerOf } from './users.tsx';

type OneRoute = { Params: { id: string }; Querystring: { erledigt?: string } };

export function registerMatching(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const editor = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'redaktion');

  app.get<{ Querystring: { importiert?: string } }>(MATCHING, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const [unmatched, uncovered, due] = await Promise.all([unmatchedServices(db), uncoveredOzgLeistungen(db), reviewsDue(db)]);
    const imported = /^\d+$/.test(request.query.importiert ?? '') ? Number(request.query.importiert) : undefined;
    return sendPage(
      noStore(reply),
      <MatchingPage ctx={formContext(request, reply)} viewer={viewerOf(session)} unmatched={unmatched} uncovered={uncovered} due={due} imported={imported} />,
    );
  });

  const serviceOr404 = async (id: string) => {
    const service = await findMatchedService(db, id);
    if (!service) throw new HttpError(404, 'not-found', 'Not found');
    return service;
  };

  app.get<OneRoute>(`${MATCHING}/:id`, async (request, reply) => {
    const session = editor(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request.params.id);
    const done = request.query.erledigt;
    const t = request.t;
    const notices = {
      uebernommen: { kind: 'success' as const, title: t('bo.integrations.saved'), text: t('match.confirmed', { key: service.leikaKey ?? '' }) },
      verworfen: { kind: 'success' as const, title: t('bo.integrations.saved'), text: t('match.rejected') },
    };
    return sendPage(
      noStore(reply),
      <MatchServicePage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={service}
        suggestions={await suggestMatches(db, service.id)}
        notice={done === 'uebernommen' || done === 'verworfen' ? notices[done] : undefined}
      />,
    );
  });

  const decide = (path: string, act: (serviceId: string, key: string) => Promise<boolean>, action: string, done: string) =>
    app.post<OneRoute>(`${MATCHING}/:id/${path}`, async (request, reply) => {
      const session = editor(request, reply);
      if (!session) return reply;
      const service = await serviceOr404(request.params.id);
      const key = String((request.body as Record<string, unknown> | undefined)?.key ?? '');
      if (!/^99\d{12}$/.test(key) || !(await act(service.id, key))) throw new HttpError(400, 'bad-request', 'Not a LeiKa key of the catalogue');
      await audit(db, {
        actorType: 'staff',
        actorId: session.user.id,
        action,
        objectType: 'service',
        objectId: service.id,
        details: { leistungsschluessel: key, before: service.leikaKey },
      });
      return reply.redirect(`${MATCHING}/${service.id}?erledigt=${done}`, 303);
    });
  decide('uebernehmen', (id, key) => confirmMatch(db, id, key), 'catalog.match_confirmed', 'uebernommen');
  decide(
    'verwerfen',
    async (id, key) => {
      await rejectMatch(db, id, key);
      return true;
    },
    'catalog.match_rejected',
    'verworfen',
  );
}
