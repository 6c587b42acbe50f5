// Staff accounts and their sign-in: password first, then a TOTP code (or enrolment on first sign-in).
// Plain functions over the store; every change is written to the audit log.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { dummyHash, hashPassword, type Lock, type LoginLimits, loginLimiter, passwordProblem, verifyPassword } from '../../account/index.ts';
import { audit } from '../../platform/audit/index.ts';
import { newTotpSecret, verifyTotp } from '../../platform/auth/totp.ts';
import type { Database, StaffRole } from '../../platform/db/schema.ts';
import { decryptSecret, encryptSecret, hashSecret, isSecret, newSecret } from '../../platform/secrets.ts';
import type { FoundSession, SessionCache } from './session-cache.ts';
import * as store from './store.ts';

export const STAFF_ROLES: readonly StaffRole[] = ['sachbearbeitung', 'teamleitung', 'redaktion', 'ozg_koordination', 'administration'];

export interface StaffSettings {
  /** SESSION_SECRET: the key TOTP seeds are encrypted with. */
  secret: string;
  idleMinutes: number;
  maxHours: number;
  limits: LoginLimits;
}

export interface StaffSession {
  tokenHash: string;
  stage: 'password' | 'complete';
  user: store.StaffUser;
}

export type CodeOutcome = { kind: 'signedIn'; token: string } | { kind: 'invalid' } | { kind: 'locked'; lock: Lock };

export type StaffSignIn = { kind: 'code' | 'enrol'; token: string } | { kind: 'invalid' } | { kind: 'locked'; lock: Lock };

export class StaffInputError extends Error {
  constructor(
    readonly field: 'email' | 'name' | 'password' | 'roles',
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

/**
 * `sessions` keeps looked-up sessions (see session-cache.ts); without it every request asks the
 * database. Whatever this service changes about staff empties it at once.
 */
export function staffService(db: Kysely<Database>, settings: StaffSettings, now: () => Date = () => new Date(), sessions?: SessionCache) {
  const limiter = loginLimiter(db, settings.limits, now, 'staff');
  /** Runs a change to staff accounts or sessions; afterwards no kept session predates it. */
  const changing = async <T>(change: Promise<T>): Promise<T> => {
    try {
      return await change;
    } finally {
      sessions?.clear();
    }
  };
  const lookUp = (tokenHash: string) => store.findSessionWithUser(db, tokenHash);

  async function startSession(userId: string, stage: 'password' | 'complete', userAgent: string): Promise<string> {
    const { secret, hash } = newSecret();
    // A half-done sign-in (password only) lives five minutes; a full one the configured time.
    const ttl = stage === 'password' ? 5 * 60_000 : settings.maxHours * 3_600_000;
    await store.createSession(db, { tokenHash: hash, userId, stage, userAgent, expiresAt: new Date(now().getTime() + ttl) });
    return secret;
  }

  /** Creates a staff account; without a password one is generated and returned (to hand over once). */
  async function createUser(
    input: { email: string; name: string; password?: string; roles: StaffRole[]; organisationIds: string[] },
    actorId: string,
  ): Promise<{ id: string; password: string }> {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(input.email)) throw new StaffInputError('email', 'invalid');
    if (input.name.trim() === '') throw new StaffInputError('name', 'missing');
    if (input.roles.length === 0 || !input.roles.every((r) => STAFF_ROLES.includes(r))) throw new StaffInputError('roles', 'invalid');
    if (await store.findByEmail(db, input.email)) throw new StaffInputError('email', 'taken');
    const password = input.password ?? crypto.randomBytes(15).toString('base64url');
    const problem = await passwordProblem(password, [input.email.split('@')[0] ?? '']);
    if (problem) throw new StaffInputError('password', problem);
    const id = await store.createUser(db, { ...input, name: input.name.trim(), passwordHash: await hashPassword(password) });
    await audit(db, {
      actorType: actorId === 'cli' ? 'system' : 'staff',
      actorId,
      action: 'user.create',
      objectType: 'staff_user',
      objectId: id,
      details: { email: input.email, roles: input.roles, organisationIds: input.organisationIds },
    });
    return { id, password };
  }

  async function signIn(email: string, password: string, address: string, userAgent: string): Promise<StaffSignIn> {
    const lock = await limiter.locked(email, address);
    if (lock) return { kind: 'locked', lock };
    const user = await store.findByEmail(db, email);
    const ok = await verifyPassword(password, user?.password_hash ?? (await dummyHash()));
    if (!user || !ok || !user.active) {
      await limiter.failed(email, address);
      return { kind: 'invalid' };
    }
    await limiter.succeeded(email);
    return { kind: user.totp_enabled_at ? 'code' : 'enrol', token: await startSession(user.id, 'password', userAgent) };
  }

  async function resume(token: string | undefined): Promise<StaffSession | undefined> {
    if (!isSecret(token)) return undefined;
    const tokenHash = hashSecret(token);
    const at = now();
    const ended = (found: FoundSession) => found.expires_at <= at || at.getTime() - found.last_seen_at.getTime() > settings.idleMinutes * 60_000;
    let session = sessions ? await sessions.get(tokenHash, () => lookUp(tokenHash)) : await lookUp(tokenHash);
    // Ending a session is decided on what the database says now: another process may have seen it since.
    if (session && sessions && ended(session)) session = await lookUp(tokenHash);
    if (!session) return undefined;
    if (ended(session)) {
      await changing(store.deleteSession(db, tokenHash));
      return undefined;
    }
    const { user } = session;
    if (!user.active) return undefined;
    if (at.getTime() - session.last_seen_at.getTime() > 60_000) {
      await store.touchSession(db, tokenHash, at);
      sessions?.seen(tokenHash, at);
    }
    return { tokenHash, stage: session.stage, user };
  }

  /** The seed to show as a QR code; kept (encrypted) but not active until a code from it is confirmed. */
  async function enrolmentSecret(user: store.StaffUser): Promise<string> {
    if (user.totp_secret && !user.totp_enabled_at) return decryptSecret(settings.secret, user.totp_secret);
    const secret = newTotpSecret();
    await changing(store.setTotp(db, user.id, encryptSecret(settings.secret, secret), null));
    return secret;
  }

  /**
   * Checks the second factor of a half-done sign-in (and finishes an enrolment). On success the
   * session is replaced by a new, complete one; the returned token goes into the cookie.
   */
  async function confirmCode(session: StaffSession, code: string, address: string, userAgent: string): Promise<CodeOutcome> {
    const { user } = session;
    if (session.stage !== 'password' || !user.totp_secret) return { kind: 'invalid' };
    // Wrong codes count like wrong passwords: six digits must not be guessable.
    const lock = await limiter.locked(user.email, address);
    if (lock) return { kind: 'locked', lock };
    const secret = decryptSecret(settings.secret, user.totp_secret);
    const step = verifyTotp(secret, code, now(), user.totp_last_step === null ? -1 : Number(user.totp_last_step));
    if (step === undefined) {
      await limiter.failed(user.email, address);
      return { kind: 'invalid' };
    }
    await changing(
      db
        .updateTable('staff_users')
        .set({ totp_last_step: step, totp_enabled_at: user.totp_enabled_at ?? now() })
        .where('id', '=', user.id)
        .execute(),
    );
    if (!user.totp_enabled_at)
      await audit(db, { actorType: 'staff', actorId: user.id, action: 'user.totp_enrolled', objectType: 'staff_user', objectId: user.id });
    await changing(store.deleteSession(db, session.tokenHash));
    await changing(store.markSignedIn(db, user.id, now()));
    await audit(db, { actorType: 'staff', actorId: user.id, action: 'user.sign_in', objectType: 'staff_user', objectId: user.id });
    return { kind: 'signedIn', token: await startSession(user.id, 'complete', userAgent) };
  }

  async function updateAccess(userId: string, access: { roles: StaffRole[]; organisationIds: string[]; active: boolean }, actorId: string): Promise<void> {
    if (access.roles.length === 0 || !access.roles.every((r) => STAFF_ROLES.includes(r))) throw new StaffInputError('roles', 'invalid');
    await changing(store.updateAccess(db, userId, access));
    await audit(db, { actorType: 'staff', actorId, action: 'user.access', objectType: 'staff_user', objectId: userId, details: access });
  }

  /** The user must enrol a new authenticator at the next sign-in (lost phone). */
  async function resetTotp(userId: string, actorId: string): Promise<void> {
    await changing(store.setTotp(db, userId, null, null));
    await changing(db.deleteFrom('staff_sessions').where('user_id', '=', userId).execute());
    await audit(db, { actorType: 'staff', actorId, action: 'user.totp_reset', objectType: 'staff_user', objectId: userId });
  }

  /**
   * Sign-in through the staff identity provider (which does its own second factor). The account is
   * found by the provider's subject, or the first time by a verified e-mail address, which binds
   * the subject; the provider never creates accounts or grants roles.
   */
  async function signInWithProvider(verified: { subject: string; email?: string; emailVerified: boolean }, userAgent: string): Promise<string | undefined> {
    let user = await store.findByOidcSubject(db, verified.subject);
    if (!user && verified.email && verified.emailVerified) {
      const byEmail = await store.findByEmail(db, verified.email);
      if (byEmail && !byEmail.oidc_subject) {
        await changing(store.bindOidcSubject(db, byEmail.id, verified.subject));
        await audit(db, { actorType: 'staff', actorId: byEmail.id, action: 'user.oidc_bound', objectType: 'staff_user', objectId: byEmail.id });
        user = byEmail;
      }
    }
    if (!user?.active) return undefined;
    await changing(store.markSignedIn(db, user.id, now()));
    await audit(db, { actorType: 'staff', actorId: user.id, action: 'user.sign_in', objectType: 'staff_user', objectId: user.id, details: { method: 'oidc' } });
    return startSession(user.id, 'complete', userAgent);
  }

  return {
    createUser,
    signIn,
    signInWithProvider,
    resume,
    enrolmentSecret,
    confirmCode,
    updateAccess,
    resetTotp,
    signOut: (session: StaffSession) => changing(store.deleteSession(db, session.tokenHash)),
  };
}

export type StaffService = ReturnType<typeof staffService>;
