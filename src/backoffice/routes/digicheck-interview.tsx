// The interview's steps, shared by the interviewer's pages and a participant's invitation link: the
// first open step, one step shown (again with errors), one step saved.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { answersOf, type Check, nextStep, type Participant, readStep, saveAnswers, stepsOf } from '../../digicheck/index.ts';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { StepPage } from '../views/digicheck.tsx';
import type { StaffViewer } from '../views/layout.tsx';

/** Where participants answer through their invitation link, and how long a link works. */
export const INVITATION = '/digicheck/teilnahme';
export const INVITATION_DAYS = 30;

/** Whose interview, where its steps live (`base/<category>`), where "back" leads, who is signed in. */
export interface Interviewee {
  check: Check;
  participant: Participant;
  base: string;
  home: { href: string; label: string };
  viewer?: StaffViewer;
}

type Posted = { values: Map<string, { value: string; note: string }>; errors: PageError[] };

export function interviewFlow(db: Kysely<Database>) {
  const stepOr404 = (check: Check, categoryId: string) => {
    const steps = stepsOf(check.questionnaire, check.fields);
    const index = steps.findIndex((c) => c.id === categoryId);
    const category = steps[index];
    if (!category) throw new HttpError(404, 'not-found', 'Not found');
    return { steps, index, category, questions: check.questionnaire.questions.filter((q) => q.category === category.id) };
  };

  async function show(request: FastifyRequest, reply: FastifyReply, who: Interviewee, categoryId: string, posted?: Posted) {
    const { steps, index, category, questions } = stepOr404(who.check, categoryId);
    const answers =
      posted?.values ?? new Map((await answersOf(db, who.check.id)).filter((a) => a.participantId === who.participant.id).map((a) => [a.questionId, a]));
    return sendPage(
      noStore(reply),
      <StepPage
        ctx={formContext(request, reply)}
        viewer={who.viewer}
        base={who.base}
        home={who.home}
        participant={who.participant}
        category={category}
        questions={questions}
        step={{ n: index + 1, total: steps.length, last: index === steps.length - 1, previous: steps[index - 1]?.id }}
        answers={answers}
        errors={posted?.errors ?? []}
      />,
      posted?.errors.length ? 422 : 200,
    );
  }

  return {
    show,

    /** The step with the participant's first open question (or the first step). */
    async firstOpen(who: Interviewee): Promise<string> {
      const answered = new Set(
        (await answersOf(db, who.check.id))
          .filter((a) => a.participantId === who.participant.id && (a.level !== null || a.notApplicable))
          .map((a) => a.questionId),
      );
      const steps = stepsOf(who.check.questionnaire, who.check.fields);
      const open = steps.find((c) => who.check.questionnaire.questions.some((q) => q.category === c.id && !answered.has(q.id))) ?? steps[0];
      return `${who.base}/${open?.id}`;
    },

    /** Saves a posted step; shows it again when a value is none of the offered ones. */
    async save(request: FastifyRequest, reply: FastifyReply, who: Interviewee, categoryId: string) {
      const { category, questions } = stepOr404(who.check, categoryId);
      const posted = (request.body ?? {}) as Record<string, unknown>;
      const step = readStep(questions, posted);
      if (step.invalid.length) {
        const values = new Map(questions.map((q) => [q.id, { value: String(posted[`q-${q.id}`] ?? ''), note: String(posted[`note-${q.id}`] ?? '') }]));
        const errors = step.invalid.map((id) => ({ target: `q-${id}`, message: request.t('dc.error.level') }));
        return { saved: false as const, page: await show(request, reply, who, categoryId, { values, errors }) };
      }
      await saveAnswers(db, who.check.id, who.participant.id, step);
      return {
        saved: true as const,
        details: { participant: who.participant.id, category: category.id, answered: step.answered.length },
        pause: posted.action === 'pause',
        next: nextStep(who.check.questionnaire, who.check.fields, category.id),
      };
    },
  };
}
