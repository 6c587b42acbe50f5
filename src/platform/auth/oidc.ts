// The OpenID Connect authorization code flow (PKCE, state, nonce) with openid-client, for every
// sign-in through a provider: citizens' eID and staff's Dienstkonto. The state travels in a signed,
// short-lived cookie on the flow's own path.
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as oidc from 'openid-client';

export interface OidcProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  /** Where the provider sends the browser back. */
  redirectUri: string;
}

/** What the browser keeps between leaving for the provider and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export interface VerifiedClaims {
  issuer: string;
  subject: string;
  /** ID token claims over userinfo claims. */
  claims: Record<string, unknown>;
}

export function oidcFlow(settings: OidcProviderSettings) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const insecure = settings.issuer.startsWith('http://');
  // Discovered on first use (the provider may start after us); a failed discovery is retried next time.
  function config(): Promise<oidc.Configuration> {
    configuration ??= oidc
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        insecure ? { execute: [oidc.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        configuration = undefined;
        throw error;
      });
    return configuration;
  }

  async function start(next: string, extra: Record<string, string> = {}): Promise<{ url: string; pending: PendingSignIn }> {
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const parameters: Record<string, string> = {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      ...extra,
    };
    return { url: oidc.buildAuthorizationUrl(await config(), parameters).href, pending };
  }

  async function finish(callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedClaims> {
    const c = await config();
    const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as oidc.IDToken;
    const userInfo = tokens.access_token ? await oidc.fetchUserInfo(c, tokens.access_token, idClaims.sub) : {};
    return { issuer: idClaims.iss, subject: idClaims.sub, claims: { ...userInfo, ...idClaims } };
  }

  return { start, finish };
}

export type OidcFlow = ReturnType<typeof oidcFlow>;

/** Keeps the pending sign-in in a signed cookie on `path` for ten minutes. */
export function keepPending(reply: FastifyReply, cookie: { name: string; path: string; secure: boolean }, pending: PendingSignIn): void {
  reply.setCookie(cookie.name, JSON.stringify(pending), {
    path: cookie.path,
    httpOnly: true,
    sameSite: 'lax',
    secure: cookie.secure,
    signed: true,
    maxAge: 600,
  });
}

/** The pending sign-in from its cookie (cleared in any case), or undefined if missing or tampered with. */
export function takePending(request: FastifyRequest, reply: FastifyReply, cookie: { name: string; path: string }): PendingSignIn | undefined {
  const raw = request.cookies[cookie.name];
  const unsigned = raw ? request.unsignCookie(raw) : undefined;
  reply.clearCookie(cookie.name, { path: cookie.path });
  if (!unsigned?.valid || !unsigned.value) return undefined;
  try {
    return JSON.parse(unsigned.value) as PendingSignIn;
  } catch {
    return undefined;
  }
}
