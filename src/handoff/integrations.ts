// Integrations: the Fachverfahren that call Amtsweg's API. Each has a client id and secret for the
// OAuth2 client credentials grant (tokens are JWTs valid five minutes, signed with a key derived
// from SESSION_SECRET) and optionally an API key, which can be bound to the SHA-256 of a client
// certificate that the TLS-terminating proxy passes on (mutual TLS). Each is limited to services and
// operations. Only hashes of secrets and keys are stored; they are shown once, when made.
import crypto from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Kysely, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database, IntegrationTable } from '../platform/db/schema.ts';
import { hashSecret, newSecret, secretMatches } from '../platform/secrets.ts';

export const OPERATIONS = ['submissions:read', 'submissions:ack', 'status:write'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const TOKEN_SECONDS = 300;

export interface Integration {
  id: string;
  name: string;
  clientId: string;
  serviceIds: string[];
  operations: Operation[];
  hasApiKey: boolean;
  certSha256: string | null;
  active: boolean;
  lastUsedAt: Date | null;
  createdAt: Date;
}

const toIntegration = (r: Selectable<IntegrationTable>): Integration => ({
  id: r.id,
  name: r.name,
  clientId: r.client_id,
  serviceIds: r.service_ids,
  operations: r.operations.filter((o): o is Operation => (OPERATIONS as readonly string[]).includes(o)),
  hasApiKey: r.api_key_hash !== null,
  certSha256: r.cert_sha256,
  active: r.active,
  lastUsedAt: r.last_used_at,
  createdAt: r.created_at,
});

/** Why a call was refused: 401 (who are you?) or 403 (not this). */
export type Refusal =
  | { status: 401; reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'unknown' | 'inactive' | 'certificate' }
  | { status: 403; reason: 'scope' | 'service' };

export type Authentication = { ok: true; integration: Integration; via: 'token' | 'apiKey' } | { ok: false; refusal: Refusal; integrationId?: string };

export interface IntegrationInput {
  name: string;
  serviceIds: string[];
  operations: Operation[];
}

export function integrationService(deps: { db: Kysely<Database>; masterSecret: string; issuer: string }) {
  const { db } = deps;
  const key = new Uint8Array(crypto.hkdfSync('sha256', deps.masterSecret, 'amtsweg', 'integration-tokens-v1', 32));
  const audience = `${deps.issuer}/api/v1`;

  const byId = async (id: string) => {
    const row = await db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toIntegration(row) : undefined;
  };

  const touch = (id: string) =>
    db
      .updateTable('integrations')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`)]))
      .execute();

  return {
    byId,
    list: async () => (await db.selectFrom('integrations').selectAll().orderBy('name').execute()).map(toIntegration),

    /** A new integration; returns the client secret, which is shown this once. */
    async create(input: IntegrationInput): Promise<{ integration: Integration; clientSecret: string }> {
      const { secret, hash } = newSecret();
      const row = await db
        .insertInto('integrations')
        .values({
          name: input.name,
          client_id: `aw-${crypto.randomBytes(9).toString('base64url')}`,
          secret_hash: hash,
          service_ids: input.serviceIds,
          operations: input.operations,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { integration: toIntegration(row), clientSecret: secret };
    },

    async update(id: string, input: IntegrationInput): Promise<void> {
      await db
        .updateTable('integrations')
        .set({ name: input.name, service_ids: input.serviceIds, operations: input.operations, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** A new client secret; the old one stops working at once. */
    async rotateSecret(id: string): Promise<string> {
      const { secret, hash } = newSecret();
      await db.updateTable('integrations').set({ secret_hash: hash, updated_at: sql`now()` }).where('id', '=', id).execute();
      return secret;
    },

    /** A new API key (replacing any earlier one), optionally bound to a client certificate's SHA-256. */
    async issueApiKey(id: string, certSha256: string | null): Promise<string> {
      const apiKey = `awk_${crypto.randomBytes(32).toString('base64url')}`;
      await db
        .updateTable('integrations')
        .set({ api_key_hash: hashSecret(apiKey), cert_sha256: certSha256, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
      return apiKey;
    },

    setActive: (id: string, active: boolean) => db.updateTable('integrations').set({ active, updated_at: sql`now()` }).where('id', '=', id).execute(),

    /** The client credentials grant: a signed token for the integration's operations (or the asked subset). */
    async issueToken(
      clientId: string,
      clientSecret: string,
      scope?: string,
    ): Promise<{ token: string; scope: string; integration: Integration } | { error: 'invalid_client' | 'invalid_scope'; integrationId?: string }> {
      const row = await db.selectFrom('integrations').selectAll().where('client_id', '=', clientId).executeTakeFirst();
      if (!row || !row.active || !secretMatches(clientSecret, row.secret_hash)) return { error: 'invalid_client', integrationId: row?.id };
      const integration = toIntegration(row);
      const asked = scope ? scope.split(' ').filter(Boolean) : integration.operations;
      if (!asked.every((s) => (integration.operations as string[]).includes(s))) return { error: 'invalid_scope', integrationId: row.id };
      const token = await new SignJWT({ scope: asked.join(' ') })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setIssuer(deps.issuer)
        .setAudience(audience)
        .setSubject(integration.id)
        .setIssuedAt()
        .setExpirationTime(`${TOKEN_SECONDS}s`)
        .setJti(crypto.randomUUID())
        .sign(key);
      await touch(integration.id);
      return { token, scope: asked.join(' '), integration };
    },

    /**
     * Who is calling, from `Authorization: Bearer <token>` or `Authorization: ApiKey <key>` (with
     * the client certificate's SHA-256 from the proxy when the key is bound to one), and whether
     * it may do `operation`.
     */
    async authenticate(authorization: string | undefined, certSha256: string | undefined, operation: Operation): Promise<Authentication> {
      const [scheme, credential] = (authorization ?? '').split(' ', 2);
      if (!scheme || !credential) return { ok: false, refusal: { status: 401, reason: 'missing' } };
      let integration: Integration | undefined;
      let scopes: string[];
      let via: 'token' | 'apiKey';
      if (scheme.toLowerCase() === 'bearer') {
        try {
          const { payload } = await jwtVerify(credential, key, { issuer: deps.issuer, audience, algorithms: ['HS256'], typ: 'at+jwt' });
          integration = payload.sub ? await byId(payload.sub) : undefined;
          scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
          via = 'token';
        } catch (error) {
          const reason =
            error instanceof joseErrors.JWTExpired ? 'expired' : error instanceof joseErrors.JWSSignatureVerificationFailed ? 'signature' : 'malformed';
          return { ok: false, refusal: { status: 401, reason } };
        }
      } else if (scheme.toLowerCase() === 'apikey') {
        const row = await db.selectFrom('integrations').selectAll().where('api_key_hash', '=', hashSecret(credential)).executeTakeFirst();
        if (row?.cert_sha256 && row.cert_sha256 !== certSha256?.toLowerCase())
          return { ok: false, refusal: { status: 401, reason: 'certificate' }, integrationId: row.id };
        integration = row ? toIntegration(row) : undefined;
        scopes = integration?.operations ?? [];
        via = 'apiKey';
      } else {
        return { ok: false, refusal: { status: 401, reason: 'malformed' } };
      }
      if (!integration) return { ok: false, refusal: { status: 401, reason: 'unknown' } };
      if (!integration.active) return { ok: false, refusal: { status: 401, reason: 'inactive' }, integrationId: integration.id };
      if (!scopes.includes(operation) || !integration.operations.includes(operation))
        return { ok: false, refusal: { status: 403, reason: 'scope' }, integrationId: integration.id };
      await touch(integration.id);
      return { ok: true, integration, via };
    },
  };
}

export type IntegrationService = ReturnType<typeof integrationService>;
