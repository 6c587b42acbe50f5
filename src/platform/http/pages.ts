// What every route that renders a personal page needs: no caching anywhere, and a view context with
// the CSRF token for its forms.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ViewContext } from '../views/context.ts';

/** Pages with personal data or forms: not kept by browsers or proxies. */
export const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

/** The view context of a page with forms (sets the CSRF cookie on first use). */
export const formContext = (request: FastifyRequest, reply: FastifyReply): ViewContext => ({ ...request.viewContext(), csrfToken: reply.csrfToken() });
