// Local accounts: registration with e-mail verification, sign-in with limits, password reset, change
// of e-mail and password. Plain functions over the store; no HTTP.
import type { Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.ts';
import { isEmailAddress } from '../platform/email.ts';
import { translator } from '../platform/i18n/index.ts';
import { queueMail } from '../platform/mail/index.ts';
import { hashSecret, isSecret } from '../platform/secrets.ts';
import type { VerifiedIdentity } from './oidc/client.ts';
import { dummyHash, hashPassword, type PasswordProblem, passwordProblem, verifyPassword } from './passwords.ts';
import { type Lock, type LoginLimits, loginLimiter, mailLimiter } from './rate-limit.ts';
import type { Session, Sessions } from './sessions.ts';
import * as store from './store.ts';
import { linkTokens, type TokenPurpose } from './tokens.ts';

export interface AccountSettings {
  publicUrl: string;
  municipality: string;
  /** Hours a verification or reset link is valid. */
  linkHours: number;
  limits: LoginLimits;
  /** Days an account that never confirmed its e-mail is kept. */
  unverifiedDays: number;
}

export interface AccountDeps {
  db: Kysely<Database>;
  sessions: Sessions;
  settings: AccountSettings;
  wake: () => void;
  now?: () => Date;
}

export type Lang = 'de' | 'en';

export type SignInOutcome = { kind: 'signedIn'; token: string } | { kind: 'invalid' } | { kind: 'unverified' } | { kind: 'locked'; lock: Lock };

const personalWords = (email: string) => [email.split('@')[0] ?? ''];

export function accountService(deps: AccountDeps) {
  const { db, settings, sessions } = deps;
  const now = deps.now ?? (() => new Date());
  const limiter = loginLimiter(db, settings.limits, now);
  const mails = mailLimiter(db, now);

  /** Mails a link, unless this address had its hourly share already (the page says the same either way). */
  async function mailLink(to: string, lang: Lang, kind: 'verify' | 'reset' | 'email' | 'exists', path: string): Promise<void> {
    if (!(await mails.allow(to))) return;
    const t = translator(lang);
    await queueMail(db, {
      to,
      subject: t(`mail.account.${kind}.subject`),
      body: t(`mail.account.${kind}.body`, { url: `${settings.publicUrl}${path}`, hours: settings.linkHours, municipality: settings.municipality }),
    });
    deps.wake();
  }

  const tokens = linkTokens(db, now);
  const issueToken = (accountId: string, purpose: TokenPurpose, payload?: Record<string, string>) =>
    tokens.issue(accountId, purpose, settings.linkHours, payload);

  /**
   * Registers an account and mails a verification link. For an address that already has an account the
   * same page is shown and the owner is told by mail instead: the form never reveals who has an account.
   */
  async function register(email: string, password: string, lang: Lang): Promise<{ problem?: PasswordProblem }> {
    const problem = await passwordProblem(password, personalWords(email));
    if (problem) return { problem };
    const existing = await store.findAccountByEmail(db, email);
    if (existing) {
      await mailLink(existing.email as string, lang, 'exists', '/konto/passwort-vergessen');
      return {};
    }
    const accountId = await store.createAccount(db, { email, passwordHash: await hashPassword(password), lang });
    await mailLink(email, lang, 'verify', `/konto/bestaetigen?token=${await issueToken(accountId, 'verify')}`);
    return {};
  }

  /** Confirms the address of a new account; returns the account id, or undefined for a bad or used link. */
  async function verifyEmail(token: unknown): Promise<string | undefined> {
    const used = await tokens.use(token, 'verify');
    if (!used) return undefined;
    await store.updateAccount(db, used.accountId, { email_verified_at: now() });
    return used.accountId;
  }

  /** Sends another verification link, if the address belongs to an unverified account (silently otherwise). */
  async function resendVerification(email: string, lang: Lang): Promise<void> {
    const account = await store.findAccountByEmail(db, email);
    if (!account || account.email_verified_at) return;
    await mailLink(account.email as string, lang, 'verify', `/konto/bestaetigen?token=${await issueToken(account.id, 'verify')}`);
  }

  async function signIn(email: string, password: string, address: string, userAgent: string): Promise<SignInOutcome> {
    const lock = await limiter.locked(email, address);
    if (lock) return { kind: 'locked', lock };
    const account = isEmailAddress(email) ? await store.findAccountByEmail(db, email) : undefined;
    const ok = await verifyPassword(password, account?.password_hash ?? (await dummyHash()));
    if (!account || !ok) {
      await limiter.failed(email, address);
      return { kind: 'invalid' };
    }
    await limiter.succeeded(email);
    if (!account.email_verified_at) return { kind: 'unverified' };
    return { kind: 'signedIn', token: await sessions.start({ accountId: account.id, trustLevel: 'niedrig', userAgent }) };
  }

  /**
   * Signs in with an identity an IdP vouched for. A known identity opens its account; a new one joins
   * the account already signed in (step-up from e-mail and password) or gets an account of its own.
   * The names the IdP confirmed replace what the account had.
   */
  async function signInWithEid(verified: VerifiedIdentity, current: Session | undefined, userAgent: string): Promise<string> {
    let accountId = await store.accountOfIdentity(db, verified.issuer, verified.subject);
    if (!accountId) {
      const email = verified.identity.email && !(await store.findAccountByEmail(db, verified.identity.email)) ? verified.identity.email : null;
      accountId = current?.accountId ?? (await store.createAccount(db, { email, passwordHash: null, lang: 'de' }));
      await store.linkIdentity(db, verified.issuer, verified.subject, accountId);
    }
    const { givenName, familyName } = verified.identity;
    if (givenName || familyName) await store.updateAccount(db, accountId, { given_name: givenName ?? null, family_name: familyName ?? null });
    if (current) await sessions.end(current);
    return sessions.start({ accountId, trustLevel: verified.trustLevel, identity: { ...verified.identity, issuer: verified.issuer }, userAgent });
  }

  async function requestReset(email: string, lang: Lang): Promise<void> {
    const account = isEmailAddress(email) ? await store.findAccountByEmail(db, email) : undefined;
    if (!account?.email || !account.password_hash) return;
    await mailLink(account.email, lang, 'reset', `/konto/passwort-neu?token=${await issueToken(account.id, 'reset')}`);
  }

  /** Sets a new password from a reset link; every session of the account ends. */
  async function resetPassword(token: unknown, password: string): Promise<{ problem?: PasswordProblem; invalidLink?: true }> {
    if (!isSecret(token)) return { invalidLink: true };
    const account = await accountOfToken(token, 'reset');
    if (!account) return { invalidLink: true };
    const problem = await passwordProblem(password, personalWords(account.email ?? ''));
    if (problem) return { problem };
    if (!(await tokens.use(token, 'reset'))) return { invalidLink: true };
    // The link came by mail, so following it proves the address as well.
    await store.updateAccount(db, account.id, { password_hash: await hashPassword(password), email_verified_at: account.email_verified_at ?? now() });
    await sessions.endAll(account.id);
    return {};
  }

  /** The account a link is for, without using it up (to show the form before the new password is set). */
  async function accountOfToken(token: string, purpose: 'reset'): Promise<store.AccountRow | undefined> {
    const row = await db
      .selectFrom('account_tokens')
      .select('account_id')
      .where('token_hash', '=', hashSecret(token))
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now())
      .executeTakeFirst();
    return row ? store.findAccount(db, row.account_id) : undefined;
  }

  async function changePassword(
    account: store.AccountRow,
    current: string,
    next: string,
    keep: Parameters<Sessions['endAll']>[1],
  ): Promise<{ wrongCurrent?: true; problem?: PasswordProblem }> {
    if (!account.password_hash || !(await verifyPassword(current, account.password_hash))) return { wrongCurrent: true };
    const problem = await passwordProblem(next, personalWords(account.email ?? ''));
    if (problem) return { problem };
    await store.updateAccount(db, account.id, { password_hash: await hashPassword(next) });
    await sessions.endAll(account.id, keep);
    return {};
  }

  /** Mails a confirmation link to the new address; the change takes effect when it is followed. */
  async function requestEmailChange(account: store.AccountRow, current: string, email: string, lang: Lang): Promise<{ wrongCurrent?: true }> {
    if (account.password_hash && !(await verifyPassword(current, account.password_hash))) return { wrongCurrent: true };
    const taken = await store.findAccountByEmail(db, email);
    if (taken && taken.id !== account.id) {
      await mailLink(email, lang, 'exists', '/konto/passwort-vergessen');
      return {};
    }
    await mailLink(email, lang, 'email', `/konto/email-bestaetigen?token=${await issueToken(account.id, 'email', { email })}`);
    return {};
  }

  async function confirmEmailChange(token: unknown): Promise<boolean> {
    const used = await tokens.use(token, 'email');
    const email = used?.payload.email;
    if (!used || !email) return false;
    const taken = await store.findAccountByEmail(db, email);
    if (taken && taken.id !== used.accountId) return false;
    await store.updateAccount(db, used.accountId, { email, email_verified_at: now() });
    return true;
  }

  /** Daily housekeeping: expired sessions and links, old failure counts, accounts never confirmed. */
  const purge = () => {
    const at = now();
    return store.purgeExpired(db, at, new Date(at.getTime() - settings.unverifiedDays * 86_400_000), new Date(at.getTime() - 86_400_000));
  };

  return {
    settings,
    register,
    verifyEmail,
    resendVerification,
    signIn,
    signInWithEid,
    requestReset,
    resetPassword,
    hasValidResetLink: async (token: unknown) => isSecret(token) && Boolean(await accountOfToken(token, 'reset')),
    changePassword,
    requestEmailChange,
    confirmEmailChange,
    purge,
  };
}

export type AccountService = ReturnType<typeof accountService>;
