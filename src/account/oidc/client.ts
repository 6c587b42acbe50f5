// Sign-in through an OpenID Connect provider (a BundID/Land-account bridge such as Keycloak, or the
// development IdP): the platform's code flow, plus the trust level asked for and the identity claims.
import type { OidcConfig } from '../../config.ts';
import { oidcFlow, type PendingSignIn } from '../../platform/auth/oidc.ts';
import type { TrustLevel } from '../../platform/db/schema.ts';
import { type Identity, identityFrom } from './claims.ts';
import { acrFor, trustLevelOf } from './trust.ts';

export type { PendingSignIn };

export interface OidcSettings extends OidcConfig {
  /** Where the IdP sends the browser back: PUBLIC_URL + /konto/eid/rueckkehr. */
  redirectUri: string;
}

export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  trustLevel: TrustLevel;
  identity: Identity;
}

export function oidcClient(settings: OidcSettings) {
  const flow = oidcFlow(settings);

  function start(next: string, level: TrustLevel | undefined) {
    // The minimum level asked for (as BundID's RequestedAuthnContext with comparison "minimum"); the
    // IdP answers with the level actually reached in the acr claim. A step-up must authenticate anew,
    // not reuse a lower sign-in the IdP still remembers.
    return flow.start(next, { acr_values: acrFor(level ?? 'niedrig'), ...(level ? { prompt: 'login' } : {}) });
  }

  async function finish(callbackUrl: URL, pending: PendingSignIn): Promise<VerifiedIdentity> {
    const { issuer, subject, claims } = await flow.finish(callbackUrl, pending);
    return { issuer, subject, trustLevel: trustLevelOf(claims[settings.trustClaim]), identity: identityFrom(claims, settings.claimMap) };
  }

  return { start, finish };
}

export type OidcClient = ReturnType<typeof oidcClient>;
