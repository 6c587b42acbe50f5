// Sign-in through an OpenID Connect provider (a BundID/Land-account bridge such as Keycloak, or the
// development IdP): authorization code flow with PKCE, state and nonce, using openid-client.
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.ts';
import type { TrustLevel } from '../../platform/db/schema.ts';
import { type Identity, identityFrom } from './claims.ts';
import { acrFor, trustLevelOf } from './trust.ts';

export interface OidcSettings extends OidcConfig {
  /** Where the IdP sends the browser back: PUBLIC_URL + /konto/eid/rueckkehr. */
  redirectUri: string;
}

/** What the browser keeps (signed, short-lived) between leaving for the IdP and coming back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  trustLevel: TrustLevel;
  identity: Identity;
}

export function oidcClient(settings: OidcSettings) {
  let configuration: Promise<oidc.Configuration> | undefined;
  const insecure = settings.issuer.startsWith('http://');
  // Discovered on first use (the IdP may start after the portal); a failed discovery is retried next time.
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

  async function start(next: string, level: TrustLevel | undefined): Promise<{ url: string; pending: PendingSignIn }> {
    const pending: PendingSignIn = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), next };
    const parameters: Record<string, string> = {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    };
    // The minimum level asked for (as BundID's RequestedAuthnContext with comparison "minimum"); the
    // IdP answers with the level actually reached in the acr claim.
    parameters.acr_values = acrFor(level ?? 'niedrig');
    // A step-up must authenticate anew, not reuse a lower sign-in the IdP still remembers.
    if (level) parameters.prompt = 'login';
    return { url: oidc.buildAuthorizationUrl(await config(), parameters).href, pending };
  }

  async function finish(callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedIdentity> {
    const c = await config();
    const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims() as oidc.IDToken;
    const userInfo = tokens.access_token ? await oidc.fetchUserInfo(c, tokens.access_token, idClaims.sub) : {};
    const claims: Record<string, unknown> = { ...userInfo, ...idClaims };
    return {
      issuer: idClaims.iss,
      subject: idClaims.sub,
      trustLevel: trustLevelOf(claims[settings.trustClaim]),
      identity: identityFrom(claims, settings.claimMap),
    };
  }

  return { start, finish };
}

export type OidcClient = ReturnType<typeof oidcClient>;
