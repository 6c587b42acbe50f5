// From an IdP's claims to the identity Amtsweg keeps with the session (names, birth date, address):
// standard OIDC claims, BundID's SAML friendly names and OIDs as a bridge passes them on, or a
// mapping the operator configures (OIDC_CLAIM_MAP).

export const IDENTITY_ATTRIBUTES = ['givenName', 'familyName', 'birthDate', 'street', 'postalCode', 'city', 'email'] as const;
export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];
export type Identity = Partial<Record<IdentityAttribute, string>>;

export const DEFAULT_CLAIM_MAP: Record<IdentityAttribute, string[]> = {
  givenName: ['given_name', 'givenName', 'urn:oid:2.5.4.42'],
  familyName: ['family_name', 'surname', 'urn:oid:2.5.4.4'],
  birthDate: ['birthdate', 'urn:oid:1.2.40.0.10.2.1.1.55'],
  street: ['address.street_address', 'postalAddress', 'urn:oid:2.5.4.16'],
  postalCode: ['address.postal_code', 'postalCode', 'urn:oid:2.5.4.17'],
  city: ['address.locality', 'localityName', 'urn:oid:2.5.4.7'],
  email: ['email', 'mail', 'urn:oid:0.9.2342.19200300.100.1.3'],
};

function lookup(claims: Record<string, unknown>, path: string): string | undefined {
  const direct = claims[path];
  if (typeof direct === 'string' && direct.trim() !== '') return direct.trim();
  const [head, ...rest] = path.split('.');
  const nested = head !== undefined && rest.length > 0 ? claims[head] : undefined;
  return nested && typeof nested === 'object' ? lookup(nested as Record<string, unknown>, rest.join('.')) : undefined;
}

/** German dates (TT.MM.JJJJ) and ISO dates become ISO; anything else is dropped rather than guessed. */
function isoDate(value: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const german = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(value);
  return german ? `${german[3]}-${german[2]}-${german[1]}` : undefined;
}

export function identityFrom(claims: Record<string, unknown>, map: Partial<Record<IdentityAttribute, string[]>> = {}): Identity {
  const identity: Identity = {};
  for (const attribute of IDENTITY_ATTRIBUTES) {
    const value = (map[attribute] ?? DEFAULT_CLAIM_MAP[attribute]).map((path) => lookup(claims, path)).find(Boolean);
    if (value === undefined) continue;
    const normalised = attribute === 'birthDate' ? isoDate(value) : value.slice(0, 200);
    if (normalised) identity[attribute] = normalised;
  }
  return identity;
}

/** OIDC_CLAIM_MAP: JSON like {"givenName": "vorname"} or {"givenName": ["vorname", "given_name"]}. */
export function parseClaimMap(raw: string | undefined): Partial<Record<IdentityAttribute, string[]>> | string {
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const map: Partial<Record<IdentityAttribute, string[]>> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (!IDENTITY_ATTRIBUTES.includes(key as IdentityAttribute)) return `unknown attribute "${key}" (known: ${IDENTITY_ATTRIBUTES.join(', ')})`;
      const paths = Array.isArray(value) ? value : [value];
      if (!paths.every((p) => typeof p === 'string')) return `claim names for "${key}" must be strings`;
      map[key as IdentityAttribute] = paths as string[];
    }
    return map;
  } catch {
    return 'is not valid JSON';
  }
}
