// Service settings for team leads: processing deadline, workflow, notice templates. Only services
// that the team lead's Organisationseinheiten handle are found (404 otherwise); changes are audited.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { DEFAULT_LEGAL_REMEDY, DEFAULT_NOTICE_BODY, formatFee } from '../cases/template.ts';
import { type Workflow, workflowFrom } from '../cases/workflow.ts';
import { staffOr } from '../http.ts';
import * as settings from '../settings/index.ts';
import * as store from '../settings/store.ts';
import type { StaffSession } from '../staff/service.ts';
import { ServiceSettingsPage, ServicesPage, TemplatePage } from '../views/settings.tsx';
import { viewerOf } from './users.tsx';

const BASE = '/backoffice/leistungen';
const notFound = () => new HttpError(404, 'not-found', 'Not found');
type ServiceRoute = { Params: { id: string; templateId?: string }; Querystring: { gespeichert?: string } };
type Service = NonNullable<Awaited<ReturnType<typeof store.findService>>>;

export function registerServiceSettings(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps;

  const lead = (request: FastifyRequest, reply: FastifyReply) => staffOr(request, reply, 'teamleitung');

  async function serviceOr404(request: FastifyRequest<ServiceRoute>, session: StaffSession): Promise<Service> {
    const service = await store.findService(db, request.params.id, session.user.organisationIds);
    if (!service) throw notFound();
    return service;
  }

  async function settingsPage(
    request: FastifyRequest<ServiceRoute>,
    reply: FastifyReply,
    session: StaffSession,
    service: Service,
    state: { errors?: PageError[]; days?: string; workflow?: Workflow } = {},
  ) {
    const errors = state.errors ?? [];
    const saved: Record<string, string> = {
      frist: request.t('bo.settings.deadlineSaved'),
      zustellung: request.t('bo.settings.deliverySaved'),
      ablauf: request.t('bo.settings.workflowSaved'),
      geloescht: request.t('bo.settings.templateDeleted'),
      vorlage: request.t('bo.settings.templateSaved'),
    };
    return sendPage(
      noStore(reply),
      <ServiceSettingsPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={{
          id: service.id,
          title: service.title,
          processingDays: state.days ?? String(service.processing_days),
          ownWorkflow: service.workflow !== null,
          noticeToPostbox: service.notice_to_postbox,
          paperStep: service.paper_step,
        }}
        workflow={state.workflow ?? workflowFrom(service.workflow)}
        templates={await store.templatesOf(db, service.id)}
        errors={errors}
        notice={errors.length === 0 ? saved[request.query.gespeichert ?? ''] : undefined}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get(BASE, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const rows = await store.servicesWithSettings(db, session.user.organisationIds);
    return sendPage(
      noStore(reply),
      <ServicesPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        services={rows.map((r) => ({
          id: r.id,
          title: r.title,
          processingDays: r.processing_days,
          ownWorkflow: r.workflow !== null,
          templates: Number(r.templates),
        }))}
      />,
    );
  });

  app.get<ServiceRoute>(`${BASE}/:id`, async (request, reply) => {
    const session = lead(request, reply);
    return session ? settingsPage(request, reply, session, await serviceOr404(request, session)) : reply;
  });

  app.post<ServiceRoute>(`${BASE}/:id/frist`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const days = String((request.body as Record<string, unknown> | undefined)?.days ?? '');
    if (!(await settings.updateProcessingDays(db, service.id, days, session.user.id))) {
      return settingsPage(request, reply, session, service, { days, errors: [{ target: 'days', message: request.t('bo.settings.error.days') }] });
    }
    return reply.redirect(`${BASE}/${service.id}?gespeichert=frist`, 303);
  });

  app.post<ServiceRoute>(`${BASE}/:id/zustellung`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const checked = Array.isArray(body.zustellung) ? body.zustellung.map(String) : body.zustellung === undefined ? [] : [String(body.zustellung)];
    await settings.updateDelivery(db, service.id, { noticeToPostbox: checked.includes('postfach'), paperStep: checked.includes('papier') }, session.user.id);
    return reply.redirect(`${BASE}/${service.id}?gespeichert=zustellung`, 303);
  });

  app.post<ServiceRoute>(`${BASE}/:id/ablauf`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const workflow = body.aktion === 'standard' ? null : settings.workflowFromForm(body);
    const problems = await settings.updateWorkflow(db, service.id, workflow, session.user.id);
    if (problems.length > 0 && workflow) {
      const errors = problems.map((p) => ({
        target: 'status' in p ? `next-${p.status}` : 'next-eingegangen',
        message: request.t(`bo.settings.error.${p.kind}`, 'status' in p ? { status: request.t(`case.status.${p.status}`) } : {}),
      }));
      return settingsPage(request, reply, session, service, { errors, workflow });
    }
    return reply.redirect(`${BASE}/${service.id}?gespeichert=ablauf`, 303);
  });

  async function templatePage(
    request: FastifyRequest<ServiceRoute>,
    reply: FastifyReply,
    session: StaffSession,
    service: Service,
    form: settings.TemplateForm,
    errors: PageError[] = [],
  ) {
    return sendPage(
      noStore(reply),
      <TemplatePage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        service={{ id: service.id, title: service.title }}
        templateId={request.params.templateId === 'neu' ? undefined : request.params.templateId}
        form={form}
        errors={errors}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  async function templateOr404(serviceId: string, id: string | undefined) {
    if (id === 'neu') return undefined;
    const template = await store.findTemplate(db, serviceId, id ?? '');
    if (!template) throw notFound();
    return template;
  }

  app.get<ServiceRoute>(`${BASE}/:id/vorlagen/:templateId`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const template = await templateOr404(service.id, request.params.templateId);
    const form = template
      ? { name: template.name, outcome: template.outcome, body: template.body, legalRemedy: template.legal_remedy, fee: formatFee(template.fee_cents) }
      : { name: '', outcome: 'bewilligt', body: DEFAULT_NOTICE_BODY, legalRemedy: DEFAULT_LEGAL_REMEDY, fee: '0' };
    return templatePage(request, reply, session, service, form);
  });

  app.post<ServiceRoute>(`${BASE}/:id/vorlagen/:templateId`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const template = await templateOr404(service.id, request.params.templateId);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => String(body[name] ?? '');
    const form = { name: field('name'), outcome: field('outcome'), body: field('body'), legalRemedy: field('legalRemedy'), fee: field('fee') };
    const { input, errors } = settings.checkTemplate(form);
    if (!input) {
      const t = request.t;
      const message = (e: settings.TemplateError) =>
        e.problem === 'invalid' && e.names
          ? t('bo.notice.error.placeholder', { names: e.names.join(', ') })
          : {
              name: t('bo.settings.error.name'),
              outcome: t('bo.notice.error.outcome'),
              body: t('bo.settings.error.body'),
              legalRemedy: t('bo.settings.error.legalRemedy'),
              fee: t('bo.notice.error.fee'),
            }[e.field];
      return templatePage(
        request,
        reply,
        session,
        service,
        form,
        errors.map((e) => ({ target: e.field, message: message(e) })),
      );
    }
    await settings.saveTemplate(db, service.id, template?.id, input, session.user.id);
    return reply.redirect(`${BASE}/${service.id}?gespeichert=vorlage`, 303);
  });

  app.post<ServiceRoute>(`${BASE}/:id/vorlagen/:templateId/loeschen`, async (request, reply) => {
    const session = lead(request, reply);
    if (!session) return reply;
    const service = await serviceOr404(request, session);
    const template = await templateOr404(service.id, request.params.templateId);
    if (!template) throw notFound();
    await settings.deleteTemplate(db, service.id, template.id, session.user.id);
    return reply.redirect(`${BASE}/${service.id}?gespeichert=geloescht`, 303);
  });
}
