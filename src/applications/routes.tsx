// The citizen's way through an online application, one route per screen. HTTP only: read the
// request, check access, call the service and the form engine, render or redirect (303 after posts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { meetsTrustLevel } from '../account/index.ts';
import {
  type Answers,
  addInstance,
  addReferences,
  type FormVersion,
  type FormVersions,
  fieldAtPath,
  fieldsById,
  firstIncompleteStep,
  hasFileField,
  itemAtPath,
  keepLocked,
  mayVisit,
  nextStep,
  plainText,
  type RawValues,
  readStep,
  removeInstance,
  removeReference,
  type Step,
  summarise,
} from '../forms/index.ts';
import type { Database } from '../platform/db/schema.ts';
import { isEmailAddress } from '../platform/email.ts';
import { sendDownload } from '../platform/http/download.ts';
import { formContext, noStore } from '../platform/http/pages.ts';
import { HttpError } from '../platform/http/problem.ts';
import { formatDay } from '../platform/i18n/index.ts';
import type { BlobStore } from '../platform/storage/index.ts';
import { ErrorPage } from '../platform/views/components.tsx';
import { sendPage } from '../platform/views/render.ts';
import { cookieName, formatKey, parseKey } from './access.ts';
import { journeyView } from './journey-view.ts';
import { pageErrorsOf } from './messages.ts';
import { readMultipartStep } from './multipart.ts';
import type { ApplicationService, OpenApplication } from './service.ts';
import * as store from './store.ts';
import { CheckPage } from './views/check.tsx';
import { ConfirmationPage } from './views/confirmation.tsx';
import { SavedPage } from './views/saved.tsx';
import { StartPage } from './views/start.tsx';
import { StepPage } from './views/step.tsx';

export interface RouteDeps {
  db: Kysely<Database>;
  forms: FormVersions;
  blobs: BlobStore;
  service: ApplicationService;
  cookieSecure: boolean;
}

type FormParams = { Params: { formId: string } };
type StepParams = { Params: { formId: string; stepId: string }; Querystring: { pruefen?: string } };

const notFound = () => new HttpError(404, 'not-found', 'Not found');

export function registerApplicationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { service, forms } = deps;
  const titleOf = (form: FormVersion, lang: 'de' | 'en') => plainText(form.definition.title, lang);
  const expiryNotice = (o: OpenApplication, lang: 'de' | 'en') => {
    const at = service.expiresSoon(o.app);
    return at ? { date: formatDay(at, lang), days: service.settings.draftDays } : undefined;
  };

  function setKey(reply: FastifyReply, formId: string, value: string) {
    reply.setCookie(cookieName(formId), value, {
      path: `/antrag/${formId}`,
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.cookieSecure,
      maxAge: service.settings.draftDays * 86_400,
    });
  }

  const opened = (request: FastifyRequest, formId: string) => service.open(formId, request.cookies[cookieName(formId)], request.citizen?.accountId);

  /**
   * Whether the citizen is signed in at the trust level the form needs; otherwise the reply is sent:
   * to the sign-in page, which offers eID at that level (step-up), and back here afterwards.
   */
  function trustedFor(request: FastifyRequest, reply: FastifyReply, form: FormVersion): boolean {
    const need = form.definition.trustLevel;
    if (!need || (request.citizen && meetsTrustLevel(request.citizen.trustLevel, need))) return true;
    reply.redirect(`/konto/anmelden?stufe=${need}&weiter=${encodeURIComponent(`/antrag/${form.formId}`)}`, 303);
    return false;
  }

  /** The draft this browser holds for the form; otherwise the reply is sent (redirect to start). */
  async function draftOr(request: FastifyRequest, reply: FastifyReply, formId: string): Promise<OpenApplication | undefined> {
    const found = await opened(request, formId);
    if (!found) {
      if (!(await forms.current(formId))) throw notFound();
      reply.redirect(`/antrag/${formId}`, 303);
      return undefined;
    }
    if (found.app.status === 'submitted') {
      reply.redirect(`/antrag/${formId}/bestaetigung`, 303);
      return undefined;
    }
    return trustedFor(request, reply, found.form) ? found : undefined;
  }

  const afterCheck = (formId: string, o: OpenApplication) => {
    const open = service.nextStep(o);
    return open ? `/antrag/${formId}/schritt/${open}` : `/antrag/${formId}/pruefen`;
  };

  /** The page for a form whose service was withdrawn (archived) in the catalogue. */
  const withdrawn = (request: FastifyRequest, reply: FastifyReply) =>
    sendPage(
      noStore(reply),
      <ErrorPage ctx={formContext(request, reply)} title={request.t('form.withdrawn.title')} text={request.t('form.withdrawn.text')} />,
      410,
    );

  app.get<FormParams>('/antrag/:formId', async (request, reply) => {
    const form = await forms.current(request.params.formId);
    if (!form) throw notFound();
    const draft = await opened(request, form.formId);
    if (!draft && (await store.serviceWithdrawn(deps.db, form.formId))) return withdrawn(request, reply);
    const resumeStep = draft && draft.app.status === 'draft' ? (service.nextStep(draft) ?? draft.form.definition.steps[0]?.id) : undefined;
    return sendPage(
      noStore(reply),
      <StartPage ctx={formContext(request, reply)} formId={form.formId} def={form.definition} draftDays={service.settings.draftDays} resumeStep={resumeStep} />,
    );
  });

  app.post<FormParams>('/antrag/:formId', async (request, reply) => {
    const form = await forms.current(request.params.formId);
    if (!form) throw notFound();
    if (await store.serviceWithdrawn(deps.db, form.formId)) return withdrawn(request, reply);
    if (!trustedFor(request, reply, form)) return reply;
    const account = request.citizen?.account;
    const organisation = account?.organisation_name ? { name: account.organisation_name, register: account.organisation_register ?? '' } : undefined;
    // Only what an eID sign-in confirmed is prefilled, never what an account holder typed into settings.
    const identity = request.citizen?.identity.issuer ? request.citizen.identity : undefined;
    const key = await service.start(form, request.lang, account ? { accountId: account.id, onBehalfOf: organisation, identity } : undefined);
    setKey(reply, form.formId, formatKey(key));
    return reply.redirect(`/antrag/${form.formId}/schritt/${form.definition.steps[0]?.id}`, 303);
  });

  function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    o: OpenApplication,
    step: Step,
    answers: Answers,
    read?: { raw: RawValues; errors: ReturnType<typeof readStep>['errors'] },
  ) {
    return store.uploadsOf(deps.db, o.app.id).then((uploads) => {
      const ctx = formContext(request, reply);
      const { byPath, list } = pageErrorsOf(read?.errors ?? [], request.t, request.lang);
      const def = o.form.definition;
      return sendPage(
        noStore(reply),
        <StepPage
          state={{
            ctx,
            def,
            raw: read?.raw,
            errors: byPath,
            uploads: new Map(uploads.map((u) => [u.id, { filename: u.filename, sizeBytes: u.sizeBytes }])),
            pageFields: fieldsById(step.items),
            prefilled: new Set(o.app.prefilled),
          }}
          expiresSoon={expiryNotice(o, request.lang)}
          formId={o.app.formId}
          step={step}
          answers={answers}
          journey={journeyView(def, answers, step.id, request.lang)}
          pageErrors={list}
          fromCheck={(request.query as { pruefen?: string }).pruefen === '1'}
          multipart={hasFileField(step.items)}
        />,
        list.length > 0 ? 422 : 200,
      );
    });
  }

  async function stepOr(request: FastifyRequest<StepParams>, reply: FastifyReply) {
    const o = await draftOr(request, reply, request.params.formId);
    if (!o) return undefined;
    const def = o.form.definition;
    const step = def.steps.find((s) => s.id === request.params.stepId);
    if (!step) throw notFound();
    if (!mayVisit(def, o.app.answers, step.id)) {
      reply.redirect(afterCheck(o.app.formId, o), 303);
      return undefined;
    }
    return { o, step };
  }

  app.get<StepParams>('/antrag/:formId/schritt/:stepId', async (request, reply) => {
    const found = await stepOr(request, reply);
    return found ? renderStep(request, reply, found.o, found.step, found.o.app.answers) : reply;
  });

  app.post<StepParams>('/antrag/:formId/schritt/:stepId', async (request, reply) => {
    const found = await stepOr(request, reply);
    if (!found) return reply;
    const { o, step } = found;
    const { formId } = request.params;
    const def = o.form.definition;
    const multipart = request.isMultipart()
      ? await readMultipartStep(request, { db: deps.db, blobs: deps.blobs, service }, o.app.id, step, o.app.answers)
      : undefined;
    const body = multipart?.body ?? ({ ...((request.body ?? {}) as RawValues) } as RawValues);
    keepLocked(def, o.app.prefilled, o.app.answers, body, request.lang);
    const action = typeof body._action === 'string' ? body._action : 'continue';
    const answers = structuredClone(o.app.answers);
    const discarded: string[] = [];
    for (const [path, refs] of multipart?.refs ?? []) discarded.push(...addReferences(answers, path, refs, Boolean(fieldAtPath(step.items, path)?.repeat)));
    if (action.startsWith('removeFile:')) {
      const uploadId = action.slice('removeFile:'.length);
      if (removeReference(answers, uploadId)) discarded.push(uploadId);
    }
    for (const uploadId of discarded) {
      const key = await store.deleteUpload(deps.db, o.app.id, uploadId);
      if (key) await deps.blobs.delete([key]);
    }
    const read = readStep(def, step, answers, body);
    const uploadErrors = multipart?.errors ?? [];
    const here = `/antrag/${formId}/schritt/${step.id}${request.query.pruefen === '1' ? '?pruefen=1' : ''}`;
    if (action.startsWith('add:') || action.startsWith('remove:')) {
      const path = action.slice(action.indexOf(':') + 1);
      const group = itemAtPath(step.items, path);
      if (group?.kind === 'group') {
        if (action.startsWith('add:')) addInstance(read.answers, path, group.repeat.max);
        else removeInstance(read.answers, path);
      }
    }
    const expiresAt = await service.save(o.app, read.answers);
    const updated = { ...o, app: { ...o.app, answers: read.answers, expiresAt } };
    if (uploadErrors.length > 0) return renderStep(request, reply, updated, step, read.answers, { raw: read.raw, errors: [...uploadErrors, ...read.errors] });
    if (action === 'save') return reply.redirect(`/antrag/${formId}/gespeichert`, 303);
    if (action !== 'continue') return reply.redirect(here, 303);
    if (read.errors.length > 0) return renderStep(request, reply, updated, step, read.answers, read);
    if (request.query.pruefen === '1') return reply.redirect(afterCheck(formId, updated), 303);
    const next = nextStep(def, read.answers, step.id);
    return reply.redirect(next ? `/antrag/${formId}/schritt/${next}` : afterCheck(formId, updated), 303);
  });

  function renderCheck(
    request: FastifyRequest,
    reply: FastifyReply,
    o: OpenApplication,
    input: { email: string; declared: boolean; errors: { target: string; message: string }[] },
  ) {
    return store.uploadsOf(deps.db, o.app.id).then((uploads) => {
      const names = new Map(uploads.map((u) => [u.id, u.filename]));
      const sections = summarise(o.form.definition, o.app.answers, { lang: request.lang, uploadName: (r) => names.get(r) ?? r });
      return sendPage(
        noStore(reply),
        <CheckPage
          ctx={formContext(request, reply)}
          formId={o.app.formId}
          formTitle={titleOf(o.form, request.lang)}
          sections={sections}
          expiresSoon={expiryNotice(o, request.lang)}
          {...input}
        />,
        input.errors.length > 0 ? 422 : 200,
      );
    });
  }

  app.get<FormParams>('/antrag/:formId/pruefen', async (request, reply) => {
    const o = await draftOr(request, reply, request.params.formId);
    if (!o) return reply;
    if (firstIncompleteStep(o.form.definition, o.app.answers)) return reply.redirect(afterCheck(o.app.formId, o), 303);
    return renderCheck(request, reply, o, { email: o.app.email ?? '', declared: false, errors: [] });
  });

  app.post<FormParams>('/antrag/:formId/absenden', async (request, reply) => {
    const { formId } = request.params;
    // A second click or a retried POST after the first one went through: the same confirmation.
    const o = await draftOr(request, reply, formId);
    if (!o) return reply;
    if (firstIncompleteStep(o.form.definition, o.app.answers)) return reply.redirect(afterCheck(formId, o), 303);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const declared = body.declaration === 'ja';
    const errors = [
      ...(email !== '' && !isEmailAddress(email) ? [{ target: 'email', message: request.t('form.error.email') }] : []),
      ...(declared ? [] : [{ target: 'declaration', message: request.t('form.submit.declarationMissing') }]),
    ];
    if (errors.length > 0) return renderCheck(request, reply, o, { email, declared, errors });
    const outcome = await service.submit(o.app, o.form, email || null);
    if (outcome.kind === 'missing') throw notFound();
    return reply.redirect(`/antrag/${formId}/bestaetigung`, 303);
  });

  async function submittedOr404(request: FastifyRequest, formId: string) {
    const o = await opened(request, formId);
    if (!o || o.app.status !== 'submitted' || !o.app.reference) throw notFound();
    return o;
  }

  app.get<FormParams>('/antrag/:formId/bestaetigung', async (request, reply) => {
    const o = await submittedOr404(request, request.params.formId);
    return sendPage(
      noStore(reply),
      <ConfirmationPage
        ctx={request.viewContext()}
        formId={o.app.formId}
        formTitle={titleOf(o.form, request.lang)}
        reference={o.app.reference as string}
        email={o.app.email}
      />,
    );
  });

  app.get<FormParams>('/antrag/:formId/eingangsbestaetigung.pdf', async (request, reply) => {
    const o = await submittedOr404(request, request.params.formId);
    const pdf = await service.receipt(o.app, o.form);
    return sendDownload(reply, { filename: `Eingangsbestaetigung-${o.app.reference}.pdf`, mediaType: 'application/pdf', data: pdf });
  });

  function renderSaved(
    request: FastifyRequest,
    reply: FastifyReply,
    o: OpenApplication,
    extra: { email: string; sentTo?: string; errors: { target: string; message: string }[] },
  ) {
    const expires = formatDay(o.app.expiresAt ?? new Date(), request.lang);
    return sendPage(
      noStore(reply),
      <SavedPage
        ctx={formContext(request, reply)}
        formId={o.app.formId}
        formTitle={titleOf(o.form, request.lang)}
        expires={expires}
        continueHref={afterCheck(o.app.formId, o)}
        inAccount={o.app.accountId !== null}
        {...extra}
      />,
      extra.errors.length > 0 ? 422 : 200,
    );
  }

  app.get<FormParams>('/antrag/:formId/gespeichert', async (request, reply) => {
    const o = await draftOr(request, reply, request.params.formId);
    return o ? renderSaved(request, reply, o, { email: o.app.email ?? '', errors: [] }) : reply;
  });

  app.post<FormParams>('/antrag/:formId/gespeichert', async (request, reply) => {
    const { formId } = request.params;
    const o = await draftOr(request, reply, formId);
    if (!o) return reply;
    const email = String((request.body as Record<string, unknown> | undefined)?.email ?? '').trim();
    if (!isEmailAddress(email)) return renderSaved(request, reply, o, { email, errors: [{ target: 'email', message: request.t('form.error.email') }] });
    const key = parseKey(request.cookies[cookieName(formId)]);
    if (!key) throw notFound();
    await service.sendResumeLink(o, key, email, request.lang);
    return renderSaved(request, reply, o, { email, sentTo: email, errors: [] });
  });

  app.get<FormParams & { Querystring: { schluessel?: string } }>('/antrag/:formId/fortsetzen', async (request, reply) => {
    const { formId } = request.params;
    const value = request.query.schluessel;
    const o = await service.open(formId, value);
    if (!o || o.app.status !== 'draft') throw new HttpError(404, 'resume-link-invalid', 'This link is no longer valid');
    setKey(reply, formId, value as string);
    return reply.redirect(afterCheck(formId, o), 303);
  });

  app.get<{ Params: { formId: string; uploadId: string } }>('/antrag/:formId/dateien/:uploadId', async (request, reply) => {
    const o = await opened(request, request.params.formId);
    if (!o) throw notFound();
    const upload = (await store.uploadsOf(deps.db, o.app.id)).find((u) => u.id === request.params.uploadId);
    const data = upload ? await deps.blobs.get(upload.storageKey) : undefined;
    if (!upload || !data) throw notFound();
    return sendDownload(reply, { filename: upload.filename, mediaType: upload.mediaType, data });
  });
}
