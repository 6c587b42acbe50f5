// What the account routes share: their dependencies and small request helpers.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountService } from '../service.ts';
import type { Sessions } from '../sessions.ts';

export interface AccountRouteDeps {
  service: AccountService;
  sessions: Sessions;
  cookieSecure: boolean;
  /** Whether eID sign-in is offered. */
  eid: boolean;
}

import { formContext as ctxOf, noStore } from '../../platform/http/pages.ts';
import { sendPage } from '../../platform/views/render.ts';
import { MessagePage } from '../../platform/views/simple-pages.tsx';

export { ctxOf, noStore };

export function fieldsOf(request: FastifyRequest): Record<string, string> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
}

/** A page that says something went wrong or ended, with the way back to signing in. */
export const sendSignInHint = (request: FastifyRequest, reply: FastifyReply, title: string, body: string, status: number) =>
  sendPage(
    noStore(reply),
    <MessagePage ctx={ctxOf(request, reply)} title={title}>
      <p class="kern-body">{body}</p>
      <p class="kern-body">
        <a class="kern-link" href="/konto/anmelden">
          {request.t('account.signIn.title')}
        </a>
      </p>
    </MessagePage>,
    status,
  );
