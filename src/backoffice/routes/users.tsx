// User administration (role Administration): list, create, edit access, reset the second factor.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from '../../platform/db/schema.ts';
import { formContext, noStore } from '../../platform/http/pages.ts';
import { HttpError } from '../../platform/http/problem.ts';
import type { PageError } from '../../platform/views/error-summary.tsx';
import { sendPage } from '../../platform/views/render.ts';
import { staffOr } from '../http.ts';
import { StaffInputError, type StaffService, type StaffSession } from '../staff/service.ts';
import * as store from '../staff/store.ts';
import { UserPage, UsersPage } from '../views/users.tsx';

const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []);
export const viewerOf = (session: StaffSession) => ({ name: session.user.name, roles: session.user.roles });

export function registerUserAdmin(app: FastifyInstance, deps: { db: Kysely<Database>; staff: StaffService }): void {
  const { db, staff } = deps;

  async function usersPage(request: FastifyRequest, reply: FastifyReply, session: StaffSession, extra: Partial<Parameters<typeof UsersPage>[0]> = {}) {
    const errors = extra.errors ?? [];
    return sendPage(
      noStore(reply),
      <UsersPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        users={await store.listUsers(db)}
        organisations={await store.organisations(db)}
        errors={errors}
        values={extra.values ?? {}}
        created={extra.created}
      />,
      errors.length > 0 ? 422 : 200,
    );
  }

  app.get('/backoffice/benutzer', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    return session ? usersPage(request, reply, session) : reply;
  });

  app.post('/backoffice/benutzer', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    if (!session) return reply;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      name: String(body.name ?? '').trim(),
      email: String(body.email ?? '').trim(),
      roles: list(body.roles) as StaffRole[],
      organisationIds: list(body.organisations),
    };
    try {
      const { password } = await staff.createUser(values, session.user.id);
      return usersPage(request, reply, session, { created: { email: values.email, password } });
    } catch (error) {
      if (!(error instanceof StaffInputError)) throw error;
      const t = request.t;
      const message = {
        email: error.problem === 'taken' ? t('bo.users.error.emailTaken') : t('bo.users.error.email'),
        name: t('bo.users.error.name'),
        roles: t('bo.users.error.roles'),
        password: t('bo.users.error.email'),
      }[error.field];
      const errors: PageError[] = [{ target: error.field, message }];
      return usersPage(request, reply, session, { errors, values });
    }
  });

  async function userOr404(id: string) {
    const user = await store.findById(db, id);
    if (!user) throw new HttpError(404, 'not-found', 'Not found');
    return user;
  }

  type UserRoute = { Params: { id: string }; Querystring: { gespeichert?: string } };

  app.get<UserRoute>('/backoffice/benutzer/:id', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    if (!session) return reply;
    const user = await userOr404(request.params.id);
    const notice =
      request.query.gespeichert === 'totp' ? request.t('bo.users.resetTotpDone') : request.query.gespeichert ? request.t('bo.users.saved') : undefined;
    return sendPage(
      noStore(reply),
      <UserPage
        ctx={formContext(request, reply)}
        viewer={viewerOf(session)}
        user={user}
        organisations={await store.organisations(db)}
        errors={[]}
        notice={notice}
      />,
    );
  });

  app.post<UserRoute>('/backoffice/benutzer/:id', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    if (!session) return reply;
    const user = await userOr404(request.params.id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const access = { roles: list(body.roles) as StaffRole[], organisationIds: list(body.organisations), active: body.active === 'ja' };
    try {
      await staff.updateAccess(user.id, access, session.user.id);
    } catch (error) {
      if (!(error instanceof StaffInputError)) throw error;
      return sendPage(
        noStore(reply),
        <UserPage
          ctx={formContext(request, reply)}
          viewer={viewerOf(session)}
          user={{ ...user, ...access }}
          organisations={await store.organisations(db)}
          errors={[{ target: 'roles', message: request.t('bo.users.error.roles') }]}
        />,
        422,
      );
    }
    return reply.redirect(`/backoffice/benutzer/${user.id}?gespeichert=1`, 303);
  });

  app.post<UserRoute>('/backoffice/benutzer/:id/totp-zuruecksetzen', async (request, reply) => {
    const session = staffOr(request, reply, 'administration');
    if (!session) return reply;
    const user = await userOr404(request.params.id);
    await staff.resetTotp(user.id, session.user.id);
    return reply.redirect(`/backoffice/benutzer/${user.id}?gespeichert=totp`, 303);
  });
}
