// The account's start page.
import type { FastifyInstance } from 'fastify';
import { sendPage } from '../../platform/views/render.ts';
import { citizenOr } from '../http.ts';
import { OverviewPage } from '../views/overview.tsx';
import { ctxOf, noStore } from './shared.tsx';

export interface OverviewDeps {
  /** How many applications (drafts and submitted) the account has; from the applications module. */
  countApplications: (accountId: string) => Promise<number>;
}

export function registerOverviewRoute(app: FastifyInstance, deps: OverviewDeps): void {
  app.get('/konto', async (request, reply) => {
    const session = citizenOr(request, reply);
    if (!session) return reply;
    const { account } = session;
    return sendPage(
      noStore(reply),
      <OverviewPage
        ctx={ctxOf(request, reply)}
        name={request.viewer?.label ?? ''}
        email={account.email}
        trustLevel={session.trustLevel}
        viaEid={Boolean(session.identity.issuer)}
        organisation={account.organisation_name ?? undefined}
        unread={request.viewer?.unread ?? 0}
        applications={await deps.countApplications(account.id)}
      />,
    );
  });
}
