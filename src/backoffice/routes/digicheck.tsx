// DigiCheck in the back office (OZG-Koordination, Administration): start a check for a department
// with its Prüffelder, add participants, run the interview step by step (saved as it goes).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  addParticipant,
  type Check,
  checkModels,
  createCheck,
  currentModels,
  findCheck,
  inviteParticipant,
  listChecks,
  type Participant,
  participantsOf,
} from '../../digicheck/index.ts';
import { audit } from '../../platform/audit/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import { formatDay } from '../../platform/i18n/format.ts';
import { newSecret } from '../../platform/secrets.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import type { StaffSession } from '../staff/service.ts';
import { CheckPage, DIGICHECK, DigicheckListPage, NewCheckPage } from '../views/digicheck.tsx';
import { INVITATION, INVITATION_DAYS, interviewFlow } from './digicheck-interview.tsx';
import { viewerOf } from './users.tsx';

export type CheckRoute = { Params: { id: string }; Querystring: { erledigt?: string; fertig?: string } };
type StepRoute = { Params: { id: string; participantId: string; categoryId: string } };

export const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
export const text = (request: FastifyRequest, name: string) => String(body(request)[name] ?? '').trim();
const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]);

/** The first day of the quarter after `now`: where a new check's roadmap begins. */
export function nextQuarterStart(now: Date): string {
  const quarter = Math.floor(now.getUTCMonth() / 3) + 1;
  const year = now.getUTCFullYear() + (quarter === 4 ? 1 : 0);
  return `${year}-${String((quarter % 4) * 3 + 1).padStart(2, '0')}-01`;
}

/** Who may run DigiChecks, the audit entry of a step, a check or 404 – shared by the DigiCheck routes. */
export function digicheckAccess(db: Kysely<Database>) {
  return {
    coordination: (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'ozg_koordination', 'administration'),
    log: (session: StaffSession, action: string, checkId: string, details: Record<string, unknown>) =>
      audit(db, { actorType: 'staff', actorId: session.user.id, action, objectType: 'digicheck', objectId: checkId, details }),
    checkOr404: async (id: string): Promise<Check> => {
      const check = await findCheck(db, id);
      if (!check) throw new HttpError(404, 'not-found', 'Not found');
      return check;
    },
  };
}

export function registerDigicheck(app: FastifyInstance, deps: { db: Kysely<Database>; publicUrl: string }): void {
  const { db } = deps;
  const { coordination, log, checkOr404 } = digicheckAccess(db);
  const organisations = () => db.selectFrom('organisations').select(['id', 'name']).orderBy('name').execute();
  /** The models new checks are made with (the newest uploaded edition, or the shipped one). */
  const models = async () => checkModels((await currentModels(db)).raw);

  app.get(DIGICHECK, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    return sendPage(noStore(reply), <DigicheckListPage ctx={formContext(request, reply)} viewer={viewerOf(session)} checks={await listChecks(db)} />);
  });

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    session: StaffSession,
    values: { department: string; organisationId: string; fields: string[] },
    errors: PageError[],
  ) =>
    sendPage(
      noStore(reply),
      <NewCheckPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        categories={(await models()).questionnaire.categories}
        organisations={await organisations()}
        values={values}
        errors={errors}
      />,
      errors.length ? 422 : 200,
    );

  app.get(`${DIGICHECK}/neu`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const all = (await models()).questionnaire.categories.map((c) => c.id);
    return newPage(request, reply, session, { department: '', organisationId: '', fields: all }, []);
  });

  app.post(`${DIGICHECK}/neu`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const { questionnaire, measures } = await models();
    const values = {
      department: text(request, 'department').slice(0, 200),
      organisationId: text(request, 'organisationId'),
      fields: list(body(request).fields),
    };
    const fields = questionnaire.categories.map((c) => c.id).filter((id) => values.fields.includes(id));
    const known = values.organisationId === '' || (await organisations()).some((o) => o.id === values.organisationId);
    const t = request.t;
    const errors: PageError[] = [
      ...(values.department ? [] : [{ target: 'department', message: t('dc.error.department') }]),
      ...(known ? [] : [{ target: 'organisationId', message: t('dc.error.organisation') }]),
      ...(fields.length ? [] : [{ target: 'fields', message: t('dc.error.fields') }]),
    ];
    if (errors.length) return newPage(request, reply, session, values, errors);
    const id = await createCheck(db, {
      department: values.department,
      organisationId: values.organisationId || null,
      interviewerId: session.user.id,
      fields,
      questionnaire,
      measures,
      planStart: nextQuarterStart(new Date()),
    });
    await log(session, 'digicheck.created', id, { department: values.department, fields, questionnaire: questionnaire.version });
    return reply.redirect(`${DIGICHECK}/${id}`, 303);
  });

  const asked = (check: Check) => check.questionnaire.questions.filter((q) => check.fields.includes(q.category));

  async function checkPage(
    request: FastifyRequest<CheckRoute>,
    reply: FastifyReply,
    session: StaffSession,
    state: { values?: { name: string; role: string }; errors?: PageError[]; notice?: string } = {},
  ) {
    const check = await checkOr404(request.params.id);
    const errors = state.errors ?? [];
    const t = request.t;
    const done = request.query.erledigt;
    const participants = await participantsOf(db, check.id);
    const finished = participants.find((p) => p.id === request.query.fertig);
    const notices: Record<string, string> = { teilnehmende: t('dc.participantAdded'), pause: t('dc.savedText') };
    const notice = state.notice ?? (finished ? t('dc.interviewDone', { name: finished.name }) : done ? notices[done] : undefined);
    return sendPage(
      noStore(reply),
      <CheckPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        check={check}
        participants={participants}
        asked={asked(check).length}
        values={state.values ?? { name: '', role: '' }}
        errors={errors}
        notice={notice && !errors.length ? { kind: 'success', title: t('dc.saved'), text: notice } : undefined}
      />,
      errors.length ? 422 : 200,
    );
  }

  app.get<CheckRoute>(`${DIGICHECK}/:id`, async (request, reply) => {
    const session = coordination(request, reply);
    return session ? checkPage(request, reply, session) : reply;
  });

  app.post<CheckRoute>(`${DIGICHECK}/:id/teilnehmende`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const check = await checkOr404(request.params.id);
    const values = { name: text(request, 'name').slice(0, 200), role: text(request, 'role') };
    const t = request.t;
    const errors: PageError[] = [
      ...(values.name ? [] : [{ target: 'name', message: t('dc.error.name') }]),
      ...(values.role === 'staff' || values.role === 'manager' ? [] : [{ target: 'role', message: t('dc.error.role') }]),
    ];
    if (errors.length) return checkPage(request, reply, session, { values, errors });
    const id = await addParticipant(db, check.id, values.name, values.role as 'staff' | 'manager');
    await log(session, 'digicheck.participant_added', check.id, { participant: id, role: values.role });
    return reply.redirect(`${DIGICHECK}/${check.id}?erledigt=teilnehmende`, 303);
  });

  const participantOr404 = async (check: Check, participantId: string): Promise<Participant> => {
    const participant = (await participantsOf(db, check.id)).find((p) => p.id === participantId);
    if (!participant) throw new HttpError(404, 'not-found', 'Not found');
    return participant;
  };

  // A personal link for a participant to answer on their own; shown once, only its hash is kept.
  app.post<{ Params: { id: string; participantId: string }; Querystring: CheckRoute['Querystring'] }>(
    `${DIGICHECK}/:id/teilnehmende/:participantId/einladung`,
    async (request, reply) => {
      const session = coordination(request, reply);
      if (!session) return reply;
      const check = await checkOr404(request.params.id);
      const participant = await participantOr404(check, request.params.participantId);
      const { secret, hash } = newSecret();
      const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86_400_000);
      await inviteParticipant(db, participant.id, hash, expiresAt);
      await log(session, 'digicheck.invitation_created', check.id, { participant: participant.id, expiresAt: expiresAt.toISOString() });
      const link = `${deps.publicUrl}${INVITATION}/${secret}`;
      return checkPage(request, reply, session, {
        notice: request.t('dc.invitationCreated', { name: participant.name, link, date: formatDay(expiresAt, request.lang) }),
      });
    },
  );

  const interview = interviewFlow(db);
  const intervieweeOf = async (request: FastifyRequest<{ Params: { id: string; participantId: string } }>, session: StaffSession) => {
    const check = await checkOr404(request.params.id);
    const participant = await participantOr404(check, request.params.participantId);
    return {
      check,
      participant,
      base: `${DIGICHECK}/${check.id}/interview/${participant.id}`,
      home: { href: `${DIGICHECK}/${check.id}`, label: check.department },
      viewer: viewerOf(session),
    };
  };

  // The interview goes on where the participant's first open question is.
  app.get<{ Params: { id: string; participantId: string } }>(`${DIGICHECK}/:id/interview/:participantId`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    return reply.redirect(await interview.firstOpen(await intervieweeOf(request, session)), 303);
  });

  app.get<StepRoute>(`${DIGICHECK}/:id/interview/:participantId/:categoryId`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    return interview.show(request, reply, await intervieweeOf(request, session), request.params.categoryId);
  });

  app.post<StepRoute>(`${DIGICHECK}/:id/interview/:participantId/:categoryId`, async (request, reply) => {
    const session = coordination(request, reply);
    if (!session) return reply;
    const who = await intervieweeOf(request, session);
    const result = await interview.save(request, reply, who, request.params.categoryId);
    if (!result.saved) return result.page;
    await log(session, 'digicheck.answers_saved', who.check.id, result.details);
    if (result.pause) return reply.redirect(`${DIGICHECK}/${who.check.id}?erledigt=pause`, 303);
    if (result.next) return reply.redirect(`${who.base}/${result.next}`, 303);
    return reply.redirect(`${DIGICHECK}/${who.check.id}?fertig=${who.participant.id}`, 303);
  });
}
