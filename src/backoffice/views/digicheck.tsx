// DigiCheck's pages in the back office: the checks, starting one (department, office, Prüffelder),
// a check with its participants and their progress, and one interview step.
import type { Category, Check, Participant, Question, StoredAnswer } from '../../digicheck/index.ts';
import { formatDay } from '../../platform/i18n/format.ts';
import { DataTable, SelectField } from '../../platform/views/components.tsx';
import type { ViewContext } from '../../platform/views/context.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { Checkboxes, Input, Radios, TextArea } from '../../platform/views/inputs.tsx';
import { CsrfField, PostButton } from '../../platform/views/simple-pages.tsx';
import { local } from './digicheck-format.ts';
import { BackofficeLayout, PageTop, type StaffViewer } from './layout.tsx';

export const DIGICHECK = '/backoffice/digicheck';

type Notice = { kind: 'success' | 'warning'; title: string; text: string };
const errorOf = (errors: PageError[], target: string) => errors.find((e) => e.target === target)?.message;

export function DigicheckListPage({
  ctx,
  viewer,
  checks,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  checks: { id: string; department: string; createdAt: Date; participants: number; answers: number }[];
}) {
  const { t } = ctx;
  const admin = viewer.roles.includes('administration');
  return (
    <BackofficeLayout ctx={ctx} title={t('dc.title')} staff={viewer}>
      <h1 class="kern-heading-large">{t('dc.title')}</h1>
      <p class="kern-body">{t('dc.intro')}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href={`${DIGICHECK}/neu`}>
          <span class="kern-label">{t('dc.new')}</span>
        </a>
      </p>
      {admin ? (
        <p>
          <a class="kern-link" href={`${DIGICHECK}/modell`}>
            {t('dc.modelLink')}
          </a>
        </p>
      ) : null}
      {checks.length === 0 ? (
        <p class="kern-body">{t('dc.none')}</p>
      ) : (
        <DataTable
          caption={t('dc.checks', { n: checks.length })}
          columns={[t('dc.col.department'), t('dc.col.started'), t('dc.col.participants'), t('dc.col.answers')]}
        >
          {checks.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <a class="kern-link" href={`${DIGICHECK}/${c.id}`}>
                  {c.department}
                </a>
              </th>
              <td>{formatDay(c.createdAt, ctx.lang)}</td>
              <td>{c.participants}</td>
              <td>{c.answers}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </BackofficeLayout>
  );
}

export function NewCheckPage({
  ctx,
  viewer,
  categories,
  organisations,
  values,
  errors,
}: {
  ctx: ViewContext;
  viewer: StaffViewer;
  categories: Category[];
  organisations: { id: string; name: string }[];
  values: { department: string; organisationId: string; fields: string[] };
  errors: PageError[];
}) {
  const { t } = ctx;
  const title = t('dc.newTitle');
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={{ href: DIGICHECK, label: t('dc.title') }} />
      <h1 class="kern-heading-large">{title}</h1>
      <form method="post" action={`${DIGICHECK}/neu`} novalidate>
        <CsrfField ctx={ctx} />
        <Input
          ctx={ctx}
          spec={{ name: 'department', label: t('dc.department'), hint: t('dc.departmentHint'), type: 'text', autocomplete: 'off', value: values.department }}
          error={errorOf(errors, 'department')}
        />
        <SelectField
          ctx={ctx}
          id="organisationId"
          name="organisationId"
          label={t('dc.organisation')}
          emptyLabel={t('dc.noOrganisation')}
          selected={values.organisationId}
          options={organisations.map((o) => ({ value: o.id, label: o.name }))}
          error={errorOf(errors, 'organisationId')}
        />
        <Checkboxes
          ctx={ctx}
          name="fields"
          legend={`${t('dc.fields')} – ${t('dc.fieldsHint')}`}
          options={categories.map((c) => ({ value: c.id, label: local(ctx, c.name) }))}
          checked={values.fields}
          error={errorOf(errors, 'fields')}
        />
        <button type="submit" class="kern-btn kern-btn--primary">
          <span class="kern-label">{t('dc.create')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface CheckPageProps {
  ctx: ViewContext;
  viewer: StaffViewer;
  check: Check;
  participants: Participant[];
  /** Questions asked (those of the agreed Prüffelder). */
  asked: number;
  values: { name: string; role: string };
  errors: PageError[];
  notice?: Notice;
}

export function CheckPage({ ctx, viewer, check, participants, asked, values, errors, notice }: CheckPageProps) {
  const { t } = ctx;
  const title = t('dc.checkTitle', { department: check.department });
  const base = `${DIGICHECK}/${check.id}`;
  const fields = check.questionnaire.categories.filter((c) => check.fields.includes(c.id));
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} notice={notice} back={{ href: DIGICHECK, label: t('dc.title') }} />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">
        {t('dc.meta', { date: formatDay(check.createdAt, ctx.lang), interviewer: check.interviewer ?? '–', version: check.questionnaire.version })}
      </p>
      <h2 class="kern-heading-medium">{t('dc.fields')}</h2>
      <ul class="kern-list">
        {fields.map((c) => (
          <li key={c.id}>{local(ctx, c.name)}</li>
        ))}
      </ul>
      {participants.some((p) => p.answered > 0) ? (
        <p>
          <a class="kern-btn kern-btn--primary" href={`${base}/ergebnis`}>
            <span class="kern-label">{t('dc.results')}</span>
          </a>
        </p>
      ) : null}
      <h2 class="kern-heading-medium">{t('dc.participants')}</h2>
      {participants.length === 0 ? (
        <p class="kern-body">{t('dc.noParticipants')}</p>
      ) : (
        <DataTable caption={t('dc.participants')} columns={[t('dc.col.name'), t('dc.col.role'), t('dc.col.progress'), t('dc.interview', { name: '' }).trim()]}>
          {participants.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              <td>{t(`dc.role.${p.role}`)}</td>
              <td>{t('dc.progress', { answered: p.answered, total: asked })}</td>
              <td>
                <a class="kern-link" href={`${base}/interview/${p.id}`}>
                  {t('dc.startInterview', { name: p.name })}
                </a>
                <PostButton ctx={ctx} action={`${base}/teilnehmende/${p.id}/einladung`} label={t('dc.invite', { name: p.name })} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action={`${base}/teilnehmende`} novalidate>
        <CsrfField ctx={ctx} />
        <Input ctx={ctx} spec={{ name: 'name', label: t('dc.name'), type: 'text', autocomplete: 'off', value: values.name }} error={errorOf(errors, 'name')} />
        <Radios
          ctx={ctx}
          name="role"
          legend={t('dc.role')}
          options={(['staff', 'manager'] as const).map((r) => ({ value: r, label: t(`dc.role.${r}`) }))}
          value={values.role}
          error={errorOf(errors, 'role')}
        />
        <button type="submit" class="kern-btn kern-btn--secondary">
          <span class="kern-label">{t('dc.addParticipant')}</span>
        </button>
      </form>
    </BackofficeLayout>
  );
}

export interface StepPageProps {
  ctx: ViewContext;
  /** The signed-in interviewer; none when a participant answers through an invitation link. */
  viewer?: StaffViewer;
  /** Where the steps live (`base/<category>`) and where the way back leads from the first one. */
  base: string;
  home: { href: string; label: string };
  participant: Participant;
  category: Category;
  questions: Question[];
  step: { n: number; total: number; last: boolean; previous?: string };
  /** The participant's answers so far, or what was just posted (with errors). */
  answers: Map<string, Pick<StoredAnswer, 'level' | 'notApplicable' | 'note'> | { value: string; note: string }>;
  errors: PageError[];
}

export function StepPage({ ctx, viewer, base, home, participant, category, questions, step, answers, errors }: StepPageProps) {
  const { t } = ctx;
  const title = local(ctx, category.name);
  const typedFor = (id: string) => {
    const a = answers.get(id);
    if (!a) return { value: '', note: '' };
    if ('value' in a) return a;
    return { value: a.notApplicable ? 'na' : a.level === null ? '' : String(a.level), note: a.note };
  };
  return (
    <BackofficeLayout ctx={ctx} title={errors.length ? `${t('form.errorPrefix')} ${title}` : title} staff={viewer}>
      <PageTop ctx={ctx} errors={errors} back={step.previous ? { href: `${base}/${step.previous}`, label: t('form.back') } : home} />
      <p class="kern-body">
        {t('dc.interview', { name: participant.name })} ({t(`dc.role.${participant.role}`)}) – {t('dc.step', { n: step.n, total: step.total, name: title })}
      </p>
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{local(ctx, category.description)}</p>
      <form method="post" action={`${base}/${category.id}`} novalidate>
        <CsrfField ctx={ctx} />
        {questions.map((q, i) => {
          const { value, note } = typedFor(q.id);
          return (
            <div key={q.id} class="dc-question">
              <Radios
                ctx={ctx}
                name={`q-${q.id}`}
                legend={`${i + 1}. ${local(ctx, q.text)}${q.basis ? ` (${t('dc.basis', { basis: q.basis })})` : ''}`}
                options={[
                  ...q.levels.map((l, level) => ({ value: String(level), label: t('dc.levelLabel', { level, text: local(ctx, l) }) })),
                  { value: 'na', label: t('dc.notApplicable') },
                ]}
                value={value}
                error={errorOf(errors, `q-${q.id}`)}
              />
              <TextArea ctx={ctx} name={`note-${q.id}`} label={t('dc.note')} value={note} rows={2} maxLength={2000} />
            </div>
          );
        })}
        <div class="bo-actions">
          <button type="submit" class="kern-btn kern-btn--primary" name="action" value="next">
            <span class="kern-label">{step.last ? t('dc.finish') : t('dc.next')}</span>
          </button>
          <button type="submit" class="kern-btn kern-btn--secondary" name="action" value="pause">
            <span class="kern-label">{t('dc.pause')}</span>
          </button>
        </div>
      </form>
    </BackofficeLayout>
  );
}

/** The page a participant's invitation link opens: what it is about, start or go on; saved or done. */
export function InvitationPage({
  ctx,
  department,
  participant,
  asked,
  start,
  notice,
}: {
  ctx: ViewContext;
  department: string;
  participant: Participant;
  asked: number;
  start: string;
  notice?: 'saved' | 'done';
}) {
  const { t } = ctx;
  const title = t('dc.checkTitle', { department });
  return (
    <BackofficeLayout ctx={ctx} title={title}>
      <PageTop
        ctx={ctx}
        notice={
          notice === 'done'
            ? { kind: 'success', title: t('dc.saved'), text: t('dc.invitationDone') }
            : notice === 'saved'
              ? { kind: 'success', title: t('dc.saved'), text: t('dc.savedText') }
              : undefined
        }
      />
      <h1 class="kern-heading-large">{title}</h1>
      <p class="kern-body">{t('dc.invitationIntro', { name: participant.name, role: t(`dc.role.${participant.role}`), questions: asked })}</p>
      <p>
        <a class="kern-btn kern-btn--primary" href={start}>
          <span class="kern-label">{participant.answered > 0 ? t('dc.invitationContinue') : t('dc.invitationBegin')}</span>
        </a>
      </p>
    </BackofficeLayout>
  );
}
