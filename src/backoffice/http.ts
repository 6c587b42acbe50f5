// The staff session on back-office requests (its own cookie, scoped to /backoffice, separate from the
// citizen's), and the guards routes declare: signed in completely, and holding a role.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '../platform/db/schema.ts';
import { HttpError } from '../platform/http/problem.ts';
import type { StaffService, StaffSession } from './staff/service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member (back-office paths only). */
    staff: StaffSession | undefined;
  }
}

export const STAFF_COOKIE = 'amtsweg_staff';
export const STAFF_PATH = '/backoffice';

export function registerStaffSessionHook(app: FastifyInstance, staff: StaffService): void {
  app.decorateRequest('staff', undefined);
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(STAFF_PATH)) return;
    const token = request.cookies[STAFF_COOKIE];
    if (!token) return;
    request.staff = await staff.resume(token);
    if (!request.staff) reply.clearCookie(STAFF_COOKIE, { path: STAFF_PATH });
  });
}

export function setStaffCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(STAFF_COOKIE, token, { path: STAFF_PATH, httpOnly: true, sameSite: 'strict', secure });
}

/**
 * The completely signed-in staff member with one of `roles` (any role if none given). Without a
 * session the reply goes to the sign-in page; with a session but no such role the answer is 403.
 */
export function staffOr(request: FastifyRequest, reply: FastifyReply, ...roles: StaffRole[]): StaffSession | undefined {
  const session = request.staff;
  if (!session || session.stage !== 'complete') {
    reply.redirect(`${STAFF_PATH}/anmelden`, 303);
    return undefined;
  }
  if (roles.length > 0 && !roles.some((r) => session.user.roles.includes(r))) throw new HttpError(403, 'forbidden', 'Not allowed for this role');
  return session;
}

/** The signed-in staff member for an API call: 401 without a complete session, 403 without a role. */
export function staffApi(request: FastifyRequest, ...roles: StaffRole[]): StaffSession {
  const session = request.staff;
  if (!session || session.stage !== 'complete') throw new HttpError(401, 'unauthorized', 'Sign in to the back office first');
  if (roles.length > 0 && !roles.some((r) => session.user.roles.includes(r))) throw new HttpError(403, 'forbidden', 'Not allowed for this role');
  return session;
}

/** A form with one text file (FIM XML, CSV): its fields and the file as UTF-8, or that it was too large. */
export async function readTextUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<{ fields: Record<string, string>; text?: string; tooLarge?: boolean }> {
  const fields: Record<string, string> = {};
  let text: string | undefined;
  let tooLarge = false;
  for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    const content = await part.toBuffer().catch(() => undefined);
    if (!content || part.file.truncated) tooLarge = true;
    else if (part.filename && content.length > 0) text = content.toString('utf8');
  }
  return { fields, text, tooLarge };
}
