// A participant answers on their own through a personal link (no staff account needed): an intro
// page, the same steps as in the interview, saved as they go; the link ends after 30 days or when a
// new one is made.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { invited } from '../../digicheck/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { hashSecret, isSecret } from '../../platform/secrets.ts';
import { sendPage } from '../../platform/views/render.ts';
import { InvitationPage } from '../views/digicheck.tsx';
import { INVITATION, type Interviewee, interviewFlow } from './digicheck-interview.tsx';

type InvitationRoute = { Params: { token: string; categoryId?: string }; Querystring: { gespeichert?: string; fertig?: string } };

export function registerDigicheckInvitation(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;
  const interview = interviewFlow(db);

  /** The invitation's interview, or 404 for an unknown or ended link (the same answer for both). */
  async function intervieweeOf(request: FastifyRequest<InvitationRoute>): Promise<Interviewee> {
    const found = isSecret(request.params.token) ? await invited(db, hashSecret(request.params.token), new Date()) : undefined;
    if (!found) throw new HttpError(404, 'not-found', 'This link is unknown or has ended');
    const home = `${INVITATION}/${request.params.token}`;
    return { ...found, base: home, home: { href: home, label: request.t('dc.invitationHome') } };
  }

  app.get<InvitationRoute>(`${INVITATION}/:token`, async (request, reply: FastifyReply) => {
    const who = await intervieweeOf(request);
    const asked = who.check.questionnaire.questions.filter((q) => who.check.fields.includes(q.category)).length;
    return sendPage(
      noStore(reply),
      <InvitationPage
        ctx={formContext(request, reply)}
        department={who.check.department}
        participant={who.participant}
        asked={asked}
        start={await interview.firstOpen(who)}
        notice={request.query.fertig ? 'done' : request.query.gespeichert ? 'saved' : undefined}
      />,
    );
  });

  app.get<InvitationRoute>(`${INVITATION}/:token/:categoryId`, async (request, reply) =>
    interview.show(request, reply, await intervieweeOf(request), request.params.categoryId ?? ''),
  );

  app.post<InvitationRoute>(`${INVITATION}/:token/:categoryId`, async (request, reply) => {
    const who = await intervieweeOf(request);
    const result = await interview.save(request, reply, who, request.params.categoryId ?? '');
    if (!result.saved) return result.page;
    // The participant has no staff account: the entry names them in its details.
    await audit(db, {
      actorType: 'system',
      actorId: 'digicheck-invitation',
      action: 'digicheck.answers_saved',
      objectType: 'digicheck',
      objectId: who.check.id,
      details: result.details,
    });
    if (result.pause) return reply.redirect(`${who.base}?gespeichert=1`, 303);
    if (result.next) return reply.redirect(`${who.base}/${result.next}`, 303);
    return reply.redirect(`${who.base}?fertig=1`, 303);
  });
}
