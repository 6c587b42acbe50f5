// What the account routes share: their dependencies and small request helpers.
import type { FastifyRequest } from 'fastify';
import type { AccountService } from '../service.ts';
import type { Sessions } from '../sessions.ts';

export interface AccountRouteDeps {
  service: AccountService;
  sessions: Sessions;
  cookieSecure: boolean;
  /** Whether eID sign-in is offered. */
  eid: boolean;
}

export { formContext as ctxOf, noStore } from '../../platform/http/pages.ts';

export function fieldsOf(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}
