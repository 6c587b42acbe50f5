// Error and not-found handling: problem+json under /api and /backoffice/api, friendly localized pages elsewhere.
// Users never see stack traces; server errors are logged with the request id as reference.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { ErrorPage } from '../views/components.tsx';
import { Layout } from '../views/layout.tsx';
import { renderDocument } from '../views/render.ts';
import { CsrfError } from './csrf.ts';
import { HttpError, problem, sendProblem } from './problem.ts';

const isApi = (request: FastifyRequest) => request.url.startsWith('/api/') || request.url.startsWith('/backoffice/api/');

function validationErrors(error: FastifyError): { parameter: string; detail: string }[] {
  return (error.validation ?? []).map((v) => {
    const fromPath = v.instancePath.replace(/^\//, '');
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const extra = (v.params as { additionalProperty?: string }).additionalProperty;
    return { parameter: fromPath || missing || extra || 'request', detail: v.message ?? 'invalid' };
  });
}

function sendHtml(reply: FastifyReply, request: FastifyRequest, status: number, kind: 'notFound' | 'server' | 'badRequest' | 'csrf') {
  const ctx = request.viewContext();
  const title = ctx.t(`error.${kind}.title`);
  const body = h(ErrorPage, { ctx, title, text: ctx.t(`error.${kind}.text`), reference: status >= 500 ? request.id : undefined });
  const page = h(Layout, { ctx, title, children: body });
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(page));
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    if (isApi(request)) return sendProblem(reply, problem(404, 'not-found', 'Not Found', { detail: `No resource at ${request.url.split('?')[0]}` }));
    return sendHtml(reply, request, 404, 'notFound');
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof CsrfError) {
      request.log.warn({ code: error.code }, 'rejected form post with invalid CSRF token');
      return isApi(request) ? sendProblem(reply, problem(403, 'csrf', 'Invalid CSRF token')) : sendHtml(reply, request, 403, 'csrf');
    }
    if (error.validation) {
      const errors = validationErrors(error);
      const detail = errors.map((e) => `${e.parameter}: ${e.detail}`).join('; ');
      return isApi(request)
        ? sendProblem(reply, problem(400, 'invalid-parameter', 'Invalid parameter', { detail, errors }))
        : sendHtml(reply, request, 400, 'badRequest');
    }
    if (error instanceof HttpError) {
      if (isApi(request)) return sendProblem(reply, problem(error.status, error.code, error.message, { errors: error.errors, detail: error.message }));
      return sendHtml(reply, request, error.status, error.status === 404 ? 'notFound' : 'badRequest');
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (isApi(request)) {
      return sendProblem(
        reply,
        problem(status, status === 500 ? 'internal' : 'bad-request', status === 500 ? 'Internal Server Error' : 'Bad Request', {
          detail: status === 500 ? `Reference ${request.id}` : error.message,
        }),
      );
    }
    return sendHtml(reply, request, status, status === 404 ? 'notFound' : status >= 500 ? 'server' : 'badRequest');
  });
}
