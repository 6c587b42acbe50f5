// Test identities of the development IdP, one or more per trust level, like the test persons of the
// BundID test environment (names, birth date, address in Musterstadt). Invented people only.
import type { TrustLevel } from '../../platform/db/schema.ts';
import { acrFor } from '../oidc/trust.ts';

export interface TestIdentity {
  sub: string;
  level: TrustLevel;
  /** How this person signs in, as BundID would say it. */
  means: string;
  given_name: string;
  family_name: string;
  birthdate: string;
  email: string;
  address: { street_address: string; postal_code: string; locality: string; country: string };
}

export const TEST_IDENTITIES: readonly TestIdentity[] = [
  {
    sub: 'dev-erika-mustermann',
    level: 'hoch',
    means: 'Online-Ausweisfunktion (Personalausweis)',
    given_name: 'Erika',
    family_name: 'Mustermann',
    birthdate: '1964-08-12',
    email: 'erika.mustermann@example.org',
    address: { street_address: 'Heidestraße 17', postal_code: '12345', locality: 'Musterstadt', country: 'DE' },
  },
  {
    sub: 'dev-max-mustermann',
    level: 'substantiell',
    means: 'ELSTER-Zertifikat',
    given_name: 'Max',
    family_name: 'Mustermann',
    birthdate: '1980-01-15',
    email: 'max.mustermann@example.org',
    address: { street_address: 'Lindenweg 5', postal_code: '12345', locality: 'Musterstadt', country: 'DE' },
  },
  {
    sub: 'dev-lieschen-mueller',
    level: 'niedrig',
    means: 'Benutzername und Passwort (Basisregistrierung)',
    given_name: 'Lieschen',
    family_name: 'Müller',
    birthdate: '1992-03-30',
    email: 'lieschen.mueller@example.org',
    address: { street_address: 'Am Markt 2', postal_code: '12345', locality: 'Musterstadt', country: 'DE' },
  },
];

export const identityBySub = (sub: string) => TEST_IDENTITIES.find((i) => i.sub === sub);

/** The claims the IdP releases for an identity: OIDC standard claims plus the acr of its level. */
export function claimsOf(identity: TestIdentity) {
  const { sub, given_name, family_name, birthdate, email, address } = identity;
  return { sub, given_name, family_name, birthdate, email, email_verified: true, address, acr: acrFor(identity.level) };
}
